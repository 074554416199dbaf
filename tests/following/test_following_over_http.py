"""``@following`` over HTTP: following people, tags and content; bad input."""

import pytest


def following_counts(client, userid):
    return client(userid).get("@following").json()["counts"]


NOTHING = {"user": 0, "community": 0, "tag": 0, "content": 0}


@pytest.mark.parametrize("userid", [None, "nomember"])
def test_only_members_follow(http_people, client, assert_error, userid):
    who = client(userid)
    assert_error(who.get("@following"), 401, "Unauthorized")
    body = {"kind": "user", "target": "bert"}
    assert_error(who.post("@following", body=body), 401, "Unauthorized")
    assert_error(who.delete("@following", body=body), 401, "Unauthorized")
    assert client("bert").get("@followers").json()["count"] == 0


def test_nothing_followed_at_first(http_people, client, site_url):
    response = client("anna").get("@following")
    assert response.status_code == 200
    body = response.json()
    assert body["@id"] == f"{site_url}/@following"
    assert body["items"] == {"user": [], "community": [], "tag": [], "content": []}
    assert body["counts"] == NOTHING


def test_follow_a_person_is_idempotent(http_people, client):
    anna = client("anna")
    response = anna.post("@following", body={"kind": "user", "target": "bert"})
    assert response.status_code == 200
    expected = {
        "kind": "user",
        "target": "bert",
        "following": True,
        "followers_count": 1,
    }
    assert response.json() == expected
    again = anna.post("@following", body={"kind": "user", "target": "bert"})
    assert again.status_code == 200
    assert again.json() == expected

    body = anna.get("@following").json()
    assert body["counts"] == {**NOTHING, "user": 1}
    [bert] = body["items"]["user"]
    assert bert["target"] == "bert"
    assert bert["title"] == "Bert Behrens"
    assert bert["url"].endswith("/author/bert")


def test_unfollow_is_idempotent(http_people, client):
    anna = client("anna")
    anna.post("@following", body={"kind": "user", "target": "bert"})
    expected = {
        "kind": "user",
        "target": "bert",
        "following": False,
        "followers_count": 0,
    }
    response = anna.delete("@following", body={"kind": "user", "target": "bert"})
    assert response.status_code == 200
    assert response.json() == expected
    again = anna.delete("@following", body={"kind": "user", "target": "bert"})
    assert again.status_code == 200
    assert again.json() == expected
    assert following_counts(client, "anna") == NOTHING


def test_followers_are_counted_across_people(http_people, client):
    client("anna").post("@following", body={"kind": "user", "target": "bert"})
    response = client("chef").post(
        "@following", body={"kind": "user", "target": "bert"}
    )
    assert response.json()["followers_count"] == 2
    response = client("admin").post(
        "@following", body={"kind": "user", "target": "bert"}
    )
    assert response.json()["followers_count"] == 3


def test_follow_a_tag_of_published_news(http_people, http_news, client):
    anna = client("anna")
    response = anna.post("@following", body={"kind": "tag", "target": " #Kantine "})
    assert response.status_code == 200
    assert response.json() == {
        "kind": "tag",
        "target": "Kantine",
        "following": True,
        "followers_count": 1,
    }
    body = anna.get("@following", params={"kind": "tag"}).json()
    assert list(body["items"]) == ["tag"]
    assert body["counts"] == {"tag": 1}
    assert body["items"]["tag"][0]["title"] == "#Kantine"
    response = anna.delete("@following", body={"kind": "tag", "target": "#Kantine"})
    assert response.json()["following"] is False


def test_follow_published_content_by_uid(http_people, http_news, client):
    uid = http_news.UID()
    anna = client("anna")
    response = anna.post("@following", body={"kind": "content", "target": uid})
    assert response.status_code == 200
    assert response.json()["following"] is True
    [item] = anna.get("@following").json()["items"]["content"]
    assert item["target"] == uid
    assert item["title"] == "Kantine"
    assert item["url"] == http_news.absolute_url()


def test_manager_follows_private_page(http_people, http_private_page, client):
    response = client("chef").post(
        "@following", body={"kind": "content", "target": http_private_page.UID()}
    )
    assert response.status_code == 200
    assert response.json()["following"] is True


def test_member_cannot_follow_private_page(
    http_people, http_private_page, client, assert_error
):
    uid = http_private_page.UID()
    response = client("anna").post(
        "@following", body={"kind": "content", "target": uid}
    )
    body = assert_error(response, 400, "BadRequest")
    assert "no content" in body["message"]
    assert "you can follow" in body["message"]
    assert following_counts(client, "anna") == NOTHING


def test_news_is_no_community(http_people, http_news, client, assert_error):
    response = client("anna").post(
        "@following", body={"kind": "community", "target": http_news.UID()}
    )
    assert "no community" in assert_error(response, 400, "BadRequest")["message"]


def test_following_yourself_is_a_bad_request(http_people, client, assert_error):
    response = client("anna").post(
        "@following", body={"kind": "user", "target": "anna"}
    )
    body = assert_error(response, 400, "BadRequest")
    assert body["message"] == "You cannot follow yourself."
    assert following_counts(client, "anna") == NOTHING


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"kind": "user", "target": "niemand"}, "There is no user niemand."),
        ({"kind": "tag", "target": "Unbekannt"}, "No content you can see is tagged"),
        ({"kind": "tag", "target": "#"}, "No content you can see is tagged"),
        ({"kind": "content", "target": "0" * 32}, "that you can follow"),
        ({"kind": "group", "target": "bert"}, "Unknown kind group"),
        ({"kind": "user"}, "a target is missing"),
        ({"target": "bert"}, "Unknown kind"),
        ({}, "Unknown kind"),
        ({"kind": "user", "target": 42}, "a target is missing"),
        ({"kind": "user", "target": ["bert"]}, "a target is missing"),
        ({"kind": "user", "target": None}, "a target is missing"),
        ({"kind": "user", "target": "   "}, "a target is missing"),
        ({"kind": ["user"], "target": "bert"}, "Unknown kind"),
        ({"kind": {"a": 1}, "target": "bert"}, "Unknown kind"),
    ],
)
def test_bad_targets_are_rejected(
    http_people, http_news, client, assert_error, body, message
):
    for method in ("POST", "DELETE"):
        valid = body.get("kind") in ("user", "tag", "content")
        target = body.get("target")
        if method == "DELETE" and valid and isinstance(target, str) and target.strip():
            continue  # Unfollowing needs no valid target.
        response = client("anna").request(method, "@following", body=body)
        assert message in assert_error(response, 400, "BadRequest")["message"]
    assert following_counts(client, "anna") == NOTHING


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ('"user"', "must be a JSON object"),
        ("\xff\xfe", "not valid JSON"),
    ],
)
@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_malformed_json_is_rejected(
    http_people, client, assert_error, data, message, method
):
    client("anna").post("@following", body={"kind": "user", "target": "bert"})
    response = client("anna").request(method, "@following", data=data)
    assert message in assert_error(response, 400, "BadRequest")["message"]
    assert following_counts(client, "anna") == {**NOTHING, "user": 1}


def test_unknown_kind_filter_is_rejected(http_people, client, assert_error):
    response = client("anna").get("@following", params={"kind": "group"})
    assert "Unknown kind" in assert_error(response, 400, "BadRequest")["message"]


def test_unfollow_what_is_gone(http_people, client):
    response = client("anna").delete(
        "@following", body={"kind": "user", "target": "gibt-es-nicht"}
    )
    assert response.status_code == 200
    assert response.json()["following"] is False


def test_unfollow_an_empty_tag_is_a_bad_request(
    http_people, http_news, client, assert_error
):
    anna = client("anna")
    anna.post("@following", body={"kind": "tag", "target": "Kantine"})
    response = anna.delete("@following", body={"kind": "tag", "target": "#"})
    assert_error(response, 400, "BadRequest")
