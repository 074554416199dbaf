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
        # A group of steps (<genericsetup:upgradeSteps>) is a list of
        # (id, step) pairs.
        for single in step if isinstance(step, list) else [step]:
            single = single[1] if isinstance(single, tuple) else single
            found.append(int(".".join(single.dest)))
    return sorted(found)


def pending_destinations(setup) -> list[tuple[str, ...]]:
    """What ``listUpgrades`` offers, one destination per step or group."""
    return [
        (entry[0] if isinstance(entry, list) else entry)["dest"]
        for entry in setup.listUpgrades(PROFILE)
    ]


def upgrade_from(setup, version: str) -> None:
    """Upgrade a site whose profile says ``version``: every later step is
    offered, one a version, in order, and the profile ends at the version
    of metadata.xml."""
    setup.setLastVersionForProfile(PROFILE, version)
    later = range(int(version) + 1, int(metadata_version()) + 1)
    assert pending_destinations(setup) == [(str(number),) for number in later]
    setup.upgradeProfile(PROFILE)
    assert setup.getLastVersionForProfile(PROFILE) == (metadata_version(),)


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
    from ospa.social.core import settings
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
    upgrade_from(setup, "1000")
    assert "Community" in portal.portal_types
    assert "Community" in settings.social_types()
    assert "like_count" in catalog.indexes()
    assert "ospa.social.likes" in portal.portal_types["News Item"].behaviors
    assert catalog(UID=news.UID())[0].like_count == 0


def test_upgrade_to_1003_brings_posts_and_puts_existing_content_in_the_stream(portal):
    """A 1002 site: existing news enters the stream, /stream and Post exist."""
    from ospa.social.core import settings
    from ospa.social.stream import query as stream
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
    upgrade_from(setup, "1002")
    assert "Post" in portal.portal_types
    assert "Stream" in portal.portal_types
    assert "Post" in settings.social_types()
    assert portal["stream"].portal_type == "Stream"
    uids = [item["uid"] for item in stream.query()["items"]]
    assert news.UID() in uids


def test_upgrade_to_1004_brings_ideas_to_a_site_with_content(portal):
    """A 1003 site: idea types, workflow, role, group, index and settings."""
    from ospa.social.core import settings
    from ospa.social.ideas import api as ideas
    from ospa.social.ideas.content import REVIEWER_ROLE
    from ospa.social.ideas.content import REVIEWERS_GROUP
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(portal, TEST_USER_ID, ["Manager"])
    page = api.content.create(portal, "Document", id="bestand", title="Bestand")
    # Take the site back to what 1003 had.
    catalog = portal.portal_catalog
    catalog.delIndex("support_count")
    catalog.delColumn("support_count")
    portal.portal_types.manage_delObjects(["Idea Box", "Idea"])
    workflows = portal.portal_workflow
    workflows.manage_delObjects([ideas.WORKFLOW_ID])
    workflows.setChainForPortalTypes(["Idea"], ())
    api.group.delete(groupname=REVIEWERS_GROUP)
    portal.portal_actions.user.manage_delObjects(["ospa-my-ideas"])
    registry = portal.portal_registry
    del registry.records["ospa.social.idea_support_threshold"]
    for name, value in (
        ("social_types", settings.social_types()),
        ("comment_types", settings.comment_types()),
    ):
        api.portal.set_registry_record(
            f"ospa.social.{name}", [item for item in value if item != "Idea"]
        )
    setup = portal.portal_setup
    upgrade_from(setup, "1003")
    assert {"Idea Box", "Idea"} <= set(portal.portal_types.objectIds())
    assert workflows.getChainForPortalType("Idea") == (ideas.WORKFLOW_ID,)
    assert "support_count" in catalog.indexes()
    assert "support_count" in catalog.schema()
    assert settings.idea_support_threshold() == 10
    assert "Idea" in settings.social_types()
    assert "Idea" in settings.comment_types()
    group = api.group.get(groupname=REVIEWERS_GROUP)
    assert REVIEWER_ROLE in group.getRoles()
    assert "ospa-my-ideas" in portal.portal_actions.user
    assert portal[page.getId()].Title() == "Bestand"
    # The new types work at once: a box, an idea, a support.
    box = api.content.create(portal, "Idea Box", id="box", title="Box")
    idea = api.content.create(box, "Idea", id="idee", title="Idee", problem="p")
    assert api.content.get_state(idea) == "draft"
    assert ideas.count(idea) == 0
