"""Ideas over HTTP: ``@ideas``, ``@supports``, ``@workflow`` and ``GET`` of
an idea, for every kind of user.

People: Anna (author), Bert and Carl (colleagues), Rita (in the group
``idea-reviewers``), Nora (logged in, without the Member role), Carla
(manager), anonymous visitors; Olga, Moritz and Mia are on the roster of
every community, Erik on none.

Every refusal must leave the stored data as it was: the tests read the
count, the status or the history again after each one.
"""

from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.testing import SITE_OWNER_NAME
import pytest
import transaction


PASSWORD = "secret12345"


def manager():
    return api.env.adopt_user(username=SITE_OWNER_NAME)


def make_box(container, bid, title, **fields):
    with manager():
        return api.content.create(container, "Idea Box", id=bid, title=title, **fields)


def make_idea(box, userid, iid, title, tags=(), submit=True, hours_ago=0):
    """An idea by ``userid``; ``hours_ago`` sets its creation time apart
    (the ``created`` index counts minutes)."""
    from ospa.social.ideas import api as ideas

    with api.env.adopt_user(username=userid):
        idea = api.content.create(
            box,
            "Idea",
            id=iid,
            title=title,
            description=f"Kurz: {title}",
            problem=f"Das Problem mit {title}.",
            subject=tuple(tags),
        )
        if submit:
            ideas.transition(idea, "submit")
    if hours_ago:
        idea.creation_date = DateTime() - hours_ago / 24
        idea.reindexObject(idxs=["created"])
    return idea


def as_user(userid, function, *args):
    transaction.begin()
    with api.env.adopt_user(username=userid):
        result = function(*args)
    transaction.commit()
    return result


def support_as(userid, idea):
    from ospa.social.ideas import api as ideas

    return as_user(userid, ideas.support, idea)


def transition_as(userid, idea, name, answer=None):
    from ospa.social.ideas import api as ideas

    transaction.begin()
    with api.env.adopt_user(username=userid):
        ideas.transition(idea, name, answer)
    transaction.commit()


@pytest.fixture
def idea_people(http_people, community_people, functional_portal):
    """``people`` and ``community_people``, with Carl (a colleague) and
    Rita (a reviewer through the group ``idea-reviewers``)."""
    with manager():
        for userid, fullname in (("carl", "Carl Colleague"), ("rita", "Rita Rat")):
            api.user.create(
                email=f"{userid}@example.org",
                username=userid,
                password=PASSWORD,
                roles=["Member"],
                properties={"fullname": fullname},
            )
        api.group.add_user(groupname="idea-reviewers", username="rita")
    transaction.commit()


@pytest.fixture
def board(idea_people, functional_portal):
    """The site box ``ideen`` with an idea in every status (committed):

    - ``licht`` (Anna, submitted, Licht/Flur, 2 supports: Bert, Carl),
    - ``kaffee`` (Bert, submitted, Kantine, 1 support: Anna),
    - ``parken`` (Carl, in review, Flur),
    - ``solar`` (Bert, accepted with an answer),
    - ``laerm`` (Carl, declined with an answer),
    - ``entwurf`` (Anna, a draft, Geheim).

    Created an hour apart, ``licht`` first and ``entwurf`` last.
    """
    portal = functional_portal
    box = make_box(portal, "ideen", "Ideenbox")
    found = {
        "box": box,
        "licht": make_idea(
            box, "anna", "licht", "Mehr Licht", ("Licht", "Flur"), True, 6
        ),
        "kaffee": make_idea(
            box, "bert", "kaffee", "Besserer Kaffee", ("Kantine",), True, 5
        ),
        "parken": make_idea(box, "carl", "parken", "Fahrradparken", ("Flur",), True, 4),
        "solar": make_idea(box, "bert", "solar", "Solardach", (), True, 3),
        "laerm": make_idea(box, "carl", "laerm", "Weniger Laerm", (), True, 2),
        "entwurf": make_idea(
            box, "anna", "entwurf", "Geheimplan", ("Geheim",), False, 1
        ),
    }
    transaction.commit()
    support_as("bert", found["licht"])
    support_as("carl", found["licht"])
    support_as("anna", found["kaffee"])
    transition_as("rita", found["parken"], "review")
    transition_as("rita", found["solar"], "accept", "Machen wir im Mai.")
    transition_as("rita", found["laerm"], "decline", "Zu teuer.")
    return found


def ids(body) -> list[str]:
    return [item["@id"].rsplit("/", 1)[-1] for item in body["items"]]


def get_ok(client, userid, path, **params):
    response = client(userid).get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def assert_refused(response, status, *words):
    """A JSON error with a message; for 400 also plone.restapi's ``error``."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["message"], body
    for word in words:
        assert word in body["message"], body
    if status == 400:
        assert body["type"] == "BadRequest", body
    return body


# -- the board of a box ----------------------------------------------------


def test_board_of_a_box(board, client, site_url):
    body = get_ok(client, "bert", "ideen/@ideas")
    assert body["@id"] == f"{site_url}/ideen/@ideas"
    # Most supported first; no draft.
    assert ids(body)[:2] == ["licht", "kaffee"]
    assert set(ids(body)) == {"licht", "kaffee", "parken", "solar", "laerm"}
    assert body["items_total"] == 5
    assert "batching" not in body
    licht = body["items"][0]
    assert licht["title"] == "Mehr Licht"
    assert licht["description"] == "Kurz: Mehr Licht"
    assert licht["status"] == "submitted"
    assert licht["status_title"] == "Submitted"
    assert licht["supports"] == 2
    assert licht["supported"] is True
    assert licht["tags"] == ["Licht", "Flur"]
    assert licht["author"]["id"] == "anna"
    assert licht["author"]["fullname"] == "Anna Albers"
    assert licht["uid"] == board["licht"].UID()
    assert body["items"][1]["supported"] is False
    assert body["box"] == {
        "@id": f"{site_url}/ideen",
        "uid": board["box"].UID(),
        "title": "Ideenbox",
        "description": "",
        "deadline": None,
        "open": True,
        "support_limit": None,
        "remaining": None,
        "can_add": True,
    }
    # The tags of the ideas Bert sees: not the draft's.
    assert body["tags"] == ["Flur", "Kantine", "Licht"]
    # Carl supports licht too, Anna kaffee.
    carl = get_ok(client, "carl", "ideen/@ideas")
    assert [i["supported"] for i in carl["items"][:2]] == [True, False]
    anna = get_ok(client, "anna", "ideen/@ideas")
    assert [i["supported"] for i in anna["items"][:2]] == [False, True]


def test_board_sorts(board, client):
    newest = get_ok(client, "bert", "ideen/@ideas", sort="newest")
    assert ids(newest) == ["laerm", "solar", "parken", "kaffee", "licht"]
    # Recently changed: the latest status change first (laerm was declined
    # last, solar accepted before it, parken reviewed before that).
    changed = get_ok(client, "bert", "ideen/@ideas", sort="changed")
    assert ids(changed) == ["laerm", "solar", "parken", "kaffee", "licht"]
    explicit = get_ok(client, "bert", "ideen/@ideas", sort="supports")
    assert ids(explicit)[:2] == ["licht", "kaffee"]
    # A new support changes the order.
    support_as("bert", board["parken"])
    support_as("anna", board["parken"])
    support_as("rita", board["parken"])
    assert ids(get_ok(client, "bert", "ideen/@ideas"))[:2] == ["parken", "licht"]


FILTERS = [
    ({"status": "submitted"}, {"licht", "kaffee"}),
    ({"status": "in_review"}, {"parken"}),
    ({"status": "accepted"}, {"solar"}),
    ({"status": "declined"}, {"laerm"}),
    ({"status": "implemented"}, set()),
    ({"tag": "Flur"}, {"licht", "parken"}),
    ({"tag": "Kantine", "status": "submitted"}, {"kaffee"}),
    ({"tag": "Flur", "status": "in_review", "sort": "newest"}, {"parken"}),
    ({"tag": "Geheim"}, set()),
    ({"tag": "Unbekannt"}, set()),
]


def test_board_filters(board, client):
    for params, expected in FILTERS:
        for path in ("ideen/@ideas", "@ideas"):
            body = get_ok(client, "carl", path, **params)
            assert set(ids(body)) == expected, (path, params)
            assert body["items_total"] == len(expected), (path, params)


def test_board_batching(board, client, site_url):
    first = get_ok(client, "bert", "ideen/@ideas", sort="newest", b_size=2)
    assert ids(first) == ["laerm", "solar"]
    assert first["items_total"] == 5
    assert first["@id"] == f"{site_url}/ideen/@ideas?sort=newest"
    links = first["batching"]
    assert "prev" not in links
    assert "b_start=4" in links["last"]
    second = get_ok(client, "bert", links["next"])
    assert ids(second) == ["parken", "kaffee"]
    third = get_ok(client, "bert", second["batching"]["next"])
    assert ids(third) == ["licht"]
    assert "next" not in third["batching"]
    assert "b_start=2" in third["batching"]["prev"]


BAD_PARAMETERS = [
    ("sort=beliebt", "beliebt"),
    ("status=verschollen", "status"),
    ("mine=vielleicht", "mine"),
    ("b_size=viele", "b_size"),
    ("b_start=x", "b_start"),
    ("sort=newest&sort=changed", "sort"),
    ("status=draft&status=submitted", "status"),
    ("tag=a&tag=b", "tag"),
    ("tag=" + "x" * 101, "tag"),
]


def test_board_bad_parameters(board, client, assert_error):
    for query, word in BAD_PARAMETERS:
        for path in ("ideen/@ideas", "@ideas"):
            response = client("bert").get(f"{path}?{query}")
            body = assert_error(response, 400, "BadRequest")
            assert word in body["message"], (path, body)


def test_board_for_people_who_may_not_see_it(board, client, assert_error):
    # Idea boxes are for employees.
    assert_error(client(None).get("ideen/@ideas"), 401, "Unauthorized")
    assert_error(client(None).get("ideen/@ideas?mine=true"), 401, "Unauthorized")
    assert client(None).get("@ideas").json()["items"] == []
    assert_error(client(None).get("@ideas?mine=true"), 401, "Unauthorized")
    # Without the Member role a user is no employee (Site Setup → Social
    # intranet → Employees): the site's idea box is not theirs.
    assert_error(client("nomember").get("ideen/@ideas"), 401, "Unauthorized")
    # The manager sees what everybody sees; drafts only when asked for.
    assert get_ok(client, "chef", "ideen/@ideas")["items_total"] == 5


def test_my_ideas_include_my_drafts(board, client):
    anna = get_ok(client, "anna", "ideen/@ideas", mine="true")
    assert set(ids(anna)) == {"licht", "entwurf"}
    draft = next(i for i in anna["items"] if i["status"] == "draft")
    assert draft["status_title"] == "Draft"
    assert draft["tags"] == ["Geheim"]
    assert set(ids(get_ok(client, "anna", "@ideas", mine="1"))) == {"licht", "entwurf"}
    assert set(ids(get_ok(client, "bert", "ideen/@ideas", mine="true"))) == {
        "kaffee",
        "solar",
    }
    # Every order keeps the drafts (they have no stream time).
    for sort in ("supports", "newest", "changed"):
        mine = get_ok(client, "anna", "ideen/@ideas", mine="true", sort=sort)
        assert set(ids(mine)) == {"licht", "entwurf"}, sort
    assert ids(get_ok(client, "anna", "@ideas", status="draft", sort="changed")) == [
        "entwurf"
    ]
    # mine=false is the board.
    assert "entwurf" not in ids(get_ok(client, "anna", "ideen/@ideas", mine="false"))
    # Only her own drafts, and only to her and the manager.
    assert ids(get_ok(client, "anna", "ideen/@ideas", status="draft")) == ["entwurf"]
    for userid in ("bert", "rita"):
        assert get_ok(client, userid, "ideen/@ideas", status="draft")["items"] == []
        assert get_ok(client, userid, "@ideas", status="draft")["items"] == []
    assert ids(get_ok(client, "chef", "@ideas", status="draft")) == ["entwurf"]
    # Anna's tags of the board leave out her draft's, too.
    assert "Geheim" not in get_ok(client, "anna", "ideen/@ideas")["tags"]


def test_drafts_do_not_leak(board, client, assert_error):
    draft = board["entwurf"]
    url = draft.absolute_url()
    for userid in (None, "nomember", "bert", "rita"):
        for path in (url, f"{url}/@supports", f"{url}/@workflow"):
            assert_error(client(userid).get(path), (401, 404))
        search = client(userid).get("@search", params={"SearchableText": "Geheimplan"})
        assert search.json()["items_total"] == 0, userid
    for userid in ("nomember", "bert", "rita"):
        stream = get_ok(client, userid, "@stream", size=50)
        assert draft.UID() not in [item["uid"] for item in stream["items"]]
    # Anna and the manager see it; it is not in Anna's stream either.
    for userid in ("anna", "chef"):
        body = get_ok(client, userid, url)
        assert body["idea"]["status"] == "draft"
        search = get_ok(client, userid, "@search", SearchableText="Geheimplan")
        assert search["items_total"] == 1
    stream = get_ok(client, "anna", "@stream", size=50)
    assert draft.UID() not in [item["uid"] for item in stream["items"]]
    supports = get_ok(client, "anna", f"{url}/@supports")
    assert supports["count"] == 0
    assert supports["can_support"] is False


def test_ideas_in_the_stream(board, client):
    stream = get_ok(client, "bert", "@stream", size=50)
    found = {i["uid"]: i for i in stream["items"] if i["kind"] == "idea"}
    assert set(found) == {
        board[name].UID() for name in ("licht", "kaffee", "parken", "solar", "laerm")
    }
    solar = found[board["solar"].UID()]
    assert solar["verb"] == "accepted"
    assert solar["idea"]["status"] == "accepted"
    assert solar["idea"]["answer"] == "Machen wir im Mai."
    assert found[board["licht"].UID()]["counts"]["supports"] == 2


# -- an idea ---------------------------------------------------------------


def test_get_idea_has_its_status_history_and_answer(board, client, site_url):
    body = get_ok(client, "bert", "ideen/solar")
    assert body["@type"] == "Idea"
    assert body["is_folderish"] is True
    assert body["problem"] == "Das Problem mit Solardach."
    idea = body["idea"]
    assert idea["status"] == "accepted"
    assert idea["status_title"] == "Accepted"
    assert idea["answer"]["answer"] == "Machen wir im Mai."
    assert idea["answer"]["actor"]["id"] == "rita"
    assert idea["answer"]["action"] == "accept"
    assert [(h["action"], h["status"]) for h in idea["history"]] == [
        ("create", "draft"),
        ("submit", "submitted"),
        ("accept", "accepted"),
    ]
    assert idea["history"][1]["actor"]["id"] == "bert"
    assert idea["history"][1]["time"]
    assert idea["history"][2]["answer"] == "Machen wir im Mai."
    assert idea["transitions"] == []
    assert idea["box"] == {
        "@id": f"{site_url}/ideen",
        "uid": board["box"].UID(),
        "title": "Ideenbox",
    }
    assert idea["supports"]["count"] == 0
    # What each may do with a submitted idea.
    assert get_ok(client, "rita", "ideen/licht")["idea"]["transitions"] == [
        "review",
        "accept",
        "decline",
    ]
    assert get_ok(client, "bert", "ideen/licht")["idea"]["transitions"] == []
    anna = get_ok(client, "anna", "ideen/licht")["idea"]
    # Supported: the author may no longer withdraw it.
    assert anna["transitions"] == []
    assert anna["supports"]["count"] == 2
    assert anna["supports"]["can_support"] is False


def test_workflow_info_lists_the_reviewers_transitions(board, client):
    rita = get_ok(client, "rita", "ideen/licht/@workflow")
    assert {t["@id"].rsplit("/", 1)[-1] for t in rita["transitions"]} == {
        "review",
        "accept",
        "decline",
    }
    assert [h["action"] for h in rita["history"]] == [None, "submit"]
    bert = get_ok(client, "bert", "ideen/licht/@workflow")
    assert bert["transitions"] == []


# -- supports --------------------------------------------------------------


def test_support_and_withdraw(board, client, site_url):
    rita = client("rita")
    response = rita.post("ideen/licht/@supports")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["@id"] == f"{site_url}/ideen/licht/@supports"
    assert body["count"] == 3
    assert body["supported"] is True
    assert body["can_support"] is False
    assert body["can_withdraw"] is True
    assert body["remaining"] is None
    assert body["open"] is True
    assert "items" not in body
    listed = get_ok(client, "anna", "ideen/licht/@supports")
    assert listed["count"] == 3
    assert listed["supported"] is False
    assert [u["id"] for u in listed["items"]] == ["bert", "carl", "rita"]
    assert listed["items"][0]["fullname"] == "Bert Behrens"
    assert listed["items_total"] == 3
    page = get_ok(client, "anna", "ideen/licht/@supports", b_size=2, b_start=2)
    assert [u["id"] for u in page["items"]] == ["rita"]
    assert "prev" in page["batching"]
    # The board and the catalog count follow.
    assert get_ok(client, "rita", "ideen/@ideas")["items"][0]["supported"] is True
    response = rita.delete("ideen/licht/@supports")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["count"] == 2
    assert body["supported"] is False
    assert body["can_support"] is True
    assert get_ok(client, "rita", "ideen/@ideas")["items"][0]["supports"] == 2
    # Withdrawing a support that is not there.
    body = assert_refused(rita.delete("ideen/licht/@supports"), 400, "do not support")
    assert body["error"]["message"] == body["message"]
    assert body["supports"]["count"] == 2


def test_supporting_twice_changes_nothing(board, client):
    bert = client("bert")
    body = assert_refused(bert.post("ideen/licht/@supports"), 400, "already support")
    assert body["error"] == {"type": "BadRequest", "message": body["message"]}
    assert body["supports"]["count"] == 2
    assert body["supports"]["supported"] is True
    again = assert_refused(bert.post("ideen/licht/@supports"), 400)
    assert again == body
    assert get_ok(client, "anna", "ideen/licht/@supports")["count"] == 2
    transaction.begin()
    catalog = api.portal.get_tool("portal_catalog")
    assert catalog(UID=board["licht"].UID())[0].support_count == 2


@pytest.mark.parametrize(
    ("userid", "idea", "status", "word"),
    [
        ("anna", "licht", 400, "your own idea"),
        ("bert", "kaffee", 400, "your own idea"),
        ("anna", "laerm", 400, "Declined"),
        ("anna", "solar", 400, "Accepted"),
        ("anna", "entwurf", 400, "Draft"),
        ("chef", "entwurf", 400, "Draft"),
        ("nomember", "licht", 401, ""),
        (None, "licht", 401, ""),
        ("bert", "entwurf", 401, ""),
    ],
)
def test_support_refused(board, client, userid, idea, status, word):
    before = board[idea].support_count()
    for method in ("POST", "DELETE"):
        if method == "DELETE" and status == 400 and "own" in word:
            continue  # withdrawing is refused for not supporting
        response = client(userid).request(method, f"ideen/{idea}/@supports")
        body = assert_refused(response, status, word if method == "POST" else "")
        if status == 400:
            assert body["supports"]["count"] == before
    transaction.begin()
    assert board[idea].support_count() == before


def test_support_limit_of_a_box(board, client, functional_portal):
    transaction.begin()
    box = make_box(functional_portal, "knapp", "Knappe Box", support_limit=1)
    make_idea(box, "anna", "eins", "Idee eins")
    make_idea(box, "anna", "zwei", "Idee zwei")
    transaction.commit()
    bert = client("bert")
    board_ = get_ok(client, "bert", "knapp/@ideas")
    assert board_["box"]["support_limit"] == 1
    assert board_["box"]["remaining"] == 1
    first = bert.post("knapp/eins/@supports").json()
    assert first["count"] == 1
    assert first["remaining"] == 0
    assert first["limit"] == 1
    body = assert_refused(bert.post("knapp/zwei/@supports"), 400, "all 1 supports")
    assert body["supports"]["count"] == 0
    assert body["supports"]["remaining"] == 0
    assert body["supports"]["can_support"] is False
    assert get_ok(client, "bert", "knapp/@ideas")["box"]["remaining"] == 0
    # Other boxes are not limited by it.
    assert bert.post("ideen/parken/@supports").status_code == 200
    # Withdrawing gives the support back.
    assert bert.delete("knapp/eins/@supports").json()["remaining"] == 1
    second = bert.post("knapp/zwei/@supports")
    assert second.status_code == 200, second.text
    assert second.json()["remaining"] == 0
    # Carl's limit is his own.
    assert client("carl").post("knapp/zwei/@supports").json()["count"] == 2


def test_no_supports_after_the_deadline(board, client, functional_portal):
    transaction.begin()
    box = make_box(functional_portal, "vorbei", "Vergangene Kampagne")
    make_idea(box, "anna", "alt", "Alte Idee")
    transaction.commit()
    support_as("carl", box["alt"])
    transaction.begin()
    box.deadline = datetime.now() - timedelta(days=1)
    transaction.commit()
    board_ = get_ok(client, "bert", "vorbei/@ideas")
    assert board_["box"]["open"] is False
    assert board_["box"]["can_add"] is False
    assert board_["box"]["deadline"]
    for userid, method in (("bert", "POST"), ("carl", "DELETE")):
        response = client(userid).request(method, "vorbei/alt/@supports")
        body = assert_refused(response, 400, "deadline")
        assert body["supports"]["count"] == 1
        assert body["supports"]["open"] is False
    assert get_ok(client, "bert", "vorbei/alt/@supports")["count"] == 1
    # A draft written before the deadline is not submitted after it.
    transaction.begin()
    make_idea(box, "anna", "spaet", "Zu spaet", submit=False)
    transaction.commit()
    response = client("anna").post("vorbei/spaet/@workflow/submit")
    assert_refused(response, 400, "deadline")
    assert get_ok(client, "anna", "vorbei/spaet")["idea"]["status"] == "draft"


def test_supports_post_with_a_bad_body(board, client, assert_error):
    for data in ("{nicht json", "[1, 2]"):
        response = client("rita").post("ideen/licht/@supports", data=data)
        assert_error(response, 400, "BadRequest")
    assert get_ok(client, "rita", "ideen/licht/@supports")["count"] == 2
    # An empty object is fine.
    assert client("rita").post("ideen/licht/@supports", body={}).status_code == 200


def test_supports_only_on_ideas(board, client, assert_error):
    assert_error(client("bert").post("ideen/@supports"), 404)
    assert_error(client("bert").get("@supports"), 404)


# -- status changes --------------------------------------------------------


def history_of(client, path):
    return get_ok(client, "chef", path)["idea"]["history"]


def test_reviewer_reviews_and_accepts_with_an_answer(board, client):
    rita = client("rita")
    response = rita.post("ideen/licht/@workflow/review", body={})
    assert response.status_code == 200, response.text
    body = response.json()
    # plone.restapi's reply: the new history entry and the state's title.
    assert body["action"] == "review"
    assert body["review_state"] == "in_review"
    assert body["actor"] == "rita"
    assert body["title"] == "In review"
    assert body["time"]
    response = rita.post(
        "ideen/licht/@workflow/accept",
        body={"comment": "  Gute Idee, machen wir. "},
    )
    assert response.status_code == 200, response.text
    assert response.json()["review_state"] == "accepted"
    assert response.json()["comments"] == "Gute Idee, machen wir."
    idea = get_ok(client, "bert", "ideen/licht")["idea"]
    assert idea["status"] == "accepted"
    assert idea["answer"]["answer"] == "Gute Idee, machen wir."
    assert idea["answer"]["actor"]["fullname"] == "Rita Rat"
    assert [(h["action"], h["answer"]) for h in idea["history"]][-2:] == [
        ("review", ""),
        ("accept", "Gute Idee, machen wir."),
    ]
    # Supports end with the review; the count stays.
    assert idea["supports"]["count"] == 2
    assert idea["supports"]["can_withdraw"] is False
    item = next(
        i
        for i in get_ok(client, "anna", "@stream", size=50)["items"]
        if i["uid"] == board["licht"].UID()
    )
    assert item["verb"] == "accepted"
    assert item["idea"]["answer"] == "Gute Idee, machen wir."
    # Implemented, by the manager.
    response = client("chef").post("ideen/licht/@workflow/implement")
    assert response.status_code == 200, response.text
    assert (
        get_ok(client, "anna", "ideen/@ideas", status="implemented")["items_total"] == 1
    )


@pytest.mark.parametrize("comment", [None, "", "   "])
@pytest.mark.parametrize("transition", ["accept", "decline"])
def test_accept_and_decline_need_an_answer(board, client, transition, comment):
    body = {} if comment is None else {"comment": comment}
    response = client("rita").post(f"ideen/parken/@workflow/{transition}", body=body)
    refused = assert_refused(response, 400, "official answer")
    assert refused["error"]["message"] == refused["message"]
    assert get_ok(client, "rita", "ideen/parken")["idea"]["status"] == "in_review"
    assert len(history_of(client, "ideen/parken")) == 3


@pytest.mark.parametrize(
    ("userid", "status"),
    [("anna", 403), ("bert", 403), ("carl", 403), ("nomember", 401), (None, 401)],
)
def test_only_reviewers_accept(board, client, userid, status):
    before = history_of(client, "ideen/licht")
    response = client(userid).post(
        "ideen/licht/@workflow/accept", body={"comment": "Ja!"}
    )
    body = assert_refused(response, status)
    if status == 403:
        assert body["type"] == "Forbidden"
        assert "reviewers" in body["message"]
    assert history_of(client, "ideen/licht") == before
    assert get_ok(client, "chef", "ideen/licht")["idea"]["status"] == "submitted"


def test_author_withdraws_only_without_supports(board, client, functional_portal):
    anna = client("anna")
    body = assert_refused(anna.post("ideen/licht/@workflow/withdraw"), 400, "supports")
    assert body["error"]["message"] == body["message"]
    assert get_ok(client, "anna", "ideen/licht")["idea"]["status"] == "submitted"
    # Nobody else withdraws.
    body = assert_refused(client("rita").post("ideen/parken/@workflow/withdraw"), 403)
    assert "author" in body["message"]
    # Without supports she may.
    transaction.begin()
    make_idea(board["box"], "anna", "neu", "Neue Idee")
    transaction.commit()
    response = anna.post(
        "ideen/neu/@workflow/withdraw", body={"comment": "Noch nicht."}
    )
    assert response.status_code == 200, response.text
    assert response.json()["review_state"] == "draft"
    assert get_ok(client, "anna", "ideen/neu")["idea"]["status"] == "draft"
    assert client("bert").get("ideen/neu").status_code == 401
    assert "neu" not in ids(get_ok(client, "bert", "ideen/@ideas"))
    # And submits it again.
    response = anna.post("ideen/neu/@workflow/submit")
    assert response.status_code == 200, response.text
    assert "neu" in ids(get_ok(client, "bert", "ideen/@ideas"))


@pytest.mark.parametrize(
    ("path", "kwargs", "word"),
    [
        ("@workflow/publish", {"body": {}}, "Unknown status change"),
        ("@workflow/implement", {"body": {}}, "not possible"),
        ("@workflow/submit", {"body": {}}, "not possible"),
        ("@workflow", {"body": {}}, "Missing transition"),
        ("@workflow/decline", {"data": "{kaputt"}, "not valid JSON"),
        ("@workflow/decline", {"data": '"Nein"'}, "JSON object"),
        ("@workflow/decline", {"body": {"comment": 42}}, "must be a text"),
        ("@workflow/decline", {"body": {"comment": "x" * 5001}}, "too long"),
        (
            "@workflow/decline",
            {"body": {"comment": "Nein", "effective": "x"}},
            "effective",
        ),
    ],
)
def test_bad_status_changes(board, client, path, kwargs, word):
    before = history_of(client, "ideen/licht")
    userid = "anna" if path.endswith("submit") else "rita"
    response = client(userid).post(f"ideen/licht/{path}", **kwargs)
    assert response.status_code == 400, response.text
    body = response.json()
    assert word in (body.get("message") or body["error"]["message"]), body
    assert history_of(client, "ideen/licht") == before


def test_idea_workflow_service_leaves_other_content_alone(
    board, client, functional_portal
):
    transaction.begin()
    with manager():
        api.content.create(functional_portal, "Document", id="seite", title="Seite")
    transaction.commit()
    # plone.restapi's own service: its error shape, without our ``type``.
    response = client("chef").post("seite/@workflow/accept", body={})
    assert response.status_code == 400, response.text
    assert set(response.json()) == {"error"}
    response = client("chef").post("seite/@workflow/publish", body={"comment": ""})
    assert response.status_code == 200, response.text
    assert response.json()["review_state"] == "published"
    # On an idea, ours: the API's message for a missing answer, as the
    # manager (plone.restapi's would have accepted without one).
    response = client("chef").post("ideen/licht/@workflow/accept", body={})
    assert_refused(response, 400, "official answer")
    assert get_ok(client, "chef", "ideen/licht")["idea"]["status"] == "submitted"


# -- creating ideas --------------------------------------------------------

NEW_IDEA = {
    "@type": "Idea",
    "title": "Obstkorb",
    "description": "Jeden Montag Obst",
    "problem": "Zu wenig Vitamine.",
    "proposal": {
        "data": "<p>Ein Obstkorb <script>alert(1)</script></p>",
        "content-type": "text/html",
    },
    "benefit": "Gesündere Leute.",
    "subject": ["Kantine"],
}


def test_create_and_submit_an_idea(board, client):
    carl = client("carl")
    response = carl.post("ideen", body=NEW_IDEA)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["@type"] == "Idea"
    assert body["idea"]["status"] == "draft"
    assert body["idea"]["transitions"] == ["submit"]
    assert "<script>" not in body["proposal"]["data"]
    path = body["@id"]
    assert client("bert").get(path).status_code == 401
    response = carl.post(f"{path}/@workflow/submit", body={})
    assert response.status_code == 200, response.text
    found = get_ok(client, "bert", "ideen/@ideas", tag="Kantine")
    assert "obstkorb" in ids(found)
    # Without the Member role a user is no employee and adds no idea here.
    response = client("nomember").post("ideen", body={**NEW_IDEA, "title": "Nora"})
    assert response.status_code == 401, response.text


@pytest.mark.parametrize("missing", ["problem", "proposal"])
def test_required_fields(board, client, missing):
    body = {k: v for k, v in NEW_IDEA.items() if k != missing}
    response = client("carl").post("ideen", body=body)
    assert response.status_code == 400, response.text
    assert missing in response.text
    assert "obstkorb" not in ids(get_ok(client, "carl", "@ideas", mine="true"))


def test_bad_bodies_and_strangers_add_nothing(
    board, client, communities, functional_portal
):
    transaction.begin()
    box = make_box(communities["closed"], "ideen", "Narwal-Ideen")
    secret_box = make_box(communities["secret"], "ideen", "Axolotl-Ideen")
    transaction.commit()
    carl = client("carl")
    for data in ("{kaputt", "[]"):
        response = carl.post("ideen", data=data)
        assert response.status_code == 400, response.text
        assert response.json()["message"]
    assert client(None).post("ideen", body=NEW_IDEA).status_code == 401
    # Erik is on neither roster: plone.restapi's add service refuses (as
    # for posts), and the reply names nothing inside.
    for target in (box, secret_box):
        response = client("erik").post(target.absolute_url(), body=NEW_IDEA)
        assert response.status_code == 403, response.text
        assert "Ideen" not in response.text
    assert "obstkorb" not in ids(get_ok(client, "carl", "@ideas", mine="true"))
    transaction.begin()
    assert len(box.objectIds()) == 0
    assert len(secret_box.objectIds()) == 0
    # Mia is.
    response = client("mia").post(box.absolute_url(), body=NEW_IDEA)
    assert response.status_code == 201, response.text


# -- communities -----------------------------------------------------------


@pytest.fixture
def community_ideas(idea_people, communities):
    """In each community a box with an idea of Mia's, submitted, with a word
    of its own in its title; Olga supports each."""
    found = {}
    for visibility, word in (
        ("open", "Quokka"),
        ("closed", "Narwal"),
        ("secret", "Axolotl"),
    ):
        box = make_box(communities[visibility], "ideen", f"Ideen {word}")
        found[visibility] = make_idea(box, "mia", "idee", f"Idee {word}", ("Tiere",))
    transaction.commit()
    for idea in found.values():
        support_as("olga", idea)
    return found


@pytest.mark.parametrize(
    ("userid", "sees"),
    [
        (None, ()),
        # No employee: no open community either.
        ("nomember", ()),
        ("erik", ("open",)),
        ("mia", ("open", "closed", "secret")),
        ("leitung", ("open", "closed", "secret")),
    ],
    ids=["anonymous", "no-member-role", "employee", "member", "manager"],
)
def test_community_ideas_reach_only_who_may_see_them(
    community_ideas, client, userid, sees
):
    uids = {community_ideas[v].UID(): v for v in community_ideas}
    board_ = client(userid).get("@ideas", params={"tag": "Tiere"}).json()
    assert {uids[i["uid"]] for i in board_["items"]} == set(sees)
    assert board_["items_total"] == len(sees)
    search = (
        client(userid)
        .get("@search", params={"portal_type": "Idea", "metadata_fields": "UID"})
        .json()
    )
    assert {uids.get(i["UID"]) for i in search["items"]} == set(sees)
    if userid is not None:
        stream = get_ok(client, userid, "@stream", size=50)
        assert {uids[i["uid"]] for i in stream["items"] if i["uid"] in uids} == set(
            sees
        )
    for visibility, idea in community_ideas.items():
        url = idea.absolute_url()
        box_url = url.rsplit("/", 1)[0]
        responses = [
            client(userid).get(url),
            client(userid).get(f"{url}/@supports"),
            client(userid).get(f"{box_url}/@ideas"),
        ]
        for response in responses:
            if visibility in sees:
                assert response.status_code == 200, (visibility, response.text)
            else:
                assert response.status_code in (401, 404), (visibility, response.text)
                assert "Idee" not in response.text
        if visibility not in sees and userid is not None:
            refused = client(userid).post(f"{url}/@supports")
            assert refused.status_code in (401, 404), refused.text
    transaction.begin()
    assert all(idea.support_count() == 1 for idea in community_ideas.values())


def test_members_support_community_ideas(community_ideas, client):
    for visibility, idea in community_ideas.items():
        response = client("moritz").post(f"{idea.absolute_url()}/@supports")
        assert response.status_code == 200, (visibility, response.text)
        assert response.json()["count"] == 2
    # An employee may support in the open community.
    response = client("erik").post(
        f"{community_ideas['open'].absolute_url()}/@supports"
    )
    assert response.status_code == 200, response.text
    assert response.json()["count"] == 3
    # Supports show on the site's board for the one who gave them.
    body = get_ok(client, "moritz", "@ideas", tag="Tiere")
    assert all(item["supported"] for item in body["items"])
    assert not any(i["supported"] for i in get_ok(client, "mia", "@ideas")["items"])
