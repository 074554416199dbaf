"""``@members`` of a community over HTTP: the roster, joining, moderating.

Olga owns every community, Moritz moderates, Mia is a member; Erik and
Gerd are employees on no roster. ``offen`` lets anyone join, people ask to
join ``geschlossen``, ``geheim`` is by invitation.
"""

import pytest


def members(client, cid, userid="olga") -> dict:
    response = client(userid).get(f"communities/{cid}/@members")
    assert response.status_code == 200, response.text
    return response.json()


def roster(client, cid) -> tuple[dict, dict]:
    """``({user: role}, {user: pending kind})`` as the owner sees them."""
    body = members(client, cid)
    return (
        {item["id"]: item["role"] for item in body["items"]},
        {item["id"]: item["kind"] for item in body["pending"]},
    )


# -- GET -------------------------------------------------------------------


def test_the_roster_as_a_member_sees_it(communities, client, site_url):
    body = members(client, "geschlossen", "mia")
    url = f"{site_url}/communities/geschlossen"
    assert body["@id"] == f"{url}/@members"
    assert body["items"] == [
        {
            "id": "olga",
            "fullname": "Olga Owner",
            "url": f"{site_url}/author/olga",
            "portrait": f"{site_url}/defaultUser.png",
            "role": "owner",
        },
        {
            "id": "moritz",
            "fullname": "Moritz Moderator",
            "url": f"{site_url}/author/moritz",
            "portrait": f"{site_url}/defaultUser.png",
            "role": "moderator",
        },
        {
            "id": "mia",
            "fullname": "Mia Member",
            "url": f"{site_url}/author/mia",
            "portrait": f"{site_url}/defaultUser.png",
            "role": "member",
        },
    ]
    assert body["items_total"] == 3
    assert "pending" not in body
    assert "batching" not in body
    assert body["state"] == {
        "visibility": "closed",
        "join_policy": "request",
        "member_count": 3,
        "role": "member",
        "pending": None,
        "can_moderate": False,
        "can_see_content": True,
    }


def test_moderators_see_requests_and_invitations(communities, client):
    client("erik").post(
        "communities/geschlossen/@members", body={"message": "Darf ich?"}
    )
    client("moritz").post(
        "communities/geschlossen/@members",
        body={"user": "gast", "role": "guest", "message": "Willkommen"},
    )
    body = members(client, "geschlossen", "moritz")
    pending = {item["id"]: item for item in body["pending"]}
    assert set(pending) == {"erik", "gast"}
    assert pending["erik"]["kind"] == "request"
    assert pending["erik"]["message"] == "Darf ich?"
    assert pending["erik"]["by"] == "erik"
    assert pending["erik"]["fullname"] == "Erik Employee"
    assert pending["gast"]["kind"] == "invitation"
    assert pending["gast"]["role"] == "guest"
    assert pending["gast"]["by"] == "moritz"
    assert pending["gast"]["date"]
    assert body["state"]["can_moderate"] is True
    assert "pending" not in members(client, "geschlossen", "mia")


def test_the_roster_is_batched(communities, client, site_url):
    response = client("mia").get(
        "communities/offen/@members", params={"b_size": 2, "b_start": 0}
    )
    body = response.json()
    assert [item["id"] for item in body["items"]] == ["olga", "moritz"]
    assert body["items_total"] == 3
    url = f"{site_url}/communities/offen/@members"
    assert body["batching"]["next"] == f"{url}?b_start=2&b_size=2"
    rest = client("mia").get(body["batching"]["next"]).json()
    assert [item["id"] for item in rest["items"]] == ["mia"]


# -- POST: joining for oneself ---------------------------------------------


def test_joining_an_open_community(communities, client, site_url):
    erik = client("erik")
    response = erik.post("communities/offen/@members", body={})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["@id"] == f"{site_url}/communities/offen/@members/erik"
    assert body["id"] == "erik"
    assert body["role"] == "member"
    assert body["pending"] is None
    assert body["state"]["role"] == "member"
    assert body["state"]["member_count"] == 4
    again = erik.post("communities/offen/@members")
    assert again.status_code == 200
    assert again.json() == body
    assert roster(client, "offen")[0]["erik"] == "member"


def test_asking_to_join_and_being_approved(communities, client):
    """An employee finds a closed community, asks, is let in and writes."""
    erik, moritz = client("erik"), client("moritz")
    response = erik.post(
        "communities/geschlossen/@members", body={"message": "Darf ich?"}
    )
    assert response.status_code == 201, response.text
    assert response.json()["role"] is None
    assert response.json()["pending"] == "request"
    assert response.json()["state"]["pending"] == "request"
    again = erik.post("communities/geschlossen/@members", body={})
    assert again.status_code == 200
    assert erik.get("communities/geschlossen/seite").status_code == 401
    approved = moritz.patch(
        "communities/geschlossen/@members/erik",
        body={"action": "approve", "message": "Willkommen!"},
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["role"] == "member"
    assert approved.json()["pending"] is None
    assert approved.json()["state"]["role"] == "moderator"
    assert erik.get("communities/geschlossen/seite").status_code == 200
    page = erik.post(
        "communities/geschlossen", body={"@type": "Document", "title": "Von Erik"}
    )
    assert page.status_code == 201, page.text


def test_a_moderator_declines_a_request(communities, client):
    client("erik").post("communities/geschlossen/@members", body={})
    response = client("moritz").patch(
        "communities/geschlossen/@members/erik",
        body={"action": "decline", "message": "Leider nicht."},
    )
    assert response.status_code == 200, response.text
    assert response.json()["role"] is None
    assert response.json()["pending"] is None
    assert roster(client, "geschlossen") == (
        {"olga": "owner", "moritz": "moderator", "mia": "member"},
        {},
    )


def test_withdrawing_ones_request(communities, client):
    erik = client("erik")
    erik.post("communities/geschlossen/@members", body={})
    response = erik.patch(
        "communities/geschlossen/@members/erik", body={"action": "decline"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["state"]["pending"] is None
    assert roster(client, "geschlossen")[1] == {}


# -- invitations -----------------------------------------------------------


def invite_erik(client, role="member"):
    response = client("olga").post(
        "communities/geheim/@members",
        body={"user": "erik", "role": role, "message": "Komm dazu!"},
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_inviting_and_accepting(communities, client):
    body = invite_erik(client)
    assert body["id"] == "erik"
    assert body["role"] is None
    assert body["pending"] == "invitation"
    assert body["state"]["role"] == "owner"
    erik = client("erik")
    assert erik.get("communities/geheim/@members").status_code == 401
    accepted = erik.patch("communities/geheim/@members/erik", body={"action": "accept"})
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["role"] == "member"
    assert accepted.json()["state"]["role"] == "member"
    assert erik.get("communities/geheim/seite").status_code == 200
    again = erik.patch("communities/geheim/@members/erik", body={"action": "accept"})
    assert again.status_code == 200


def test_accepting_by_joining(communities, client):
    invite_erik(client, "moderator")
    response = client("erik").post("communities/geheim/@members", body={})
    assert response.status_code == 201, response.text
    assert response.json()["role"] == "moderator"


def test_declining_an_invitation(communities, client):
    invite_erik(client)
    erik = client("erik")
    response = erik.patch(
        "communities/geheim/@members/erik", body={"action": "decline"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["pending"] is None
    assert erik.get("communities/geheim").status_code == 401
    assert roster(client, "geheim")[1] == {}


def test_nobody_accepts_for_someone_else(communities, client, assert_error):
    invite_erik(client)
    response = client("olga").patch(
        "communities/geheim/@members/erik", body={"action": "accept"}
    )
    assert_error(response, 401, "Unauthorized")
    assert roster(client, "geheim")[1] == {"erik": "invitation"}


def test_inviting_who_asked_already_lets_them_in(communities, client):
    client("erik").post("communities/geschlossen/@members", body={})
    response = client("moritz").post(
        "communities/geschlossen/@members", body={"user": "erik"}
    )
    assert response.status_code == 201, response.text
    assert response.json()["role"] == "member"


def test_adding_at_once(communities, client):
    olga = client("olga")
    response = olga.post(
        "communities/geheim/@members",
        body={"user": "gast", "role": "guest", "invite": False},
    )
    assert response.status_code == 201, response.text
    assert response.json()["role"] == "guest"
    assert response.json()["pending"] is None
    again = olga.post(
        "communities/geheim/@members",
        body={"user": "gast", "role": "guest", "invite": False},
    )
    assert again.status_code == 200
    assert client("gast").get("communities/geheim/seite").status_code == 200


# -- roles, leaving, removing ----------------------------------------------


def test_changing_a_role(communities, client):
    response = client("olga").patch(
        "communities/offen/@members/mia", body={"role": "moderator"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["role"] == "moderator"
    assert roster(client, "offen")[0]["mia"] == "moderator"


def test_handing_over_and_leaving(communities, client):
    olga = client("olga")
    handed = olga.patch("communities/offen/@members/moritz", body={"role": "owner"})
    assert handed.status_code == 200, handed.text
    left = olga.delete("communities/offen/@members/olga")
    assert left.status_code == 200, left.text
    assert left.json()["role"] is None
    assert left.json()["state"]["role"] is None
    assert "olga" not in members(client, "offen", "moritz")["items"]


def test_leaving(communities, client):
    mia = client("mia")
    response = mia.delete("communities/offen/@members/mia")
    assert response.status_code == 200, response.text
    assert response.json()["role"] is None
    assert response.json()["state"]["member_count"] == 2
    again = mia.delete("communities/offen/@members/mia")
    assert again.status_code == 200


def test_a_moderator_removes_a_member(communities, client):
    response = client("moritz").delete("communities/geschlossen/@members/mia")
    assert response.status_code == 200, response.text
    assert "mia" not in roster(client, "geschlossen")[0]
    assert client("mia").get("communities/geschlossen/seite").status_code in (
        200,  # Mia wrote the page: she stays its Owner.
        401,
    )


def test_removing_a_pending_person_declines(communities, client):
    client("erik").post("communities/geschlossen/@members", body={})
    response = client("moritz").delete("communities/geschlossen/@members/erik")
    assert response.status_code == 200, response.text
    assert roster(client, "geschlossen")[1] == {}


@pytest.mark.parametrize(
    ("userid", "method", "path", "body"),
    [
        ("moritz", "POST", "geschlossen/@members", {"user": "erik", "role": "owner"}),
        ("moritz", "PATCH", "geschlossen/@members/mia", {"role": "owner"}),
        ("moritz", "DELETE", "geschlossen/@members/olga", None),
        ("mia", "POST", "geschlossen/@members", {"user": "erik"}),
        ("mia", "PATCH", "geschlossen/@members/moritz", {"role": "member"}),
        ("mia", "DELETE", "geschlossen/@members/moritz", None),
        ("erik", "POST", "geschlossen/@members", {"user": "gast"}),
        ("erik", "PATCH", "offen/@members/mia", {"role": "guest"}),
        ("erik", "DELETE", "offen/@members/mia", None),
        ("erik", "POST", "geheim/@members", {}),
        ("erik", "DELETE", "geheim/@members/erik", None),
        (None, "POST", "offen/@members", {}),
        (None, "DELETE", "offen/@members/mia", None),
    ],
    ids=[
        "moderator makes an owner",
        "moderator promotes to owner",
        "moderator removes the owner",
        "member invites",
        "member changes a role",
        "member removes",
        "employee invites to a closed community",
        "employee changes a role",
        "employee removes",
        "employee joins a secret community",
        "employee leaves a secret community",
        "anonymous joins",
        "anonymous removes",
    ],
)
def test_who_may_not(communities, client, assert_error, userid, method, path, body):
    cid = path.split("/")[0]
    before = roster(client, cid)
    response = client(userid).request(method, f"communities/{path}", body=body)
    assert_error(response, 401, "Unauthorized")
    assert roster(client, cid) == before


# -- bad input: 400, a message, nothing changed ----------------------------

MALFORMED = object()
TEXT = object()
LIST = object()

BAD = [
    # userid, method, community, path after @members, body, message
    ("olga", "POST", "offen", "", {"user": "niemand"}, "There is no user niemand."),
    ("olga", "POST", "offen", "", {"user": 7}, "There is no user ?."),
    (
        "olga",
        "POST",
        "offen",
        "",
        {"user": "erik", "role": "kaiser"},
        "Unknown role kaiser: use owner, moderator, member or guest.",
    ),
    (
        "olga",
        "POST",
        "offen",
        "",
        {"user": "erik", "role": ["member"]},
        "Unknown role ?: use owner, moderator, member or guest.",
    ),
    (
        "olga",
        "POST",
        "offen",
        "",
        {"user": "erik", "invite": "nein"},
        "invite must be true or false.",
    ),
    (
        "olga",
        "POST",
        "offen",
        "",
        {"user": "erik", "message": ["Hallo"]},
        "The message must be text.",
    ),
    ("olga", "POST", "offen", "", {"user": "mia"}, "mia is already on the roster."),
    (
        "erik",
        "POST",
        "offen",
        "",
        {"role": "owner"},
        "role needs a user: whom to invite or add.",
    ),
    (
        "erik",
        "POST",
        "offen",
        "",
        {"invite": False},
        "invite needs a user: whom to invite or add.",
    ),
    (
        "erik",
        "POST",
        "offen",
        "",
        {"messages": "Hallo"},
        "Unknown field messages: use message, user, role, invite.",
    ),
    ("erik", "POST", "offen", "", {"message": 42}, "The message must be text."),
    (
        "erik",
        "POST",
        "nurmit",
        "",
        {},
        "Only its moderators can add people to this community.",
    ),
    ("erik", "POST", "offen", "", MALFORMED, "The request body is not valid JSON."),
    ("erik", "POST", "offen", "", LIST, "The request body must be a JSON object."),
    ("erik", "POST", "offen", "", TEXT, "The request body must be a JSON object."),
    (
        "olga",
        "PATCH",
        "offen",
        "",
        {"role": "member"},
        "Name one member in the URL: @members/<user id>.",
    ),
    (
        "olga",
        "PATCH",
        "offen",
        "/mia/moritz",
        {"role": "member"},
        "Name one member in the URL: @members/<user id>.",
    ),
    (
        "olga",
        "PATCH",
        "offen",
        "/niemand",
        {"role": "member"},
        "niemand is not on the roster.",
    ),
    (
        "olga",
        "PATCH",
        "offen",
        "/mia",
        {"role": "kaiser"},
        "Unknown role kaiser: use owner, moderator, member or guest.",
    ),
    (
        "olga",
        "PATCH",
        "offen",
        "/mia",
        {"role": None},
        "Unknown role ?: use owner, moderator, member or guest.",
    ),
    (
        "olga",
        "PATCH",
        "offen",
        "/olga",
        {"role": "member"},
        "A community always keeps an owner: make someone else owner first.",
    ),
    (
        "olga",
        "PATCH",
        "geschlossen",
        "/erik",
        {"action": "approve"},
        "erik has not asked to join.",
    ),
    (
        "olga",
        "PATCH",
        "geschlossen",
        "/mia",
        {"action": "approve"},
        "mia has not asked to join.",
    ),
    (
        "olga",
        "PATCH",
        "geschlossen",
        "/erik",
        {"action": "decline"},
        "erik has neither asked to join nor been invited.",
    ),
    (
        "mia",
        "PATCH",
        "geschlossen",
        "/mia",
        {"action": "decline"},
        "mia has neither asked to join nor been invited.",
    ),
    (
        "erik",
        "PATCH",
        "offen",
        "/erik",
        {"action": "accept"},
        "You have not been invited to this community.",
    ),
    (
        "olga",
        "PATCH",
        "offen",
        "/mia",
        {"action": "kick"},
        "Unknown action kick: use approve, decline, accept.",
    ),
    (
        "olga",
        "PATCH",
        "offen",
        "/mia",
        {"action": 3},
        "Unknown action ?: use approve, decline, accept.",
    ),
    (
        "olga",
        "PATCH",
        "geschlossen",
        "/erik",
        {"action": "approve", "message": 5},
        "The message must be text.",
    ),
    (
        "olga",
        "PATCH",
        "offen",
        "/mia",
        {"action": "decline", "role": "member"},
        "Send either an action (approve, decline or accept) or a role.",
    ),
    (
        "olga",
        "PATCH",
        "offen",
        "/mia",
        {},
        "Send either an action (approve, decline or accept) or a role.",
    ),
    (
        "olga",
        "PATCH",
        "offen",
        "/mia",
        {"role": "guest", "user": "erik"},
        "Unknown field user: use action, role, message.",
    ),
    (
        "olga",
        "PATCH",
        "offen",
        "/mia",
        MALFORMED,
        "The request body is not valid JSON.",
    ),
    ("olga", "PATCH", "offen", "/mia", LIST, "The request body must be a JSON object."),
    (
        "olga",
        "DELETE",
        "offen",
        "",
        None,
        "Name one member in the URL: @members/<user id>.",
    ),
    (
        "olga",
        "DELETE",
        "offen",
        "/olga",
        None,
        "A community always keeps an owner: make someone else owner first.",
    ),
    ("olga", "DELETE", "offen", "/niemand", None, "niemand is not on the roster."),
    ("olga", "DELETE", "offen", "/erik", None, "erik is not on the roster."),
]


def bad_id(case) -> str:
    userid, method, cid, path, body, _ = case
    special = {id(MALFORMED): "malformed", id(LIST): "[]", id(TEXT): '"text"'}
    shown = special.get(id(body), body)
    return f"{method} {cid}/@members{path} {shown} as {userid}"


@pytest.fixture
def invite_only(http_new_community):
    return http_new_community("open", "nurmit", "invite", "Wombat")


@pytest.mark.parametrize(
    ("userid", "method", "cid", "path", "body", "message"),
    BAD,
    ids=[bad_id(case) for case in BAD],
)
def test_bad_input(
    communities,
    invite_only,
    client,
    assert_error,
    userid,
    method,
    cid,
    path,
    body,
    message,
):
    before = roster(client, cid)
    url = f"communities/{cid}/@members{path}"
    if body is MALFORMED:
        response = client(userid).request(method, url, data="{nope")
    elif body is LIST:
        response = client(userid).request(method, url, body=[])
    elif body is TEXT:
        response = client(userid).request(method, url, body="join")
    else:
        response = client(userid).request(method, url, body=body)
    error = assert_error(response, 400, "BadRequest")
    assert error["message"] == message
    assert roster(client, cid) == before
