"""``@followers`` over HTTP: of content, of people and tags; who sees names."""

from ospa.social.following import api as following
from plone import api
import pytest
import transaction


def follow_as(userids, kind, target):
    transaction.begin()  # see what the server committed
    for userid in userids:
        with api.env.adopt_user(username=userid):
            following.follow(kind, target)
    transaction.commit()


def test_followers_of_news(http_people, http_news, client):
    follow_as(["anna", "bert"], "content", http_news.UID())
    response = client("anna").get("kantine/@followers")
    assert response.status_code == 200
    body = response.json()
    assert body["@id"] == f"{http_news.absolute_url()}/@followers"
    assert body["kind"] == "content"
    assert body["target"] == http_news.UID()
    assert body["count"] == body["items_total"] == 2
    assert [item["id"] for item in body["items"]] == ["anna", "bert"]
    assert body["items"][1]["fullname"] == "Bert Behrens"
    assert body["following"] is True
    assert "batching" not in body
    assert client("chef").get("kantine/@followers").json()["following"] is False


@pytest.mark.parametrize("userid", [None, "nomember"])
def test_only_members_see_who_follows(http_people, http_news, client, userid):
    follow_as(["anna"], "content", http_news.UID())
    response = client(userid).get("kantine/@followers")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"] is None
    assert body["following"] is False
    assert "items_total" not in body


def test_manager_sees_who_follows(http_people, http_news, client):
    follow_as(["anna"], "content", http_news.UID())
    body = client("admin").get("kantine/@followers").json()
    assert [item["id"] for item in body["items"]] == ["anna"]


def test_type_that_cannot_be_followed_is_a_bad_request(
    http_people, folder, client, assert_error
):
    response = client("anna").get("ablage/@followers")
    assert "that you can follow" in assert_error(response, 400, "BadRequest")["message"]


@pytest.mark.parametrize("userid", [None, "nomember", "anna"])
def test_private_page_does_not_leak(
    http_people, http_private_page, client, assert_error, userid
):
    follow_as(["chef"], "content", http_private_page.UID())
    assert_error(client(userid).get("intern/@followers"), (401, 404))
    response = client(userid).get(
        "@followers", params={"kind": "content", "target": http_private_page.UID()}
    )
    body = assert_error(response, 400, "BadRequest")
    assert "that you can follow" in body["message"]


def test_manager_sees_followers_of_private_page(http_people, http_private_page, client):
    follow_as(["chef"], "content", http_private_page.UID())
    body = client("chef").get("intern/@followers").json()
    assert body["count"] == 1
    assert body["following"] is True


def test_my_own_followers_by_default(http_people, client, site_url):
    follow_as(["bert", "chef"], "user", "anna")
    response = client("anna").get("@followers")
    assert response.status_code == 200
    body = response.json()
    assert body["@id"] == f"{site_url}/@followers"
    assert (body["kind"], body["target"]) == ("user", "anna")
    assert body["count"] == 2
    assert [item["id"] for item in body["items"]] == ["bert", "chef"]
    assert body["following"] is False


def test_anonymous_has_no_followers_of_their_own(http_people, client, assert_error):
    assert_error(client(None).get("@followers"), 401, "Unauthorized")


def test_followers_of_a_person(http_people, client, site_url):
    follow_as(["anna"], "user", "bert")
    body = (
        client("anna")
        .get("@followers", params={"kind": "user", "target": "bert"})
        .json()
    )
    assert body["@id"] == f"{site_url}/@followers?kind=user&target=bert"
    assert body["count"] == 1
    assert body["following"] is True
    anonymous = client(None).get("@followers", params={"target": "bert"}).json()
    assert anonymous["count"] == 1
    assert anonymous["items"] is None


def test_followers_of_a_tag(http_people, http_news, client):
    follow_as(["anna"], "tag", "Kantine")
    body = (
        client("bert")
        .get("@followers", params={"kind": "tag", "target": "#Kantine"})
        .json()
    )
    assert body["target"] == "Kantine"
    assert body["count"] == 1
    assert [item["id"] for item in body["items"]] == ["anna"]
    assert body["following"] is False


def test_followers_of_content_on_the_site(http_people, http_news, client):
    follow_as(["bert"], "content", http_news.UID())
    body = (
        client("bert")
        .get("@followers", params={"kind": "content", "target": http_news.UID()})
        .json()
    )
    assert body["count"] == 1
    assert body["following"] is True


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "user", "target": "niemand"}, "There is no user niemand."),
        ({"kind": "tag", "target": "Unbekannt"}, "No content you can see is tagged"),
        ({"kind": "content", "target": "0" * 32}, "that you can follow"),
        ({"kind": "community", "target": "0" * 32}, "that you can follow"),
        ({"kind": "group", "target": "x"}, "Unknown kind group"),
        ({"kind": "tag"}, "a target is missing"),
    ],
)
def test_unknown_targets_are_bad_requests(
    http_people, http_news, client, assert_error, params, message
):
    response = client("anna").get("@followers", params=params)
    assert message in assert_error(response, 400, "BadRequest")["message"]


def test_followers_are_batched(crowd, http_people, client):
    follow_as(crowd, "user", "anna")
    anna = client("anna")
    first = anna.get("@followers", params={"b_size": 10}).json()
    assert first["count"] == first["items_total"] == 25
    assert [item["id"] for item in first["items"]] == crowd[:10]
    assert first["batching"]["next"].endswith("/@followers?b_start=10&b_size=10")
    assert first["batching"]["last"].endswith("/@followers?b_start=20&b_size=10")
    last = anna.get(first["batching"]["last"]).json()
    assert [item["id"] for item in last["items"]] == crowd[20:]
    assert "next" not in last["batching"]
