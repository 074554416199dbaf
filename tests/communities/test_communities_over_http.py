"""``GET /@communities`` over HTTP: cards, filters, search, batching, errors.

Who sees which community is the matrix of
``test_community_visibility_over_http.py``; here the shape of the reply.
"""

from datetime import datetime
from plone.namedfile.file import NamedBlobImage
import base64
import pytest
import transaction


# A PNG of one transparent pixel.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)
CARD_KEYS = {
    "@id",
    "@type",
    "UID",
    "title",
    "description",
    "visibility",
    "join_policy",
    "member_count",
    "subjects",
    "last_activity",
    "image",
    "role",
    "pending",
}


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["items"]]


def test_anonymous_visitors_must_log_in(communities, client, assert_error):
    assert_error(client(None).get("@communities"), 401, "Unauthorized")
    assert_error(
        client(None).get("@communities", params={"filter": "discover"}),
        401,
        "Unauthorized",
    )


def test_a_card_of_a_community(communities, client, site_url):
    response = client("mia").get("@communities")
    assert response.status_code == 200
    body = response.json()
    assert body["@id"] == f"{site_url}/@communities"
    assert body["items_total"] == 3
    assert "batching" not in body
    # By title: Axolotl, Narwal, Quokka.
    assert titles(response) == [
        "Community Axolotl",
        "Community Narwal",
        "Community Quokka",
    ]
    card = body["items"][1]
    closed = communities["closed"]
    assert set(card) == CARD_KEYS
    assert card["@id"] == closed.absolute_url()
    assert card["@type"] == "Community"
    assert card["UID"] == closed.UID()
    assert card["description"] == "About Narwal"
    assert card["visibility"] == "closed"
    assert card["join_policy"] == "request"
    assert card["member_count"] == 3
    assert card["subjects"] == ["Tiere"]
    assert card["image"] is None
    assert card["role"] == "member"
    assert card["pending"] is None
    assert datetime.fromisoformat(card["last_activity"]).tzinfo is not None


def test_roles_and_pending_requests_of_the_viewer(communities, client):
    erik = client("erik")
    assert erik.post("communities/geschlossen/@members", body={}).status_code == 201
    cards = {c["visibility"]: c for c in erik.get("@communities").json()["items"]}
    assert set(cards) == {"open", "closed"}
    assert cards["closed"]["pending"] == "request"
    assert cards["closed"]["role"] is None
    assert cards["open"]["pending"] is None
    owner = client("olga").get("@communities").json()["items"]
    assert {card["role"] for card in owner} == {"owner"}


def test_the_image_of_a_community(communities, client):
    community = communities["open"]
    community.image = NamedBlobImage(data=PIXEL, filename="bild.png")
    # As the edit form does: the cards read the catalog's metadata.
    community.reindexObject()
    transaction.commit()
    [card] = [
        c
        for c in client("erik").get("@communities").json()["items"]
        if c["visibility"] == "open"
    ]
    assert card["image"] == f"{community.absolute_url()}/@@images/image"
    image = client("erik").get(card["image"])
    assert image.status_code == 200
    assert image.headers["Content-Type"] == "image/png"


def test_filters(communities, client):
    erik, mia = client("erik"), client("mia")
    assert erik.post("communities/offen/@members", body={}).status_code == 201
    mine = erik.get("@communities", params={"filter": "mine"})
    assert titles(mine) == ["Community Quokka"]
    discover = erik.get("@communities", params={"filter": "discover"})
    assert titles(discover) == ["Community Narwal"]
    assert discover.json()["items_total"] == 1
    every = erik.get("@communities", params={"filter": "all"})
    assert every.json()["items_total"] == 2
    assert mia.get("@communities", params={"filter": "discover"}).json() == {
        "@id": f"{mia.base}/@communities?filter=discover",
        "items": [],
        "items_total": 0,
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Narwal", ["Community Narwal"]),
        ("narw", ["Community Narwal"]),
        ("About", ["Community Axolotl", "Community Narwal", "Community Quokka"]),
        ("Community Quokka", ["Community Quokka"]),
        ("Giraffe", []),
        ("", ["Community Axolotl", "Community Narwal", "Community Quokka"]),
        ('"*"', ["Community Axolotl", "Community Narwal", "Community Quokka"]),
    ],
)
def test_search_by_title(communities, client, q, expected):
    response = client("mia").get("@communities", params={"q": q})
    assert response.status_code == 200, response.text
    assert titles(response) == expected
    assert response.json()["items_total"] == len(expected)


def test_search_finds_no_secret_community_of_others(communities, client):
    response = client("erik").get("@communities", params={"q": "Axolotl"})
    assert response.json()["items"] == []
    assert response.json()["items_total"] == 0


def test_search_by_tag(communities, client):
    response = client("mia").get("@communities", params={"q": "Tiere"})
    assert response.json()["items_total"] == 3


def test_batching(communities, client, site_url):
    mia = client("mia")
    first = mia.get("@communities", params={"b_size": 2}).json()
    assert [c["title"] for c in first["items"]] == [
        "Community Axolotl",
        "Community Narwal",
    ]
    assert first["items_total"] == 3
    assert first["@id"] == f"{site_url}/@communities"
    assert first["batching"]["next"] == f"{site_url}/@communities?b_start=2&b_size=2"
    assert first["batching"]["last"] == f"{site_url}/@communities?b_start=2&b_size=2"
    second = mia.get(first["batching"]["next"]).json()
    assert [c["title"] for c in second["items"]] == ["Community Quokka"]
    assert "next" not in second["batching"]
    assert second["batching"]["prev"] == f"{site_url}/@communities?b_start=0&b_size=2"
    filtered = mia.get("@communities", params={"filter": "mine", "b_size": 1}).json()
    assert filtered["@id"] == f"{site_url}/@communities?filter=mine"
    assert filtered["batching"]["next"] == (
        f"{site_url}/@communities?b_start=1&filter=mine&b_size=1"
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"filter": "alle"}, "Unknown filter alle: use mine, discover or all."),
        ([("q", "a"), ("q", "b")], "The search must be text."),
        ({"b_size": "viele"}, "b_size must be a whole number."),
        ({"b_start": "x"}, "b_start must be a whole number."),
    ],
    ids=["unknown filter", "two searches", "bad b_size", "bad b_start"],
)
def test_bad_parameters(communities, client, assert_error, params, message):
    body = assert_error(
        client("mia").get("@communities", params=params), 400, "BadRequest"
    )
    assert body["message"] == message


def test_starting_a_community_with_the_content_service(communities, client):
    erik = client("erik")
    response = erik.post(
        "communities",
        body={
            "@type": "Community",
            "title": "Segelgruppe",
            "visibility": "secret",
            "join_policy": "invite",
        },
    )
    assert response.status_code == 201, response.text
    path = response.json()["@id"].split("/plone/", 1)[1]
    roster = erik.get(f"{path}/@members").json()
    assert [(m["id"], m["role"]) for m in roster["items"]] == [("erik", "owner")]
    assert roster["state"]["visibility"] == "secret"
    mine = erik.get("@communities", params={"filter": "mine"})
    assert titles(mine) == ["Segelgruppe"]
    assert client("gast").get(path).status_code == 401
    others = client("gast").get("@communities").json()
    assert others["items_total"] == 2
    assert "Segelgruppe" not in str(others)
