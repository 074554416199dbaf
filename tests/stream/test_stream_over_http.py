"""``@stream``, ``@stream/new``, ``@replies``, ``@hashtags`` and ``@answer``
over HTTP.

Who sees what is the catalog's business: a post in a closed or secret
community must never reach an employee who is not on its roster, through
any filter, search, hashtag count, reply list or new-item count. Each
path is checked below.
"""

from plone import api
from urllib.parse import parse_qs
from urllib.parse import urlparse
import pytest
import time
import transaction


def post_as(userid, container, text, **kwargs):
    """A post by ``userid`` through the Python API, committed."""
    from ospa.social.stream import posts

    transaction.begin()
    with api.env.adopt_user(username=userid):
        post = posts.create(container, text, **kwargs)
    transaction.commit()
    # Distinct creation times: the stream orders by milliseconds.
    time.sleep(0.005)
    return post


def follow_as(userid, kind, target):
    from ospa.social.following import api as following

    transaction.begin()
    with api.env.adopt_user(username=userid):
        following.follow(kind, target)
    transaction.commit()


def add_member(community, userid, role="member"):
    from ospa.social.communities import api as communities

    transaction.begin()
    with api.env.adopt_user(username="olga"):
        communities.add(community, userid, role)
    transaction.commit()


def get(client, userid, path, **params):
    response = client(userid).get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def post_uids(body) -> list[str]:
    """The UIDs of the posts (not pages, not comments) in a stream page."""
    return [item["uid"] for item in body["items"] if item["object"]["type"] == "Post"]


def stream_posts(client, userid, path="@stream", **params) -> list[str]:
    return post_uids(get(client, userid, path, size=50, **params))


def stream_count(client, userid, **params) -> int:
    """How many items of any kind the stream shows (fewer than 50 here)."""
    body = get(client, userid, "@stream", size=50, **params)
    assert body["next"] is None
    return len(body["items"])


def assert_bad_request(response, *words):
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["type"] == "BadRequest", body
    assert body["message"], body
    for word in words:
        assert word in body["message"], body
    return body


@pytest.fixture
def everyone(http_people, community_people):
    """anna, bert, nomember (no Member role), chef (manager); olga, moritz,
    mia (on every roster), erik, gast (on none), leitung (manager)."""
    return http_people + community_people


@pytest.fixture
def world(everyone, communities, functional_portal):
    """A post in /stream and one in each community, each with a word of its own."""
    stream = functional_portal["stream"]
    return {
        "stream": post_as("anna", stream, "Zebra im #Kantine Stream"),
        "open": post_as("mia", communities["open"], "Giraffe in #Kantine offen"),
        "closed": post_as(
            "mia", communities["closed"], "Gorilla im #Geheimtipp geschlossen"
        ),
        "secret": post_as("mia", communities["secret"], "Okapi im #Geheimtipp geheim"),
    }


HIDDEN = ("closed", "secret")


# -- who sees the stream ---------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["@stream", "stream/@stream", "@stream/new?since=0", "@hashtags"],
)
def test_anonymous_visitors_must_log_in(world, client, path):
    response = client(None).get(path)
    assert response.status_code == 401, response.text
    assert response.json()["type"] == "Unauthorized"


def test_anonymous_visitors_see_no_posts_anywhere(world, client):
    for post in world.values():
        assert client(None).get(post.absolute_url()).status_code == 401
    assert client(None).get("communities/offen/@stream").status_code == 401
    search = client(None).get("@search", params={"portal_type": "Post"})
    assert search.json()["items_total"] == 0


@pytest.mark.parametrize(
    ("userid", "sees"),
    [
        # Without the Member role: no employee, like a guest on no roster.
        ("nomember", ()),
        ("erik", ("stream", "open")),
        ("mia", ("stream", "open", "closed", "secret")),
        ("leitung", ("stream", "open", "closed", "secret")),
    ],
    ids=["no-member-role", "employee", "member", "manager"],
)
def test_who_sees_which_posts(world, client, userid, sees):
    uids = stream_posts(client, userid)
    assert {place for place, post in world.items() if post.UID() in uids} == set(sees)


def test_a_stream_page(world, client, site_url):
    body = get(client, "erik", "@stream")
    assert body["@id"] == f"{site_url}/@stream"
    assert body["next"] is None
    assert "batching" not in body
    assert body["latest"] == body["items"][0]["timestamp"]
    # Newest first.
    stamps = [item["timestamp"] for item in body["items"]]
    assert stamps == sorted(stamps, reverse=True)
    [item] = [i for i in body["items"] if i["uid"] == world["open"].UID()]
    assert item["@id"] == world["open"].absolute_url()
    assert item["kind"] == "post"
    assert item["verb"] == "posted"
    assert item["actor"]["id"] == "mia"
    assert item["actor"]["fullname"] == "Mia Member"
    assert item["object"]["type"] == "Post"
    assert item["object"]["text"] == "Giraffe in #Kantine offen"
    assert 'class="ospa-hashtag"' in item["object"]["html"]
    assert item["community"]["uid"] == world["open"].aq_parent.UID()
    assert item["community"]["title"] == "Community Quokka"
    assert item["counts"] == {"likes": 0, "replies": 0}
    assert item["replies"] == []
    assert item["viewer"]["can_reply"] is False
    assert item["viewer"]["can_edit"] is False
    assert item["hidden"] is False
    # Pages in the communities are in the stream too.
    kinds = {i["kind"] for i in body["items"]}
    assert "content" in kinds


def test_the_stream_of_a_community(world, client, communities, site_url):
    body = get(client, "erik", "communities/offen/@stream")
    assert body["@id"] == f"{site_url}/communities/offen/@stream"
    assert post_uids(body) == [world["open"].UID()]
    assert {item["community"]["uid"] for item in body["items"]} == {
        communities["open"].UID()
    }
    # Its own UID may be repeated, another community's not.
    same = get(
        client, "erik", "communities/offen/@stream", community=communities["open"].UID()
    )
    assert post_uids(same) == [world["open"].UID()]
    assert_bad_request(
        client("erik").get(
            "communities/offen/@stream",
            params={"community": communities["closed"].UID()},
        )
    )
    # A closed community's stream is empty for employees not on its roster,
    # and the secret one is not there for them at all.
    assert get(client, "erik", "communities/geschlossen/@stream")["items"] == []
    assert client("erik").get("communities/geheim/@stream").status_code in (401, 404)
    assert stream_posts(client, "mia", "communities/geheim/@stream") == [
        world["secret"].UID()
    ]


def test_the_stream_folder_serves_the_whole_stream(world, client):
    assert stream_posts(client, "mia", "stream/@stream") == stream_posts(client, "mia")


# -- filters ---------------------------------------------------------------------


def test_filter_communities(world, client):
    mine = stream_posts(client, "mia", filter="communities")
    assert set(mine) == {world[p].UID() for p in ("open", "closed", "secret")}
    assert get(client, "erik", "@stream", filter="communities") == {
        "@id": f"{client('erik').base}/@stream?filter=communities",
        "items": [],
        "next": None,
        "latest": None,
    }


def test_filter_following(world, client, communities):
    assert stream_posts(client, "erik", filter="following") == []
    follow_as("erik", "user", "anna")
    assert stream_posts(client, "erik", filter="following") == [world["stream"].UID()]
    follow_as("erik", "community", communities["open"].UID())
    following = stream_posts(client, "erik", filter="following")
    assert set(following) == {world["stream"].UID(), world["open"].UID()}
    follow_as("gast", "tag", "kantine")
    assert set(stream_posts(client, "gast", filter="following")) == {
        world["stream"].UID(),
        world["open"].UID(),
    }
    follow_as("bert", "content", world["open"].UID())
    assert stream_posts(client, "bert", filter="following") == [world["open"].UID()]


def test_filter_questions(world, client, functional_portal, communities):
    stream = functional_portal["stream"]
    question = post_as("bert", stream, "Wo ist der Schlüssel?", question=True)
    secret = post_as("mia", communities["secret"], "Geheime Frage?", question=True)
    assert stream_posts(client, "erik", filter="questions") == [question.UID()]
    assert stream_posts(client, "mia", filter="questions") == [
        secret.UID(),
        question.UID(),
    ]
    [item] = get(client, "erik", "@stream", filter="questions")["items"]
    assert item["kind"] == "question"
    assert item["verb"] == "asked"
    assert item["question"] == {"state": "open", "accepted": None, "can_accept": False}


def test_narrowed_to_a_community_a_hashtag_an_author(world, client, communities):
    assert stream_posts(client, "erik", community=communities["open"].UID()) == [
        world["open"].UID()
    ]
    assert stream_posts(client, "erik", community=communities["closed"].UID()) == []
    assert stream_posts(client, "mia", community=communities["closed"].UID()) == [
        world["closed"].UID()
    ]
    kantine = {world["stream"].UID(), world["open"].UID()}
    for tag in ("Kantine", "#kantine", "KANTINE"):
        assert set(stream_posts(client, "erik", hashtag=tag)) == kantine
    assert stream_posts(client, "erik", hashtag="Geheimtipp") == []
    assert len(stream_posts(client, "mia", hashtag="Geheimtipp")) == 2
    assert stream_posts(client, "erik", author="anna") == [world["stream"].UID()]
    assert stream_posts(client, "erik", author="mia") == [world["open"].UID()]
    # Filters combine.
    assert stream_posts(client, "mia", filter="communities", hashtag="kantine") == [
        world["open"].UID()
    ]


# -- pages -----------------------------------------------------------------------


def test_pages_by_cursor(everyone, client, functional_portal):
    stream = functional_portal["stream"]
    uids = [post_as("anna", stream, f"Nummer {n}").UID() for n in range(5)]
    newest_first = list(reversed(uids))
    seen, url, pages = [], "@stream", 0
    params = {"author": "anna", "size": 2}
    while url:
        response = client("bert").get(url, params=params)
        assert response.status_code == 200, response.text
        body = response.json()
        pages += 1
        seen.extend(post_uids(body))
        if pages == 1:
            assert body["latest"] == body["items"][0]["timestamp"]
            assert "next" in body["batching"]
        else:
            assert body["latest"] is None
        assert len(body["items"]) == (2 if pages < 3 else 1)
        if body["next"] is None:
            assert "next" not in body.get("batching", {})
            url = None
        else:
            link = body["batching"]["next"]
            query = parse_qs(urlparse(link).query)
            assert query == {
                "author": ["anna"],
                "size": ["2"],
                "before": [str(body["next"])],
            }
            assert body["batching"]["first"].endswith("@stream?author=anna&size=2")
            url, params = link, None
    assert pages == 3
    assert seen == newest_first


def test_new_items_arrive_on_top_of_the_first_page(everyone, client, functional_portal):
    stream = functional_portal["stream"]
    old = [post_as("anna", stream, f"Alt {n}").UID() for n in range(3)]
    first = get(client, "bert", "@stream", author="anna", size=2)
    new = post_as("anna", stream, "Neu").UID()
    second = get(client, "bert", "@stream", author="anna", size=2, before=first["next"])
    # The cursor is not shifted by the new post.
    assert post_uids(first) == [old[2], old[1]]
    assert post_uids(second) == [old[0]]
    assert new not in post_uids(second)


# -- new items -------------------------------------------------------------------


def test_counting_new_items(world, client, functional_portal, communities, site_url):
    latest = {
        userid: get(client, userid, "@stream")["latest"] for userid in ("erik", "mia")
    }
    post_as("bert", functional_portal["stream"], "Neu 1")
    post_as("bert", functional_portal["stream"], "Neu 2")
    post_as("moritz", communities["closed"], "Neu geschlossen")
    post_as("moritz", communities["secret"], "Neu geheim")
    body = get(client, "erik", "@stream/new", since=latest["erik"])
    assert body == {
        "@id": f"{site_url}/@stream/new?since={latest['erik']}",
        "count": 2,
        "since": latest["erik"],
    }
    assert get(client, "mia", "@stream/new", since=latest["mia"])["count"] == 4
    assert (
        get(client, "mia", "@stream/new", since=latest["mia"], filter="communities")[
            "count"
        ]
        == 2
    )
    assert (
        get(client, "mia", "@stream/new", since=latest["mia"], author="bert")["count"]
        == 2
    )
    own = get(client, "mia", "communities/geheim/@stream/new", since=latest["mia"])
    assert own["count"] == 1


def test_new_items_are_counted_up_to_99(everyone, client, functional_portal):
    from ospa.social.stream import posts

    since = get(client, "bert", "@stream")["latest"] or 0
    transaction.begin()
    with api.env.adopt_user(username="anna"):
        for number in range(101):
            posts.create(functional_portal["stream"], f"Post {number}")
    transaction.commit()
    assert get(client, "bert", "@stream/new", since=since)["count"] == 99


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({}, ("newest item",)),
        ({"since": "abc"}, ("since",)),
        ({"since": "-1"}, ("since",)),
        ({"since": "0", "filter": "nope"}, ("nope",)),
    ],
    ids=["missing", "not-a-number", "negative", "bad-filter"],
)
def test_bad_new_counts(everyone, client, params, words):
    assert_bad_request(client("anna").get("@stream/new", params=params), *words)


def test_unknown_sub_paths(everyone, client):
    for path in ("@stream/old", "@stream/new/1"):
        response = client("anna").get(path)
        assert response.status_code == 404, response.text


# -- closed and secret communities stay closed ----------------------------------


@pytest.mark.parametrize("userid", ["erik", "nomember"])
def test_closed_and_secret_posts_never_reach_outsiders(
    world, client, communities, userid
):
    from ospa.social.stream import posts

    transaction.begin()
    with api.env.adopt_user(username="mia"):
        for place in HIDDEN:
            posts.edit(world[place], world[place].text, question=True)
            posts.create(communities[place], "Antwort", in_reply_to=world[place].UID())
    transaction.commit()
    if userid == "erik":
        follow_as("erik", "user", "mia")
        follow_as("erik", "community", communities["closed"].UID())
        follow_as("erik", "tag", "kantine")
    hidden = {world[place].UID() for place in HIDDEN}
    since = 0
    for params in (
        {},
        {"filter": "communities"},
        {"filter": "following"},
        {"filter": "questions"},
        {"hashtag": "geheimtipp"},
        {"author": "mia"},
    ):
        assert not hidden & set(stream_posts(client, userid, **params)), params
        new = get(client, userid, "@stream/new", since=since, **params)
        assert new["count"] == stream_count(client, userid, **params), params
    # Employees see the closed community (and an empty stream of it); users
    # without the Member role do not see it at all, nor anyone the secret one.
    closed = {"community": communities["closed"].UID()}
    if userid == "erik":
        assert stream_posts(client, userid, **closed) == []
        assert get(client, userid, "@stream/new", since=0, **closed)["count"] == 0
    else:
        assert_bad_request(client(userid).get("@stream", params=closed))
    secret = {"community": communities["secret"].UID()}
    assert_bad_request(client(userid).get("@stream", params=secret))
    assert_bad_request(client(userid).get("@stream/new", params={"since": 0, **secret}))
    for word in ("Gorilla", "Okapi", "Antwort"):
        search = get(client, userid, "@search", SearchableText=word)
        assert search["items_total"] == 0, word
    # The open community is the employees': not of a user without Member.
    giraffe = get(client, userid, "@search", SearchableText="Giraffe")
    assert giraffe["items_total"] == (1 if userid == "erik" else 0)
    tags = {t["tag"] for t in get(client, userid, "@hashtags")["items"]}
    assert ("kantine" in tags) == (userid == "erik")
    assert "geheimtipp" not in tags
    for place in HIDDEN:
        url = world[place].absolute_url()
        for path in ("", "/@replies", "/@answer"):
            assert client(userid).get(f"{url}{path}").status_code in (401, 404)
    # Members see all of it.
    assert hidden <= set(stream_posts(client, "mia", filter="questions"))
    assert get(client, "mia", "@search", SearchableText="Okapi")["items_total"] == 1


def test_hashtag_counts_follow_every_change_though_they_are_cached(
    world, client, communities, functional_portal
):
    """``@hashtags`` is kept in a RAM cache: a new and a deleted post, and a
    roster change, each show at the very next request."""
    from ospa.social.communities import api as roster

    def counts(userid):
        found = get(client, userid, "@hashtags")["items"]
        return {entry["tag"]: entry["count"] for entry in found}

    before = counts("erik")
    assert counts("erik") == before  # now from the cache
    assert "geheimtipp" not in before
    post = post_as("anna", functional_portal["stream"], "Noch mehr #Kantine")
    assert counts("erik") == {**before, "kantine": before["kantine"] + 1}
    transaction.begin()
    with api.env.adopt_user(username="anna"):
        api.content.delete(post)
    transaction.commit()
    assert counts("erik") == before
    add_member(communities["secret"], "erik")
    assert counts("erik")["geheimtipp"] == 1
    transaction.begin()
    with api.env.adopt_user(username="olga"):
        roster.remove(communities["secret"], "erik")
    transaction.commit()
    assert counts("erik") == before


# -- replies ---------------------------------------------------------------------


def test_replies_oldest_first_and_batched(everyone, client, functional_portal):
    stream = functional_portal["stream"]
    post = post_as("anna", stream, "Wer kommt mit?")
    replies = [
        post_as(user, stream, f"Ich {n}", in_reply_to=post.UID()).UID()
        for n, user in enumerate(["bert", "chef", "bert", "gast", "bert"])
    ]
    url = f"{post.absolute_url()}/@replies"
    body = get(client, "bert", url)
    assert body["@id"] == url
    assert [item["uid"] for item in body["items"]] == replies
    assert body["items_total"] == 5
    assert "batching" not in body
    assert {item["kind"] for item in body["items"]} == {"reply"}
    assert {item["in_reply_to"] for item in body["items"]} == {post.UID()}
    assert {item["accepted"] for item in body["items"]} == {False}
    first = get(client, "bert", url, b_size=2)
    assert [item["uid"] for item in first["items"]] == replies[:2]
    assert first["items_total"] == 5
    batching = first["batching"]
    assert batching["next"] == f"{url}?b_start=2&b_size=2"
    assert batching["last"] == f"{url}?b_start=4&b_size=2"
    last = get(client, "bert", batching["last"])
    assert [item["uid"] for item in last["items"]] == replies[4:]
    assert "next" not in last["batching"]
    # The stream item shows the count and the latest three, oldest first.
    item = [
        i for i in get(client, "bert", "@stream")["items"] if i["uid"] == post.UID()
    ]
    assert item[0]["counts"]["replies"] == 5
    assert [r["uid"] for r in item[0]["replies"]] == replies[2:]
    # Larger pages are cut to 50; a reply has no replies.
    assert len(get(client, "bert", url, b_size=100)["items"]) == 5
    reply = get(client, "bert", f"{body['items'][0]['@id']}/@replies")
    assert reply["items"] == []
    assert reply["items_total"] == 0


def test_replies_of_what_is_no_post(world, client, functional_portal):
    assert client("anna").get("stream/@replies").status_code == 404
    assert client("anna").get("communities/offen/seite/@replies").status_code == 404


def test_replies_in_a_community_for_members_only(world, client, communities):
    post_as("moritz", communities["closed"], "Ja", in_reply_to=world["closed"].UID())
    url = f"{world['closed'].absolute_url()}/@replies"
    assert get(client, "mia", url)["items_total"] == 1
    assert client("erik").get(url).status_code in (401, 404)


@pytest.mark.parametrize("params", [{"b_size": "abc"}, {"b_start": "x"}])
def test_bad_reply_batches(world, client, params):
    url = f"{world['stream'].absolute_url()}/@replies"
    assert_bad_request(client("anna").get(url, params=params))


# -- hashtags --------------------------------------------------------------------


def test_hashtags_count_what_the_viewer_sees(
    world, client, functional_portal, site_url
):
    post_as("bert", functional_portal["stream"], "Heute #Kantine und #Mittag")
    body = get(client, "erik", "@hashtags")
    assert body["@id"] == f"{site_url}/@hashtags"
    assert body["days"] == 30
    counts = {item["tag"]: item["count"] for item in body["items"]}
    assert counts["kantine"] == 3
    assert counts["mittag"] == 1
    assert "geheimtipp" not in counts
    # Most used first.
    assert body["items"][0] == {"tag": "kantine", "count": 3}
    mine = {t["tag"]: t["count"] for t in get(client, "mia", "@hashtags")["items"]}
    assert mine["geheimtipp"] == 2
    assert mine["kantine"] == 3
    limited = get(client, "erik", "@hashtags", days=7, limit=1)
    assert limited["days"] == 7
    assert limited["items"] == [{"tag": "kantine", "count": 3}]


# -- accepting an answer ---------------------------------------------------------


@pytest.fixture
def question(everyone, functional_portal):
    """anna asks in /stream; bert and gast reply."""
    stream = functional_portal["stream"]
    asked = post_as("anna", stream, "Wo ist der Schlüssel?", question=True)
    replies = [
        post_as("bert", stream, "Beim Empfang", in_reply_to=asked.UID()),
        post_as("gast", stream, "Keine Ahnung", in_reply_to=asked.UID()),
    ]
    return asked, replies


def test_reading_the_answer(question, client):
    asked, _ = question
    url = f"{asked.absolute_url()}/@answer"
    assert get(client, "anna", url) == {
        "@id": url,
        "accepted": None,
        "can_accept": True,
    }
    assert get(client, "bert", url)["can_accept"] is False
    assert get(client, "chef", url)["can_accept"] is True


def test_the_author_accepts_an_answer(question, client):
    asked, (good, other) = question
    url = f"{asked.absolute_url()}/@answer"
    response = client("anna").post(url, body={"reply": good.UID()})
    assert response.status_code == 200, response.text
    item = response.json()
    assert item["uid"] == asked.UID()
    assert item["kind"] == "question"
    assert item["question"]["state"] == "answered"
    assert item["question"]["accepted"] == good.UID()
    accepted = {reply["uid"]: reply["accepted"] for reply in item["replies"]}
    assert accepted == {good.UID(): True, other.UID(): False}
    assert get(client, "bert", url)["accepted"] == good.UID()
    replies = get(client, "bert", f"{asked.absolute_url()}/@replies")["items"]
    assert [reply["accepted"] for reply in replies] == [True, False]
    # An answered question is no longer open.
    assert asked.UID() not in stream_posts(client, "bert", filter="questions")
    # Another reply may be accepted instead.
    response = client("anna").post(url, body={"reply": other.UID()})
    assert response.json()["question"]["accepted"] == other.UID()


def test_others_cannot_accept_an_answer(question, client):
    asked, (good, _) = question
    url = f"{asked.absolute_url()}/@answer"
    for userid in ("bert", "erik"):
        response = client(userid).post(url, body={"reply": good.UID()})
        assert response.status_code == 401, response.text
    assert client(None).post(url, body={"reply": good.UID()}).status_code == 401
    assert get(client, "anna", url)["accepted"] is None
    # A site manager moderates the stream: they may.
    response = client("chef").post(url, body={"reply": good.UID()})
    assert response.status_code == 200, response.text


def test_withdrawing_the_answer(question, client):
    asked, (good, _) = question
    url = f"{asked.absolute_url()}/@answer"
    assert client("anna").post(url, body={"reply": good.UID()}).status_code == 200
    assert client("bert").delete(url).status_code == 401
    assert get(client, "anna", url)["accepted"] == good.UID()
    response = client("anna").delete(url)
    assert response.status_code == 200, response.text
    assert response.json()["question"] == {
        "state": "open",
        "accepted": None,
        "can_accept": True,
    }
    assert get(client, "anna", url)["accepted"] is None
    assert asked.UID() in stream_posts(client, "bert", filter="questions")
    # Withdrawing again changes nothing.
    assert client("anna").delete(url).status_code == 200


def test_accepting_what_is_no_reply(question, client, functional_portal):
    asked, _ = question
    stream = functional_portal["stream"]
    unrelated = post_as("bert", stream, "Ein anderer Post")
    other_question = post_as("bert", stream, "Andere Frage?", question=True)
    elsewhere = post_as("anna", stream, "Hier", in_reply_to=other_question.UID())
    url = f"{asked.absolute_url()}/@answer"
    for body in (
        {"reply": unrelated.UID()},
        {"reply": elsewhere.UID()},
        {"reply": asked.UID()},
        {"reply": "0" * 32},
        {"reply": 42},
        {"reply": ""},
        {"reply": None},
        {},
    ):
        response = client("anna").post(url, body=body)
        assert_bad_request(response, "Accept one of the replies")
    assert_bad_request(client("anna").post(url, body={"answer": "x"}), "answer")
    assert_bad_request(client("anna").post(url, data="{not json"))
    assert_bad_request(client("anna").post(url, data="[1]"))
    assert get(client, "anna", url)["accepted"] is None


def test_answers_only_for_questions(question, client, functional_portal):
    _, (reply, _) = question
    post = post_as("anna", functional_portal["stream"], "Keine Frage")
    for target in (post, reply):
        url = f"{target.absolute_url()}/@answer"
        assert_bad_request(client("anna").get(url), "Only questions")
        assert_bad_request(
            client("anna").post(url, body={"reply": reply.UID()}), "Only questions"
        )
        assert_bad_request(client("anna").delete(url), "Only questions")
    assert client("anna").get("stream/@answer").status_code == 404


def test_a_community_moderator_accepts(world, client, communities):
    from ospa.social.stream import posts

    asked = world["closed"]
    transaction.begin()
    with api.env.adopt_user(username="mia"):
        posts.edit(asked, asked.text, question=True)
    transaction.commit()
    reply = post_as("olga", communities["closed"], "So", in_reply_to=asked.UID())
    url = f"{asked.absolute_url()}/@answer"
    assert get(client, "moritz", url)["can_accept"] is True
    response = client("moritz").post(url, body={"reply": reply.UID()})
    assert response.status_code == 200, response.text
    assert client("erik").get(url).status_code in (401, 404)


# -- bad parameters --------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"size": "0"}, ("between 1 and 50",)),
        ({"size": "51"}, ("between 1 and 50",)),
        ({"size": "abc"}, ("must be a number",)),
        ({"before": "abc"}, ("before",)),
        ({"before": "-5"}, ("before",)),
        ({"filter": "nope"}, ("nope",)),
        ({"community": "0" * 32}, ("0" * 32,)),
        ({"hashtag": "x" * 201}, ("hashtag",)),
        ({"author": "x" * 201}, ("author",)),
        ({"community": ["a", "b"]}, ("community",)),
        ({"filter": ["all", "questions"]}, ("filter",)),
    ],
    ids=[
        "size-0",
        "size-51",
        "size-abc",
        "before-abc",
        "before-negative",
        "filter",
        "community",
        "hashtag",
        "author",
        "community-twice",
        "filter-twice",
    ],
)
def test_bad_stream_parameters(everyone, client, params, words):
    assert_bad_request(client("anna").get("@stream", params=params), *words)


@pytest.mark.parametrize(
    "params",
    [{"days": "0"}, {"days": "367"}, {"days": "abc"}, {"limit": "0"}, {"limit": "x"}],
)
def test_bad_hashtag_parameters(everyone, client, params):
    assert_bad_request(client("anna").get("@hashtags", params=params))
