"""1004 → 1005: grants of AuthenticatedUsers move to the employees' group."""

from ospa.social.employees import api as employees
from ospa.social.employees import pas
from ospa.social.testing import create_people
from ospa.social.testing import ERIK
from ospa.social.testing import make_community
from ospa.social.testing import ROSTER_PEOPLE
from ospa.social.upgrades import v1005_employees
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID


PEOPLE = {**ROSTER_PEOPLE, "erik": ERIK, "gast": ("Gerd Gast", ())}


def as_before_1005(portal, *objs):
    """What a 1004 site had: AuthenticatedUsers' grants, no plugin, no records."""
    for obj in objs:
        roles = obj.get_local_roles_for_userid(employees.GROUP)
        obj.manage_delLocalRoles([employees.GROUP])
        obj.manage_setLocalRoles("AuthenticatedUsers", list(roles))
        obj.reindexObjectSecurity()
    pas.uninstall(portal)
    registry = portal.portal_registry
    for name in (employees.ROLES_RECORD, employees.GROUPS_RECORD):
        del registry.records[name]


def finds(userid, uid) -> bool:
    with api.env.adopt_user(username=userid):
        return bool(api.content.find(UID=uid))


def test_the_upgrade_moves_the_grants_and_guests_lose_the_intranet(portal):
    create_people(portal, PEOPLE)
    community = make_community(portal, "offen", "open")
    with api.env.adopt_user(username="mia"):
        page = api.content.create(community, "Document", id="seite", title="Seite")
    setRoles(portal, TEST_USER_ID, ["Manager"])
    as_before_1005(portal, community, portal["stream"])
    assert finds("gast", page.UID())

    v1005_employees.upgrade(None)

    for obj in (community, portal["stream"]):
        assert obj.get_local_roles_for_userid("AuthenticatedUsers") == ()
        assert "Reader" in obj.get_local_roles_for_userid(employees.GROUP)
    assert pas.PLUGIN_ID in portal.acl_users.objectIds()
    assert api.portal.get_registry_record(employees.ROLES_RECORD) == ["Member"]
    assert finds("erik", page.UID())
    assert not finds("gast", page.UID())


def test_running_it_twice_changes_nothing_more(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    v1005_employees.upgrade(None)
    before = portal["stream"].get_local_roles()
    v1005_employees.upgrade(None)
    assert portal["stream"].get_local_roles() == before
