"""The ``social`` component: ``?expand=social`` and ``@social`` over HTTP."""

from plone import api
from plone.app.discussion.interfaces import IConversation
from zope.component import createObject
import pytest
import transaction


def add_comment(obj, text, author):
    transaction.begin()  # see what the server committed
    with api.env.adopt_user(username=author):
        comment = createObject("plone.Comment")
        comment.text = text
        comment.author_username = author
        IConversation(obj).addComment(comment)
    transaction.commit()


def test_not_expanded_only_links(http_people, http_news, client):
    body = client("anna").get("kantine").json()
    assert body["@components"]["social"] == {
        "@id": f"{http_news.absolute_url()}/@social"
    }


def test_expanded_on_request(http_people, http_news, client):
    anna = client("anna")
    anna.post("kantine/@likes")
    anna.post("@following", body={"kind": "content", "target": http_news.UID()})
    add_comment(http_news, "Heute Eintopf", "bert")
    social = anna.get("kantine", params={"expand": "social"}).json()["@components"][
        "social"
    ]
    assert social == {
        "@id": f"{http_news.absolute_url()}/@social",
        "likes": 1,
        "liked": True,
        "can_like": True,
        "likeable": True,
        "following": True,
        "followable": True,
        "followers": 1,
        "comments": 1,
        "comments_enabled": True,
        "comments_url": f"{http_news.absolute_url()}#comments",
    }
    assert anna.get("kantine/@social").json() == social


def test_expanded_with_other_components(http_people, http_news, client):
    body = client("anna").get("kantine", params={"expand": "social,actions"}).json()
    assert body["@components"]["social"]["likeable"] is True
    assert "object" in body["@components"]["actions"]


@pytest.mark.parametrize(
    ("userid", "can_like"), [(None, False), ("nomember", False), ("anna", True)]
)
def test_who_may_like(http_people, http_news, client, userid, can_like):
    client("bert").post("kantine/@likes")
    response = client(userid).get("kantine/@social")
    assert response.status_code == 200
    body = response.json()
    assert body["likes"] == 1
    assert body["liked"] is False
    assert body["can_like"] is can_like
    assert body["following"] is False


def test_type_without_behaviours(http_people, folder, client):
    body = client("anna").get("ablage/@social").json()
    assert body["likeable"] is False
    assert body["followable"] is False
    assert body["can_like"] is False
    assert body["comments_enabled"] is False
    assert body["likes"] == body["followers"] == body["comments"] == 0


@pytest.mark.parametrize("userid", [None, "nomember", "anna"])
def test_private_page_does_not_leak(
    http_people, http_private_page, client, assert_error, userid
):
    who = client(userid)
    assert_error(who.get("intern/@social"), (401, 404))
    assert_error(who.get("intern", params={"expand": "social"}), (401, 404))


def test_manager_sees_private_page(http_people, http_private_page, client):
    body = client("chef").get("intern", params={"expand": "social"}).json()
    assert body["@components"]["social"]["likeable"] is True


def test_the_site_itself_has_no_social_component(http_people, client, assert_error):
    body = client("anna").get("", params={"expand": "social"}).json()
    assert "social" not in body["@components"]
    assert_error(client("anna").get("@social"), 404, "NotFound")
