"""Installing, uninstalling and reinstalling on a site that has content."""

from ospa.social.interfaces import IOspaSocialLayer
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.browserlayer import utils as browserlayer_utils
from Products.CMFPlone.interfaces import INonInstallable
from Products.CMFPlone.utils import get_installer
from zope.component import getAllUtilitiesRegisteredFor
import pytest


PACKAGE = "ospa.social"


def site_snapshot(portal) -> dict:
    """Everything of the site's own content a reinstall must leave alone."""
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(portal.getPhysicalPath())
    snapshot = {
        brain.getPath(): (
            brain.portal_type,
            brain.Title,
            brain.review_state,
            brain.modified,
            brain.getObject().Description(),
        )
        for brain in catalog.unrestrictedSearchResults(path=path)
    }
    assert len(snapshot) > 3, "the test site should hold content"
    return snapshot


def leftovers(portal) -> list[str]:
    """Name everything of ospa.social still registered in the site."""
    found = []
    if IOspaSocialLayer in browserlayer_utils.registered_layers():
        found.append("browser layer")
    registry = api.portal.get_tool("portal_registry")
    records = registry.records.keys()  # a Records mapping, not a dict
    found += [key for key in records if key.startswith(PACKAGE)]
    found += [key for key in records if key.startswith("plone.bundles/ospa-social")]
    types = api.portal.get_tool("portal_types")
    found += [
        fti.getId()
        for fti in types.objectValues()
        if getattr(fti, "klass", "").startswith(PACKAGE)
        or getattr(fti, "schema", "").startswith(PACKAGE)
    ]
    found += [
        f"behaviors of {fti.getId()}"
        for fti in types.objectValues()
        if any(name.startswith(PACKAGE) for name in getattr(fti, "behaviors", ()))
    ]
    catalog = api.portal.get_tool("portal_catalog")
    ours = (
        "like_count",
        "member_count",
        "in_stream",
        "stream_ts",
        "community_uid",
        "thread_uid",
        "hashtags",
        "mentions",
        "question_state",
        "stream_info",
        "support_count",
    )
    found += [f"index {name}" for name in ours if name in catalog.indexes()]
    found += [f"column {name}" for name in ours if name in catalog.schema()]
    workflows = api.portal.get_tool("portal_workflow")
    found += [name for name in workflows.objectIds() if name.startswith("ospa_")]
    controlpanel = api.portal.get_tool("portal_controlpanel")
    found += [
        f"configlet {action.getId()}"
        for action in controlpanel.listActions()
        if action.getId() == "ospa-social"
    ]
    user_actions = api.portal.get_tool("portal_actions").user
    found += [
        f"action {name}"
        for name in ("ospa-following", "ospa-my-ideas")
        if name in user_actions
    ]
    return found


def installed_parts(portal) -> set[str]:
    """Everything of ours a fresh install registers, summarised."""
    return {
        "browser layer",
        "ospa.social.social_types",
        "ospa.social.comment_types",
        "index like_count",
        "column like_count",
        "configlet ospa-social",
        "action ospa-following",
        "behaviors of Document",
        "behaviors of News Item",
        "behaviors of Event",
        "behaviors of File",
        "behaviors of Image",
        "behaviors of Community",
        "Community",
        "index member_count",
        "column member_count",
        "ospa.social.stream_types",
        "ospa.social.post_max_length",
        "ospa.social.post_max_attachment_mb",
        "ospa.social.post_attachment_types",
        "Post",
        "Stream",
        "behaviors of Post",
        "index in_stream",
        "index stream_ts",
        "column stream_ts",
        "index community_uid",
        "column community_uid",
        "index thread_uid",
        "column thread_uid",
        "index hashtags",
        "index mentions",
        "index question_state",
        "column stream_info",
        "ospa.social.idea_support_threshold",
        "Idea Box",
        "Idea",
        "behaviors of Idea",
        "index support_count",
        "column support_count",
        "action ospa-my-ideas",
    }


@pytest.fixture
def installer(portal):
    return get_installer(portal, portal.REQUEST)


@pytest.fixture
def own_content(portal):
    """Content the site had before ospa.social came: a page, news, a folder."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    folder = api.content.create(portal, "Folder", id="abteilung", title="Abteilung")
    api.content.create(folder, "Document", id="richtlinie", title="Richtlinie")
    news = api.content.create(portal, "News Item", id="meldung", title="Meldung")
    api.content.transition(news, "publish")
    return folder


def test_product_is_installed(installer):
    assert installer.is_product_installed(PACKAGE)


def test_browser_layer_is_registered(portal):
    assert IOspaSocialLayer in browserlayer_utils.registered_layers()


def test_profile_version_is_recorded(portal):
    setup = api.portal.get_tool("portal_setup")
    version = setup.getLastVersionForProfile(f"{PACKAGE}:default")
    assert version == (setup.getVersionForProfile(f"{PACKAGE}:default"),)


def test_only_the_default_profile_is_offered_to_admins(integration):
    hidden = set()
    for utility in getAllUtilitiesRegisteredFor(INonInstallable):
        hidden.update(utility.getNonInstallableProfiles())
    assert f"{PACKAGE}:default" not in hidden
    assert {f"{PACKAGE}:uninstall", f"{PACKAGE}:demo"} <= hidden


class TestUninstall:
    def test_uninstall_removes_everything_of_ours(self, portal, installer):
        installer.uninstall_product(PACKAGE)
        assert not installer.is_product_installed(PACKAGE)
        assert leftovers(portal) == []

    def test_uninstall_and_reinstall_leave_site_content_alone(
        self, portal, installer, own_content
    ):
        before = site_snapshot(portal)
        assert "/plone/abteilung/richtlinie" in before
        installer.uninstall_product(PACKAGE)
        assert site_snapshot(portal) == before
        installer.install_product(PACKAGE)
        assert installer.is_product_installed(PACKAGE)
        assert site_snapshot(portal) == before
        assert IOspaSocialLayer in browserlayer_utils.registered_layers()

    def test_install_on_a_site_with_content_keeps_it(
        self, portal, installer, own_content
    ):
        installer.uninstall_product(PACKAGE)
        before = site_snapshot(portal)
        installer.install_product(PACKAGE)
        assert site_snapshot(portal) == before
        assert installed_parts(portal) <= set(leftovers(portal))


def test_install_registers_the_social_layer(portal):
    assert installed_parts(portal) <= set(leftovers(portal))
