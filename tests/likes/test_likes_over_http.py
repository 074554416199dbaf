"""``@likes`` over HTTP: who may see, like and unlike; counts and batching."""

from ospa.social.likes import api as likes
from plone import api
import pytest
import transaction


def test_anonymous_sees_count_and_likers_of_published_news(
    http_people, http_news, client
):
    client("anna").post("kantine/@likes")
    response = client(None).get("kantine/@likes")
    assert response.status_code == 200
    body = response.json()
    assert body["@id"] == f"{http_news.absolute_url()}/@likes"
    assert body["count"] == 1
    assert body["items_total"] == 1
    assert body["liked"] is False
    assert body["can_like"] is False
    assert [item["id"] for item in body["items"]] == ["anna"]
    assert body["items"][0]["fullname"] == "Anna Albers"
    assert "batching" not in body


def test_anonymous_cannot_like_or_unlike(http_people, http_news, client, assert_error):
    assert_error(client(None).post("kantine/@likes"), 401, "Unauthorized")
    assert_error(client(None).delete("kantine/@likes"), 401, "Unauthorized")
    assert client(None).get("kantine/@likes").json()["count"] == 0


def test_user_without_member_role_sees_but_cannot_like(
    http_people, http_news, client, assert_error
):
    nomember = client("nomember")
    body = nomember.get("kantine/@likes").json()
    assert body["can_like"] is False
    assert_error(nomember.post("kantine/@likes"), 401, "Unauthorized")
    assert_error(nomember.delete("kantine/@likes"), 401, "Unauthorized")
    assert nomember.get("kantine/@likes").json()["count"] == 0


def test_like_is_idempotent(http_people, http_news, client):
    anna = client("anna")
    assert anna.get("kantine/@likes").json()["can_like"] is True
    first = anna.post("kantine/@likes")
    assert first.status_code == 200
    assert first.json()["count"] == 1
    assert first.json()["liked"] is True
    again = anna.post("kantine/@likes")
    assert again.status_code == 200
    assert again.json() == first.json()


def test_unlike_is_idempotent(http_people, http_news, client):
    anna = client("anna")
    anna.post("kantine/@likes")
    response = anna.delete("kantine/@likes")
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert response.json()["liked"] is False
    assert "items" not in response.json(), "a like's reply lists no likers"
    again = anna.delete("kantine/@likes")
    assert again.status_code == 200
    assert again.json() == response.json()


def test_likes_of_members_and_managers_are_counted(http_people, http_news, client):
    client("anna").post("kantine/@likes")
    client("bert").post("kantine/@likes")
    body = client("chef").post("kantine/@likes").json()
    assert body["count"] == 3
    listed = client("chef").get("kantine/@likes").json()
    assert [item["id"] for item in listed["items"]] == ["anna", "bert", "chef"]
    client("bert").delete("kantine/@likes")
    body = client("anna").get("kantine/@likes").json()
    assert body["count"] == 2
    assert body["liked"] is True
    assert client("bert").get("kantine/@likes").json()["liked"] is False


def test_the_site_admin_may_like(http_people, http_news, client):
    body = client("admin").post("kantine/@likes").json()
    assert body["liked"] is True
    assert body["count"] == 1


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
@pytest.mark.parametrize("userid", [None, "nomember", "anna"])
def test_private_page_does_not_leak(
    http_people, http_private_page, client, assert_error, method, userid
):
    response = client(userid).request(method, "intern/@likes")
    assert_error(response, (401, 404))


def test_manager_sees_and_likes_private_page(http_people, http_private_page, client):
    chef = client("chef")
    assert chef.get("intern/@likes").status_code == 200
    body = chef.post("intern/@likes").json()
    assert body["count"] == 1


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
@pytest.mark.parametrize("userid", ["nomember", "anna", "chef"])
def test_type_without_behaviour_is_a_bad_request(
    http_people, folder, client, assert_error, method, userid
):
    body = assert_error(
        client(userid).request(method, "ablage/@likes"), 400, "BadRequest"
    )
    assert body["message"] == "This item cannot be recommended."


def test_missing_item_is_not_found(http_people, client, assert_error):
    assert_error(client("anna").get("gibt-es-nicht/@likes"), 404, "NotFound")


def like_as(obj, userids):
    transaction.begin()  # see what the server committed
    for userid in userids:
        with api.env.adopt_user(username=userid):
            likes.like(obj)
    transaction.commit()


def test_likers_are_batched(crowd, http_news, client):
    like_as(http_news, crowd)
    fan = client("fan00")
    first = fan.get("kantine/@likes", params={"b_size": 10}).json()
    assert first["count"] == first["items_total"] == 25
    assert [item["id"] for item in first["items"]] == crowd[:10]
    batching = first["batching"]
    url = f"{http_news.absolute_url()}/@likes"
    assert batching["@id"] == f"{url}?b_size=10"
    assert batching["first"] == f"{url}?b_start=0&b_size=10"
    assert batching["last"] == f"{url}?b_start=20&b_size=10"
    assert batching["next"] == f"{url}?b_start=10&b_size=10"
    assert "prev" not in batching

    second = fan.get(batching["next"]).json()
    assert [item["id"] for item in second["items"]] == crowd[10:20]
    assert second["batching"]["prev"] == f"{url}?b_start=0&b_size=10"
    assert second["batching"]["next"] == f"{url}?b_start=20&b_size=10"

    third = fan.get(second["batching"]["next"]).json()
    assert [item["id"] for item in third["items"]] == crowd[20:]
    assert "next" not in third["batching"]
    assert third["batching"]["prev"] == f"{url}?b_start=10&b_size=10"


def test_default_page_is_25_and_size_is_capped_at_100(crowd, http_news, client):
    like_as(http_news, crowd)
    fan = client("fan01")
    body = fan.get("kantine/@likes").json()
    assert len(body["items"]) == 25
    assert "batching" not in body
    body = fan.get("kantine/@likes", params={"b_size": 1000}).json()
    assert len(body["items"]) == 25
    assert "batching" not in body
    body = fan.get("kantine/@likes", params={"b_size": 5, "b_start": 23}).json()
    assert [item["id"] for item in body["items"]] == crowd[23:]
    assert body["batching"]["prev"].endswith("b_start=18&b_size=5")


@pytest.mark.parametrize("params", [{"b_size": "ten"}, {"b_start": "x"}])
def test_batch_parameters_must_be_numbers(
    http_people, http_news, client, assert_error, params
):
    body = assert_error(
        client("anna").get("kantine/@likes", params=params), 400, "BadRequest"
    )
    assert "whole number" in body["message"]
