"""The profile version and the upgrade steps agree."""

from pathlib import Path
from Products.GenericSetup.upgrade import _upgrade_registry
import ospa.social
import re


PROFILE = "ospa.social:default"
METADATA = Path(ospa.social.__file__).parent / "profiles/default/metadata.xml"


def metadata_version() -> str:
    return re.search(r"<version>(\d+)</version>", METADATA.read_text()).group(1)


def destinations() -> list[int]:
    steps = _upgrade_registry.getUpgradeStepsForProfile(PROFILE).values()
    found = []
    for step in steps:
        for single in step if isinstance(step, list) else [step]:
            found.append(int(".".join(single.dest)))
    return sorted(found)


def test_profile_version_is_the_last_upgrade_destination(integration):
    steps = destinations()
    if steps:
        assert metadata_version() == str(steps[-1])
    else:
        # No step yet: the profile is still at the first released version.
        assert metadata_version() == "1000"


def test_a_fresh_install_needs_no_upgrade(portal):
    setup = portal.portal_setup
    assert setup.listUpgrades(PROFILE) == []


def test_upgrades_from_1000_make_an_existing_site_social(portal):
    """A site installed at 1000 gets likes, following, comments, communities."""
    from ospa.social.api import settings
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(portal, TEST_USER_ID, ["Manager"])
    news = api.content.create(portal, "News Item", id="alt", title="Alt")
    # Take the site back to what 1000 had.
    settings.remove()
    catalog = portal.portal_catalog
    catalog.delIndex("like_count")
    catalog.delColumn("like_count")
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1000")

    upgrades = setup.listUpgrades(PROFILE)
    assert [step["dest"] for step in upgrades] == [("1001",), ("1002",), ("1003",)]
    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == ("1003",)
    assert "Community" in portal.portal_types
    assert "Community" in settings.social_types()
    assert "like_count" in catalog.indexes()
    assert "ospa.social.likes" in portal.portal_types["News Item"].behaviors
    assert catalog(UID=news.UID())[0].like_count == 0


def test_upgrade_to_1003_brings_posts_and_puts_existing_content_in_the_stream(portal):
    """A 1002 site: existing news enters the stream, /stream and Post exist."""
    from ospa.social.api import settings
    from ospa.social.api import stream
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(portal, TEST_USER_ID, ["Manager"])
    news = api.content.create(portal, "News Item", id="bestand", title="Bestand")
    # Take the site back to what 1002 had.
    catalog = portal.portal_catalog
    for name in (*stream.STREAM_INDEXES, "question_state"):
        catalog.delIndex(name)
    for name in ("stream_ts", "community_uid", "thread_uid", "stream_info"):
        catalog.delColumn(name)
    api.content.delete(portal["stream"])
    portal.portal_types.manage_delObjects(["Post", "Stream"])
    api.portal.set_registry_record(
        "ospa.social.social_types",
        [name for name in settings.social_types() if name != "Post"],
    )
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1002")

    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == ("1003",)
    assert "Post" in portal.portal_types
    assert "Stream" in portal.portal_types
    assert "Post" in settings.social_types()
    assert portal["stream"].portal_type == "Stream"
    uids = [item["uid"] for item in stream.query()["items"]]
    assert news.UID() in uids
