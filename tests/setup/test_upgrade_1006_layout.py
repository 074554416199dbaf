"""1005 → 1006: the classes moved into their feature's folder.

A site created before the move holds pickles that name the old modules
(``ospa.social.content.post.Post``, ``ospa.social.storage.PersonalSet``,
``ospa.social.pas``…) and types whose factory information names them.
"""

from Acquisition import aq_base
from ospa.social import MOVED_MODULES
from ospa.social.testing import create_people
from ospa.social.testing import make_community
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from ZODB.DemoStorage import DemoStorage
import importlib
import pickle
import pytest
import transaction
import ZODB


PROFILE = "ospa.social:default"
OLD_CLASSES = {
    "Community": "ospa.social.content.community.Community",
    "Post": "ospa.social.content.post.Post",
    "Stream": "ospa.social.content.stream.StreamFolder",
    "Idea Box": "ospa.social.content.idea.IdeaBox",
    "Idea": "ospa.social.content.idea.Idea",
}


def _persistent_classes(module):
    from persistent import Persistent

    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, Persistent)
        and value.__module__ == module.__name__
    ]


@pytest.mark.parametrize(
    "old", sorted(name for name, new in MOVED_MODULES.items() if new)
)
def test_every_persistent_class_loads_under_its_old_name(old):
    """A pickle naming the old module yields the class of the new one."""
    new = importlib.import_module(MOVED_MODULES[old])
    for cls in _persistent_classes(new):
        data = f"c{old}\n{cls.__name__}\n.".encode()
        assert pickle.loads(data) is cls


def test_an_object_stored_under_an_old_class_name_loads_and_is_saved_under_the_new():
    """Through a real ZODB: the record names the old module."""
    from ospa.social.core.storage import PersonalSet

    db = ZODB.DB(DemoStorage())
    try:
        conn = db.open()
        root = conn.root()
        root["set"] = PersonalSet()
        root["set"].add("uid-1")
        transaction.commit()
        oid = root["set"]._p_oid
        record, serial = db.storage.load(oid)
        old = record.replace(b"ospa.social.core.storage", b"ospa.social.storage")
        assert old != record
        txn = transaction.get()
        db.storage.tpc_begin(txn)
        db.storage.store(oid, serial, old, "", txn)
        db.storage.tpc_vote(txn)
        db.storage.tpc_finish(txn)
        transaction.abort()
        # Written past the connection: what it kept of the object is stale.
        conn._cache.invalidate(oid)
        conn.close()

        conn = db.open()
        loaded = conn.root()["set"]
        assert type(loaded) is PersonalSet
        assert "uid-1" in loaded
        loaded._p_changed = True
        transaction.commit()
        record, serial = db.storage.load(oid)
        assert b"ospa.social.core.storage" in record
        assert b"ospa.social.storage\n" not in record
        conn.close()
    finally:
        transaction.abort()
        db.close()


def test_upgrade_points_the_types_at_the_new_classes(portal):
    types = api.portal.get_tool("portal_types")
    for name, old in OLD_CLASSES.items():
        types[name].klass = old
        types[name].schema = (
            old.rsplit(".", 1)[0] + ".I" + old.rsplit(".", 1)[1] + "Schema"
        )
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1005")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == ("1009",)
    for name in OLD_CLASSES:
        fti = types[name]
        module, cls = fti.klass.rsplit(".", 1)
        assert module not in MOVED_MODULES
        assert isinstance(getattr(importlib.import_module(module), cls), type)
        schema_module, schema = fti.schema.rsplit(".", 1)
        assert schema_module == module
        assert hasattr(importlib.import_module(schema_module), schema)
    # What is created now is of the new class.
    create_people(
        portal,
        {
            "olga": ("Olga Owner", ["Member"]),
            "moritz": ("Moritz Moderator", ["Member"]),
            "mia": ("Mia Member", ["Member"]),
        },
    )
    setRoles(portal, TEST_USER_ID, ["Manager"])
    community = make_community(portal, "nach-dem-umzug", "open")
    assert type(aq_base(community)).__module__ == "ospa.social.communities.content"


def test_the_profiles_name_no_moved_module():
    """Types, component registry and the rest name the classes' new homes."""
    from pathlib import Path
    import ospa.social
    import re

    folder = Path(ospa.social.__file__).parent / "profiles"
    for xml in folder.rglob("*.xml"):
        names = re.findall(r"[>\"\s](ospa\.social(?:\.\w+)+)", xml.read_text())
        for name in names:
            module = name.rsplit(".", 1)[0]
            assert module not in MOVED_MODULES, f"{xml.name} names {name}"
