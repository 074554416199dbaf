"""Likes through the Python API: behaviour, permissions, counts, catalog."""

from AccessControl import Unauthorized
from ospa.social.core.errors import NotSupported
from ospa.social.interfaces import ILikedEvent
from ospa.social.interfaces import IUnlikedEvent
from ospa.social.likes import api as likes
from ospa.social.testing import as_user
from plone import api
from plone.app.testing import logout
from zope.component import globalSiteManager
import pytest


def test_existing_news_is_likeable(news):
    assert likes.is_likeable(news)


def test_like_is_idempotent_and_counted(people, news):
    with as_user("anna"):
        assert likes.like(news) is True
        assert likes.like(news) is False
        assert likes.is_liked(news)
    with as_user("bert"):
        likes.like(news)
        assert likes.is_liked(news) is not False
    assert likes.count(news) == 2
    with as_user("anna"):
        assert likes.likers(news) == ["anna", "bert"]


def test_unlike_is_idempotent(people, news):
    with as_user("anna"):
        likes.like(news)
        assert likes.unlike(news) is True
        assert likes.unlike(news) is False
        assert not likes.is_liked(news)
    assert likes.count(news) == 0


def test_events_fire_once(people, news):
    seen = []

    def record(obj, event):
        seen.append((type(event).__name__, event.userid))

    globalSiteManager.registerHandler(record, (None, ILikedEvent))
    globalSiteManager.registerHandler(record, (None, IUnlikedEvent))
    try:
        with as_user("anna"):
            likes.like(news)
            likes.like(news)
            likes.unlike(news)
            likes.unlike(news)
    finally:
        globalSiteManager.unregisterHandler(record, (None, ILikedEvent))
        globalSiteManager.unregisterHandler(record, (None, IUnlikedEvent))
    assert seen == [("LikedEvent", "anna"), ("UnlikedEvent", "anna")]


def test_count_is_catalog_metadata_and_sortable(people, news, portal):
    catalog = api.portal.get_tool("portal_catalog")
    modified = news.modified()
    with as_user("anna"):
        likes.like(news)
    with as_user("bert"):
        likes.like(news)
    brain = catalog(UID=news.UID())[0]
    assert brain.like_count == 2
    assert news.modified() == modified
    ranked = catalog(
        portal_type="News Item", sort_on="like_count", sort_order="reverse"
    )
    assert news.UID() == ranked[0].UID


def test_anonymous_cannot_like(news):
    logout()
    with pytest.raises(Unauthorized):
        likes.like(news)
    assert likes.count(news) == 0
    assert likes.state(news) == {"count": 0, "liked": False, "can_like": False}


def test_user_without_member_role_cannot_like(people, news):
    with as_user("nomember"), pytest.raises(Unauthorized):
        likes.like(news)
    assert likes.count(news) == 0


def test_cannot_like_what_you_cannot_see(people, private_page):
    with as_user("anna"):
        with pytest.raises(Unauthorized):
            likes.like(private_page)
        with pytest.raises(Unauthorized):
            likes.likers(private_page)
    with as_user("chef"):
        assert likes.like(private_page)
    with as_user("anna"), pytest.raises(Unauthorized):
        likes.likers(private_page)


def test_type_without_behaviour_is_refused(people, portal):
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(portal, "Folder", id="ordner", title="Ordner")
        api.content.transition(folder, "publish")
    with as_user("anna"), pytest.raises(NotSupported):
        likes.like(folder)


def test_deleting_a_user_removes_their_likes(people, news):
    with as_user("anna"):
        likes.like(news)
    with as_user("bert"):
        likes.like(news)
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username="anna")
    assert likes.count(news) == 1
    assert likes.liked_uids("anna") == []
    catalog = api.portal.get_tool("portal_catalog")
    assert catalog(UID=news.UID())[0].like_count == 1


def test_deleting_content_forgets_it_in_the_likers_lists(people, news):
    with as_user("anna"):
        likes.like(news)
    assert likes.liked_uids("anna") == [news.UID()]
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(news)
    assert likes.liked_uids("anna") == []


def test_state_for_a_button(people, news):
    with as_user("anna"):
        assert likes.state(news) == {"count": 0, "liked": False, "can_like": True}
        likes.like(news)
        assert likes.state(news) == {"count": 1, "liked": True, "can_like": True}
