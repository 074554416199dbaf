"""Site Setup → Social intranet: types, comments, install and uninstall."""

from .test_controlpanel_over_http import SOCIAL
from ospa.social.comments import api as comments
from ospa.social.core import settings
from ospa.social.likes import api as likes
from ospa.social.testing import as_user
from plone import api
from plone.app.discussion.interfaces import IDiscussionSettings
from Products.CMFPlone.utils import get_installer


def set_types(social=None, comment=None):
    if social is not None:
        api.portal.set_registry_record("ospa.social.social_types", social)
    if comment is not None:
        api.portal.set_registry_record("ospa.social.comment_types", comment)


def discussion():
    return api.portal.get_registry_record(
        "globally_enabled", interface=IDiscussionSettings
    )


def test_defaults_make_the_intranet_types_social(portal):
    assert set(settings.social_types()) == set(SOCIAL)
    assert "Idea" in settings.comment_types()
    assert discussion() is True
    fti = portal.portal_types["News Item"]
    assert fti.getProperty("allow_discussion") is True
    assert "ospa.social.likes" in fti.behaviors


def test_existing_content_of_a_newly_enabled_type_joins_in(people, portal):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(portal, "Folder", id="alt", title="Alt")
        api.content.transition(folder, "publish")
    assert not likes.is_likeable(folder)
    set_types(social=[*settings.social_types(), "Folder"])
    assert likes.is_likeable(folder)
    catalog = api.portal.get_tool("portal_catalog")
    assert catalog(UID=folder.UID())[0].like_count == 0
    with as_user("anna"):
        likes.like(folder)
    assert catalog(UID=folder.UID(), like_count=1)


def test_removing_a_type_takes_the_behaviour_away(people, news):
    set_types(social=["Document"])
    assert not likes.is_likeable(news)
    catalog = api.portal.get_tool("portal_catalog")
    assert not catalog(UID=news.UID(), like_count=0)


def test_comments_follow_the_setting(people, news):
    assert comments.enabled(news)
    set_types(comment=["Document"])
    assert not comments.enabled(news)
    set_types(comment=[])
    assert not comments.enabled(news)
    for name in ("Document", "News Item", "Event"):
        assert api.portal.get_tool("portal_types")[name].allow_discussion is False


def test_uninstall_restores_discussion_and_reinstall_finds_likes(people, news, portal):
    with as_user("anna"):
        likes.like(news)
    installer = get_installer(portal, portal.REQUEST)
    installer.uninstall_product("ospa.social")
    assert not likes.is_likeable(news)
    # The classic site had comments off for news before ospa.social came.
    assert portal.portal_types["News Item"].getProperty("allow_discussion") is False
    installer.install_product("ospa.social")
    assert likes.count(news) == 1
    catalog = api.portal.get_tool("portal_catalog")
    assert catalog(UID=news.UID())[0].like_count == 1
    with as_user("anna"):
        assert likes.is_liked(news)
