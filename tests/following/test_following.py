"""Following people, tags and content through the Python API."""

from AccessControl import Unauthorized
from ospa.social.core.errors import InvalidTarget
from ospa.social.following import api as following
from ospa.social.testing import as_user
from plone import api
from plone.app.testing import logout
import pytest


@pytest.fixture
def tagged(news):
    with api.env.adopt_roles(["Manager"]):
        news.setSubject(["Kantine", "Öffnungszeiten"])
        news.reindexObject()
    return news


def test_follow_a_person(people):
    with as_user("anna"):
        assert following.follow("user", "bert") is True
        assert following.follow("user", "bert") is False
        assert following.is_following("user", "bert")
        mine = following.following()
    assert [item["id"] for item in mine["user"]] == ["bert"]
    assert mine["user"][0]["fullname"] == "Bert Behrens"
    assert following.followers_count("user", "bert") == 1
    with as_user("bert"):
        listed = following.followers("user", "bert")
    assert [item["id"] for item in listed["items"]] == ["anna"]


def test_follow_content_and_tags(people, news, tagged):
    with as_user("anna"):
        assert following.follow("content", news.UID())
        assert following.follow("tag", "#Öffnungszeiten")
        mine = following.following()
    assert [item["title"] for item in mine["content"]] == ["Kantine"]
    assert [item["target"] for item in mine["tag"]] == ["Öffnungszeiten"]
    assert following.target_of(news) == ("content", news.UID())


def test_unfollow_is_idempotent(people):
    with as_user("anna"):
        following.follow("user", "bert")
        assert following.unfollow("user", "bert") is True
        assert following.unfollow("user", "bert") is False
    assert following.followers_count("user", "bert") == 0


@pytest.mark.parametrize(
    ("kind", "target", "message"),
    [
        ("user", "anna", "yourself"),
        ("user", "nobody-here", "no user"),
        ("tag", "NieVergeben", "tagged"),
        ("tag", "   ", "target is missing"),
        ("content", "0123456789abcdef0123456789abcdef", "UID"),
        ("community", "0123456789abcdef0123456789abcdef", "UID"),
        ("planet", "mars", "Unknown kind"),
        ("user", None, "target is missing"),
        ("user", ["bert"], "target is missing"),
    ],
)
def test_bad_targets_are_refused(people, kind, target, message):
    with as_user("anna"):
        with pytest.raises(InvalidTarget) as raised:
            following.follow(kind, target)
        assert message in raised.value.text()
        assert following.following() == {
            "user": [],
            "community": [],
            "tag": [],
            "content": [],
        }


def test_content_you_cannot_see_cannot_be_followed(people, private_page):
    with as_user("anna"), pytest.raises(InvalidTarget):
        following.follow("content", private_page.UID())
    with as_user("chef"):
        assert following.follow("content", private_page.UID())
    with as_user("anna"), pytest.raises(InvalidTarget):
        following.followers("content", private_page.UID())


def test_content_that_becomes_private_leaves_my_list(people, news):
    with as_user("anna"):
        following.follow("content", news.UID())
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(news, "retract")
    with as_user("anna"):
        assert following.following()["content"] == []


def test_anonymous_cannot_follow_or_list_people(people, news):
    with as_user("anna"):
        following.follow("content", news.UID())
    logout()
    with pytest.raises(Unauthorized):
        following.follow("user", "bert")
    with pytest.raises(Unauthorized):
        following.following()
    listed = following.followers("content", news.UID())
    assert listed == {"count": 1, "items": None}


def test_user_without_member_role_cannot_follow(people):
    with as_user("nomember"), pytest.raises(Unauthorized):
        following.follow("user", "bert")


def test_deleting_a_user_removes_both_directions(people, news):
    with as_user("anna"):
        following.follow("user", "bert")
        following.follow("content", news.UID())
    with as_user("bert"):
        following.follow("user", "anna")
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username="anna")
    assert following.followers_count("content", news.UID()) == 0
    assert following.followers_count("user", "bert") == 0
    with as_user("bert"):
        assert following.following()["user"] == []


def test_deleting_content_removes_its_followers(people, news):
    uid = news.UID()
    with as_user("anna"):
        following.follow("content", uid)
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(news)
    assert following.followers_count("content", uid) == 0
    assert not following.is_following("content", uid, "anna")


def test_moving_content_keeps_its_followers(people, news, portal):
    with as_user("anna"):
        following.follow("content", news.UID())
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(portal, "Folder", id="archiv", title="Archiv")
        moved = api.content.move(news, folder)
    assert following.followers_count("content", moved.UID()) == 1
