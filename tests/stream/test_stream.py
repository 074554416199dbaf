"""The stream query: filters, order, pages, new items, hashtags, visibility."""

from .conftest import PEOPLE
from .conftest import post_as
from .conftest import stream_as
from ospa.social.likes import api as likes
from ospa.social.stream import posts
from ospa.social.stream import query as stream
from plone import api
import pytest


def texts(page):
    return [item["object"]["text"] for item in page["items"]]


@pytest.fixture
def everywhere(places):
    """One post per place, oldest first, each tagged and mentioning Erik."""
    made = {}
    for name in ("stream", "open", "closed", "secret"):
        made[name] = post_as("mia", places[name], f"{name} #Thema @erik")
    return made


def test_newest_first_with_replies_under_their_post(places):
    first = post_as("mia", places["stream"], "Erster")
    post_as("erik", places["stream"], "Zweiter")
    for number in range(5):
        post_as("chef", places["stream"], f"Antwort {number}", in_reply_to=first.UID())
    page = stream_as("erik")
    assert texts(page) == ["Zweiter", "Erster"]
    item = page["items"][1]
    assert item["counts"]["replies"] == 5
    # The latest three, oldest of them first.
    assert [reply["object"]["text"] for reply in item["replies"]] == [
        "Antwort 2",
        "Antwort 3",
        "Antwort 4",
    ]
    assert item["actor"]["fullname"] == "Mia Member"
    assert item["kind"] == "post"
    assert item["verb"] == "posted"


def test_an_item_says_what_the_viewer_may_do(places):
    from ospa.social.likes import api as likes

    post = post_as("mia", places["open"], "Im offenen Raum")
    with api.env.adopt_user(username="erik"):
        likes.like(post)
    erik = stream_as("erik", community=places["open"])["items"][0]
    assert erik["viewer"] == {
        "liked": True,
        "following": False,
        "can_like": True,
        "can_reply": False,
        "can_edit": False,
        "can_delete": False,
        "can_moderate": False,
    }
    assert erik["counts"]["likes"] == 1
    assert erik["community"]["title"] == "Community offen"
    mia = stream_as("mia", community=places["open"])["items"][0]
    assert mia["viewer"]["can_edit"]
    assert mia["viewer"]["can_reply"]
    moritz = stream_as("moritz", community=places["open"])["items"][0]
    assert moritz["viewer"]["can_moderate"]
    assert moritz["viewer"]["can_delete"]
    assert not moritz["viewer"]["can_edit"]


# Each flag of ``viewer`` and the function that enforces what it offers.
ENFORCED = {
    "can_edit": lambda obj: posts.can_edit(obj),
    "can_delete": lambda obj: posts.can_delete(obj),
    "can_moderate": lambda obj: posts.can_moderate(obj),
    "can_like": lambda obj: likes.can_like(obj),
    "can_reply": lambda obj: (
        not obj.in_reply_to and posts.can_post(posts.container_of(obj))
    ),
}


def _flags_match(obj, item):
    for flag, enforced in ENFORCED.items():
        assert item["viewer"][flag] == bool(enforced(obj)), (flag, item["@id"])
    if item.get("question"):
        assert item["question"]["can_accept"] == posts.can_accept(obj)
    assert item["hidden"] == posts.is_hidden(obj)


def _check_every_item(userid):
    with api.env.adopt_user(username=userid):
        seen = 0
        for item in stream.query()["items"]:
            for shown in [item, *item.get("replies", ())]:
                if shown["kind"] in ("post", "question", "reply"):
                    _flags_match(api.content.get(UID=shown["uid"]), shown)
                    seen += 1
        return seen


def _hidden_question_world(places):
    """In every place: a question with a reply by someone else, and a post
    a moderator has hidden."""
    for name in ("stream", "open", "closed", "secret"):
        question = post_as("mia", places[name], f"{name}?", question=True)
        post_as("olga", places[name], "Antwort", in_reply_to=question.UID())
        hidden = post_as("mia", places[name], f"{name} versteckt")
        with api.env.adopt_user(username="chef"):
            posts.set_hidden(hidden, True)


@pytest.mark.parametrize("userid", sorted(PEOPLE))
def test_every_flag_is_what_the_api_enforces(places, userid):
    """For every viewer and every post and reply they see, each button flag
    is the answer of the function that enforces it."""
    _hidden_question_world(places)
    assert _check_every_item(userid) > 0


def test_flags_follow_a_changed_rolemap(places):
    """A site that lets editors (community moderators) edit posts sees edit buttons
    for them, without a change to the add-on."""
    post = post_as("mia", places["open"], "Bitte korrigieren")
    wf = api.portal.get_tool("portal_workflow")
    (chain,) = wf.getChainFor(post)
    state = wf[chain].states[api.content.get_state(post)]
    roles = set(state.permission_roles["Modify portal content"])
    with api.env.adopt_user(username="moritz"):
        before = stream.query(community=places["open"])["items"][0]
    assert not before["viewer"]["can_edit"]
    state.setPermission("Modify portal content", 0, sorted(roles | {"Editor"}))
    wf[chain].updateRoleMappingsFor(post)
    with api.env.adopt_user(username="moritz"):
        after = stream.query(community=places["open"])["items"][0]
        assert after["viewer"]["can_edit"] == posts.can_edit(post) is True


@pytest.mark.parametrize(
    ("userid", "expected"),
    [
        ("erik", ["open", "stream"]),
        ("mia", ["secret", "closed", "open", "stream"]),
        ("chef", ["secret", "closed", "open", "stream"]),
    ],
)
def test_closed_and_secret_posts_reach_only_members(everywhere, userid, expected):
    assert [text.split()[0] for text in texts(stream_as(userid))] == expected


def test_anonymous_sees_no_posts(everywhere):
    from ospa.social.stream import query as stream
    from plone.app.testing import logout

    logout()
    assert stream.query()["items"] == []


FILTERS = [
    {"filter": "all"},
    {"filter": "communities"},
    {"filter": "following"},
    {"filter": "questions"},
    {"hashtag": "thema"},
    {"author": "mia"},
]


@pytest.mark.parametrize("params", FILTERS)
def test_no_filter_leaks_closed_or_secret_posts(everywhere, places, params):
    """Erik follows everything there is to follow; he still sees nothing closed."""
    from ospa.social.following import api as following
    from ospa.social.stream import posts
    from ospa.social.stream import query as stream

    for name in ("closed", "secret"):
        with api.env.adopt_user(username="mia"):
            posts.edit(everywhere[name], everywhere[name].text)
            question = posts.create(places[name], f"{name}? #Thema", question=True)
            posts.create(places[name], "Antwort", in_reply_to=question.UID())
    with api.env.adopt_user(username="erik"):
        following.follow("user", "mia")
        following.follow("tag", "Thema")
        following.follow("community", places["open"].UID())
        since = 0
        page = stream.query(**params)
        seen = " ".join(texts(page))
        assert "closed" not in seen
        assert "secret" not in seen
        assert stream.count_new(since, **params) == len(
            stream.query(**params, size=50)["items"]
        )
        # A closed community is known to exist, but shows nothing inside.
        assert stream.query(community=places["closed"].UID(), **params)["items"] == []
        with pytest.raises(stream.StreamError):
            stream.query(community=places["secret"].UID(), **params)


def test_a_closed_community_is_seen_but_its_stream_is_empty_for_outsiders(
    everywhere, places
):
    assert stream_as("erik", community=places["closed"].UID())["items"] == []


def test_hashtags_count_only_what_the_viewer_sees(everywhere):
    from ospa.social.stream import hashtags

    with api.env.adopt_user(username="erik"):
        assert {"tag": "thema", "count": 2} in hashtags.popular()
    with api.env.adopt_user(username="mia"):
        assert {"tag": "thema", "count": 4} in hashtags.popular()


def test_replies_of_an_invisible_post_are_not_listed(places):
    from ospa.social.stream import query as stream

    post = post_as("mia", places["secret"], "Geheim")
    post_as("moritz", places["secret"], "Antwort", in_reply_to=post.UID())
    with api.env.adopt_user(username="mia"):
        assert stream.replies(post)["items_total"] == 1
    with api.env.adopt_user(username="erik"):
        assert stream.replies(post)["items_total"] == 0


def test_filters(places, portal):
    from ospa.social.following import api as following

    post_as("mia", places["stream"], "Von Mia #Kantine")
    post_as("moritz", places["open"], "Von Moritz im offenen Raum")
    post_as("chef", places["stream"], "Wer weiß es?", question=True)
    answered = post_as("chef", places["stream"], "Schon beantwortet?", question=True)
    answer = post_as("mia", places["stream"], "Ja", in_reply_to=answered.UID())
    with api.env.adopt_user(username="chef"):
        from ospa.social.stream import posts

        posts.accept(answered, answer.UID())
    assert texts(stream_as("erik", author="mia")) == ["Von Mia #Kantine"]
    assert texts(stream_as("erik", hashtag="#kantine")) == ["Von Mia #Kantine"]
    assert texts(stream_as("erik", "questions")) == ["Wer weiß es?"]
    assert texts(stream_as("erik", community=places["open"])) == [
        "Von Moritz im offenen Raum"
    ]
    assert texts(stream_as("erik", "communities")) == []
    assert texts(stream_as("mia", "communities")) == ["Von Moritz im offenen Raum"]
    assert texts(stream_as("erik", "following")) == []
    with api.env.adopt_user(username="erik"):
        following.follow("tag", "Kantine")
        following.follow("community", places["open"].UID())
    assert texts(stream_as("erik", "following")) == [
        "Von Moritz im offenen Raum",
        "Von Mia #Kantine",
    ]


def test_content_and_comments_are_in_the_stream(places, portal):
    from plone.app.discussion.comment import CommentFactory
    from plone.app.discussion.interfaces import IConversation
    from plone.app.discussion.interfaces import IReplies

    with api.env.adopt_user(username="chef"):
        news = api.content.create(portal, "News Item", id="neu", title="Neues")
        api.content.transition(news, "publish")
        folder = api.content.create(portal, "Folder", id="ordner", title="Ordner")
        api.content.transition(folder, "publish")
    with api.env.adopt_user(username="mia"):
        comment = CommentFactory()
        comment.text = "Super #Neu"
        comment.author_username = "mia"
        IReplies(IConversation(news)).addComment(comment)
    items = stream_as("erik")["items"]
    assert [(item["kind"], item["verb"]) for item in items] == [
        ("comment", "commented"),
        ("content", "published"),
    ]
    assert items[0]["object"]["about"]["title"] == "Neues"
    assert items[1]["counts"]["comments"] == 1


def test_private_content_stays_out_of_others_streams(places, portal):
    with api.env.adopt_user(username="chef"):
        api.content.create(portal, "Document", id="entwurf", title="Entwurf")
    assert stream_as("erik")["items"] == []
    assert [item["object"]["title"] for item in stream_as("chef")["items"]] == [
        "Entwurf"
    ]


def test_cursor_pages_have_no_gaps_and_no_duplicates(places):
    for number in range(7):
        post_as("mia", places["stream"], f"Nummer {number}")
    seen = []
    before = None
    while True:
        page = stream_as("erik", before=before, size=3)
        seen += texts(page)
        before = page["next"]
        if before is None:
            break
    assert seen == [f"Nummer {number}" for number in reversed(range(7))]


def test_new_items_since_the_newest_seen(places):
    from ospa.social.stream import query as stream

    post_as("mia", places["stream"], "Alt")
    latest = stream_as("erik")["latest"]
    with api.env.adopt_user(username="erik"):
        assert stream.count_new(latest) == 0
    post_as("mia", places["stream"], "Neu 1")
    post_as("mia", places["stream"], "Neu 2")
    post_as("mia", places["secret"], "Neu, aber geheim")
    with api.env.adopt_user(username="erik"):
        assert stream.count_new(latest) == 2
    with api.env.adopt_user(username="mia"):
        assert stream.count_new(latest) == 3


@pytest.mark.parametrize(
    "params",
    [
        {"size": 0},
        {"size": 51},
        {"size": "abc"},
        {"before": "gestern"},
        {"before": -1},
        {"filter": "nope"},
        {"community": "no-such-uid"},
        {"hashtag": "x" * 300},
    ],
)
def test_bad_parameters_are_refused_with_a_message(places, params):
    from ospa.social.stream import query as stream

    with (
        api.env.adopt_user(username="erik"),
        pytest.raises(stream.StreamError) as error,
    ):
        stream.query(**params)
    assert error.value.text()


def test_bad_hashtag_parameters(places):
    from ospa.social.stream import hashtags
    from ospa.social.stream import query as stream

    for days, limit in ((0, 10), (400, 10), (10, 0), ("x", 1)):
        with pytest.raises(stream.StreamError):
            hashtags.popular(days, limit)


def test_changing_the_stream_types_reindexes_existing_content(places, portal):
    with api.env.adopt_user(username="chef"):
        link = api.content.create(
            portal, "Link", id="link", title="Verweis", remoteUrl="https://x.de"
        )
        api.content.transition(link, "publish")
    assert stream_as("erik")["items"] == []
    api.portal.set_registry_record(
        "ospa.social.stream_types", ["Document", "News Item", "Event", "File", "Link"]
    )
    assert [item["object"]["title"] for item in stream_as("erik")["items"]] == [
        "Verweis"
    ]


def test_search_finds_closed_and_secret_posts_only_for_members(everywhere, portal):
    catalog = portal.portal_catalog
    with api.env.adopt_user(username="erik"):
        found = {
            brain.getObject().text.split()[0]
            for brain in catalog(SearchableText="Thema")
        }
    assert found == {"stream", "open"}
    with api.env.adopt_user(username="mia"):
        assert len(catalog(SearchableText="Thema")) == 4


def test_cursor_pages_keep_items_that_share_a_millisecond(places):
    from DateTime import DateTime

    same = DateTime("2026-11-20T10:00:00.123+00:00")
    made = []
    for number in range(5):
        post = post_as("mia", places["stream"], f"Gleichzeitig {number}")
        post.creation_date = same
        post.reindexObject(idxs=["stream_ts"])
        made.append(post.text)
    post_as("mia", places["stream"], "Danach")
    seen = []
    before = None
    while True:
        page = stream_as("erik", before=before, size=2)
        seen += texts(page)
        before = page["next"]
        if before is None:
            break
    assert seen[0] == "Danach"
    assert sorted(seen[1:]) == sorted(made)
    assert len(seen) == 6


def test_old_items_follow_when_the_last_days_hold_too_few(places):
    from DateTime import DateTime

    for days, text in ((40, "Vor 40 Tagen"), (3, "Vor 3 Tagen")):
        post = post_as("mia", places["stream"], text)
        post.creation_date = DateTime() - days
        post.reindexObject(idxs=["stream_ts"])
    post_as("mia", places["stream"], "Heute")
    assert texts(stream_as("erik")) == ["Heute", "Vor 3 Tagen", "Vor 40 Tagen"]
    page = stream_as("erik", size=1)
    page = stream_as("erik", size=1, before=page["next"])
    assert texts(page) == ["Vor 3 Tagen"]
    assert texts(stream_as("erik", size=5, before=page["next"])) == ["Vor 40 Tagen"]


def test_content_not_yet_effective_or_expired_stays_out(places, portal):
    from DateTime import DateTime

    with api.env.adopt_user(username="chef"):
        for cid, effective, expires in (
            ("spaeter", DateTime() + 2, None),
            ("abgelaufen", DateTime() - 10, DateTime() - 1),
            ("aktuell", DateTime() - 1, DateTime() + 10),
        ):
            page = api.content.create(portal, "Document", id=cid, title=cid)
            page.setEffectiveDate(effective)
            if expires is not None:
                page.setExpirationDate(expires)
            api.content.transition(page, "publish")
            page.reindexObject()
    assert [item["object"]["title"] for item in stream_as("erik")["items"]] == [
        "aktuell"
    ]
    # Managers see inactive content, as in Plone's own listings.
    assert len(stream_as("chef")["items"]) == 3


def _quiet_site(places):
    """Posts only older than every window: the newest two years old, the
    others spread over days, weeks and months before it (some in the same
    millisecond), a third of them in the secret community."""
    from DateTime import DateTime

    newest = DateTime() - 730
    made = []
    for number in range(24):
        place = places["secret"] if number % 3 == 2 else places["stream"]
        post = post_as("mia", place, f"Alt {number}")
        back = 0 if number in (4, 5) else (number // 4) * 9 + number * 0.3
        post.creation_date = newest - back
        post.reindexObject(idxs=["stream_ts"])
        made.append(post)
    return made


def _expected(userid, **query):
    """The posts the catalog's restricted search gives ``userid``, in the
    stream's order (newest first, then the later catalogued)."""
    catalog = api.portal.get_tool("portal_catalog")
    with api.env.adopt_user(username=userid):
        brains = list(catalog(portal_type="Post", **query))
    brains.sort(key=lambda brain: (brain.stream_ts, brain.getRID()), reverse=True)
    return [brain._unrestrictedGetObject().text for brain in brains]


def _all_pages(userid, size, **kwargs):
    seen, before, pages = [], None, 0
    while True:
        page = stream_as(userid, before=before, size=size, **kwargs)
        seen += texts(page)
        pages += 1
        before = page["next"]
        if before is None:
            return seen, pages


@pytest.mark.parametrize("userid", ["erik", "mia"])
def test_a_quiet_site_gets_full_ordered_pages(places, userid):
    """Nothing newer than the windows: the first page is full and in order,
    and the cursor pages through everything, as on a busy site."""
    _quiet_site(places)
    expected = _expected(userid)
    assert len(expected) == (16 if userid == "erik" else 24)
    assert texts(stream_as(userid, size=7)) == expected[:7]
    seen, pages = _all_pages(userid, 7)
    assert seen == expected
    assert pages == -(-len(expected) // 7)
    secret = places["secret"].UID()
    if userid == "mia":
        in_secret = _expected(userid, community_uid=secret)
        assert len(in_secret) == 8
        assert _all_pages(userid, 3, community=secret)[0] == in_secret


def test_the_catalogs_search_answers_when_windows_are_too_big_or_too_hidden(
    places, monkeypatch
):
    """The fallbacks of the windows give the same pages."""
    _quiet_site(places)
    expected = _expected("erik")
    in_secret = _expected("mia", community_uid=places["secret"].UID())
    for name, value in (("WINDOW_CAP", 2), ("HIDDEN_CAP", 0), ("AT_ONCE_CAP", 0)):
        with monkeypatch.context() as patch:
            patch.setattr(stream, name, value)
            assert _all_pages("erik", 5)[0] == expected
            secret = places["secret"].UID()
            assert _all_pages("mia", 3, community=secret)[0] == in_secret


def test_hashtags_leave_out_what_the_catalog_would_leave_out(places, portal):
    """Private, not yet effective or expired content and secret posts add
    nothing for who may not see them; managers see inactive content."""
    from DateTime import DateTime
    from ospa.social.stream import hashtags

    post_as("mia", places["secret"], "Nur #geheimtipp hier")
    post_as("mia", places["stream"], "Offen #offen")
    with api.env.adopt_user(username="chef"):
        api.content.create(portal, "Document", id="privat", subject=["privat"])
        for cid, effective, expires in (
            ("spaeter", DateTime() + 2, None),
            ("abgelaufen", DateTime() - 10, DateTime() - 1),
        ):
            page = api.content.create(portal, "Document", id=cid, subject=[cid])
            page.setEffectiveDate(effective)
            if expires is not None:
                page.setExpirationDate(expires)
            api.content.transition(page, "publish")
            page.reindexObject()

    def tags(userid):
        with api.env.adopt_user(username=userid):
            return {found["tag"] for found in hashtags.popular()}

    assert tags("erik") == {"offen"}
    assert tags("mia") == {"offen", "geheimtipp"}
    assert tags("chef") >= {"offen", "geheimtipp", "privat", "spaeter", "abgelaufen"}
