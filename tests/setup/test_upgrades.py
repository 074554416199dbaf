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
    assert [step["dest"] for step in upgrades] == [("1001",), ("1002",)]
    setup.upgradeProfile(PROFILE)

    assert setup.getLastVersionForProfile(PROFILE) == ("1002",)
    assert "Community" in portal.portal_types
    assert "Community" in settings.social_types()
    assert "like_count" in catalog.indexes()
    assert "ospa.social.likes" in portal.portal_types["News Item"].behaviors
    assert catalog(UID=news.UID())[0].like_count == 0
