"""The activity stream: one catalog query for every view and endpoint.

The stream is not a copy of anything: it is a catalog query over what the
``in_stream`` index marks (top-level posts, ordinary content of the stream
types, comments on it), newest first by ``stream_ts``. The catalog's own
security filter removes what the viewer may not see, so closed and secret
communities stay closed everywhere the stream appears. Replies are not in
the stream; each post brings its latest replies and their count from one
query over ``thread_uid``.

Pages are cut by a cursor, ``before`` (the ``stream_ts`` of the last item
shown), never by an offset, so new items arriving at the top do not shift
the next page.
"""

from DateTime import DateTime
from ospa.social import _
from ospa.social.communities import api as communities
from ospa.social.core import graph
from ospa.social.core import security
from ospa.social.core import text as social_text
from ospa.social.core import users
from ospa.social.core.errors import SocialError
from ospa.social.ideas import api as ideas
from ospa.social.likes import api as likes
from ospa.social.stream import posts
from plone import api
from Products.CMFCore.indexing import processQueue
from zope.globalrequest import getRequest
from zope.i18n import translate
import time


FILTERS = ("all", "communities", "following", "questions")
MAX_SIZE = 50
DEFAULT_SIZE = 20
LATEST_REPLIES = 3
NEW_ITEMS_CAP = 99
MAX_FOLLOWED = 500
POST_TYPE = posts.POST_TYPE
COMMENT_TYPE = "Discussion Item"
# How long after its creation a change still counts as the creation.
SAME_ACTIVITY_MS = 60 * 1000


class StreamError(SocialError):
    """A stream query that cannot be answered (bad filter or cursor)."""


# -- the query -------------------------------------------------------------


def _check_size(size) -> int:
    try:
        size = int(size)
    except (TypeError, ValueError):
        raise StreamError(
            _("error_stream_size", default="The page size must be a number.")
        ) from None
    if not 1 <= size <= MAX_SIZE:
        raise StreamError(
            _(
                "error_stream_size_range",
                default="The page size must be between 1 and ${max}.",
                mapping={"max": MAX_SIZE},
            )
        )
    return size


def _check_ts(value, name) -> int | None:
    if value in (None, ""):
        return None
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise StreamError(
            _(
                "error_stream_cursor",
                default="${name} must be a time in milliseconds, "
                "as the stream gives it.",
                mapping={"name": name},
            )
        ) from None
    if not 0 <= value < 2**53:
        raise StreamError(
            _(
                "error_stream_cursor",
                default="${name} must be a time in milliseconds, "
                "as the stream gives it.",
                mapping={"name": name},
            )
        )
    return value


def _check_filter(filter) -> str:
    if filter in (None, ""):
        return "all"
    if filter not in FILTERS:
        raise StreamError(
            _(
                "error_stream_filter",
                default="Unknown filter ${filter}: "
                "use all, communities, following or questions.",
                mapping={"filter": filter[:30] if isinstance(filter, str) else "?"},
            )
        )
    return filter


def _check_text_param(value, name):
    if value in (None, ""):
        return None
    if not isinstance(value, str) or len(value) > 200:
        raise StreamError(
            _(
                "error_stream_param",
                default="${name} must be a short text.",
                mapping={"name": name},
            )
        )
    return value


def _community_uid(community):
    if community is None or community == "":
        return None
    if isinstance(community, str):
        brain = users.visible_brain(community)
        if brain is None or not communities.is_community(brain.getObject()):
            raise StreamError(
                _(
                    "error_stream_community",
                    default="There is no community ${uid} that you can see.",
                    mapping={"uid": community[:40]},
                )
            )
        return community
    return community.UID()


def _queries(filter, community, hashtag, author, userid) -> list[dict] | None:
    """The catalog queries whose union is the stream (None: nothing to show)."""
    base = {"in_stream": True}
    if community is not None:
        base["community_uid"] = community
    if hashtag:
        base["hashtags"] = posts.hashtag_key(hashtag)
    if author:
        base["Creator"] = author
    if filter == "questions":
        base["question_state"] = "open"
        return [base]
    if filter == "communities":
        mine = communities.my_community_uids(userid)
        if community is not None:
            mine = [uid for uid in mine if uid == community]
        if not mine:
            return None
        return [{**base, "community_uid": sorted(mine)}]
    if filter == "following":
        return _following_queries(base, userid)
    return [base]


def _followed(userid, kind) -> list[str]:
    store = graph.get()
    mine = store.following[kind].get(userid) if store is not None and userid else None
    return list(mine)[:MAX_FOLLOWED] if mine is not None else []


def _following_queries(base, userid) -> list[dict] | None:
    """People, communities, hashtags and content I follow: one query each."""
    queries = []
    people = _followed(userid, "user")
    if people and "Creator" not in base:
        queries.append({**base, "Creator": people})
    elif people and base["Creator"] in people:
        queries.append(dict(base))
    followed_communities = _followed(userid, "community")
    if followed_communities:
        if "community_uid" not in base:
            queries.append({**base, "community_uid": followed_communities})
        elif base["community_uid"] in followed_communities:
            queries.append(dict(base))
    tags = sorted({posts.hashtag_key(tag) for tag in _followed(userid, "tag")})
    if tags:
        if "hashtags" not in base:
            queries.append({**base, "hashtags": tags})
        elif base["hashtags"] in tags:
            queries.append(dict(base))
    content = _followed(userid, "content")
    if content:
        # The item itself when it changes, and comments on it.
        queries.append({**base, "UID": content})
        queries.append({**base, "thread_uid": content})
    return queries or None


def _check_cursor(value):
    """``before`` as ``(ts, shown)``: items older than ``ts``, and those at
    exactly ``ts`` after the first ``shown`` of them (a page may end in the
    middle of items that share a millisecond). ``"T"`` means strictly older
    than T; the stream's own cursors read ``"T.n"``."""
    if value in (None, ""):
        return None
    text = str(value)
    stamp, _dot, shown = text.partition(".")
    ts = _check_ts(stamp, "before")
    if not _dot:
        return (ts - 1, 0) if ts else (0, 0)
    if not shown.isdigit() or len(shown) > 6:
        _check_ts("x", "before")
    return (ts, int(shown))


def _order(brain):
    return (brain.stream_ts, brain.getRID())


DAY_MS = 24 * 3600 * 1000

# The newest items are looked for in windows back from the newest item the
# catalog holds at or below the cursor: its last day first, then a week, 4
# weeks, 16 weeks, 64 weeks, then everything. The windows start at that
# item, not at "now": on a quiet site (nothing new for weeks) the first
# window holds a day of its latest activity as on a busy one, instead of
# nothing, after which the catalog's search sorted every item the viewer
# may see. A page then costs what a day (or a few weeks) of activity
# costs, however long the site's history is.
SPANS_MS = (DAY_MS, 7 * DAY_MS, 28 * DAY_MS, 112 * DAY_MS, 448 * DAY_MS, None)

# A window is sorted whole, so one whose query holds more items than this
# is left to the catalog's restricted search instead (which keeps only a
# page of what it sorts); so is the rest of the search once the windows
# examined this many items the viewer may not see (a guest, who sees one
# community among busy ones: the catalog's security index finds their few
# items faster than a walk through everybody else's).
WINDOW_CAP = 3000
HIDDEN_CAP = 500
# A filtered query holding at most this many items over the whole history
# is sorted at once, without windows (see _newest): sorting a thousand
# items costs about what the first window costs.
AT_ONCE_CAP = 1000


# Brains fetched beyond a page, for ordinary content that is not yet
# effective or has expired and is left out.
INACTIVE_SLACK = 5


def _window(catalog, viewer, query, limit, inactive_ok, now, hidden_budget, top=None):
    """The newest ``limit`` brains of a time window the user may see, and
    how many the user may not see were passed over; None when the window
    holds more than :data:`WINDOW_CAP` items or more than ``hidden_budget``
    were passed over (then the catalog's restricted search answers).
    ``top``: items newer than this are passed over (for a query without a
    time range).

    A window holds a day's or a few weeks' items, so its results are sorted
    whole and each brain is checked by :mod:`ospa.social.core.security`
    (the catalog's own security rule, brain by brain), plus ``in_stream``
    and the effective dates. Asking the catalog to apply them would make it
    union and intersect those indexes over every item of the site: the cost
    of a page would grow with the site's history.
    """
    query = {key: value for key, value in query.items() if key != "in_stream"}
    # Unsorted, the size costs the index look-ups only (which the catalog
    # keeps on the request for the sorted search that follows).
    if len(catalog.unrestrictedSearchResults(**query)) > WINDOW_CAP:
        return None
    query.update(sort_on="stream_ts", sort_order="descending")
    picked = []
    hidden = 0
    for brain in catalog.unrestrictedSearchResults(**query):
        if len(picked) >= limit and brain.stream_ts != picked[-1].stream_ts:
            break  # items sharing the last millisecond all come along
        if top is not None and brain.stream_ts > top:
            continue
        if not viewer.sees(brain):
            hidden += 1
            if hidden > hidden_budget:
                return None
            continue
        if not security.index_entry(catalog, "in_stream", brain):
            continue
        if not inactive_ok and not security.active(brain, now):
            continue
        picked.append(brain)
    return picked, hidden


def _restricted(catalog, query, limit, inactive_ok, now) -> list:
    """The newest ``limit`` brains of ``query`` by the catalog's restricted
    search: it sorts every item of ``query`` the user may see, keeping a
    page of them (``sort_limit``)."""
    fetch = limit + INACTIVE_SLACK
    query = dict(
        query,
        sort_on="stream_ts",
        sort_order="descending",
        sort_limit=fetch,
        show_inactive=True,
    )
    brains = catalog(**query)[:fetch]
    if not inactive_ok:
        brains = [brain for brain in brains if security.active(brain, now)]
    return brains[:limit]


def _newest(catalog, viewer, query, limit, top, inactive_ok, now) -> list:
    """The newest ``limit`` brains of ``query`` at or below ``top`` (a
    ``stream_ts``, or None for the newest), window by window (see
    :data:`SPANS_MS`)."""
    # The catalog indexes what changed in this transaction when it is
    # searched; the index is read directly here, so first that queue.
    processQueue()
    stamps = catalog._catalog.getIndex("stream_ts")._index
    try:
        anchor = stamps.maxKey(top) if top is not None else stamps.maxKey()
        oldest = stamps.minKey()
    except ValueError:  # nothing at all at or below top
        return []
    high = top if top is not None else anchor
    if set(query) - {"in_stream"}:
        # A filter (an author, a tag, communities, followed things) may
        # hold few items over the whole history: then they are sorted at
        # once, without a time range. A range costs the catalog a step per
        # item in it (each time stamp is a key of its own), so windows of
        # months for an author's twenty posts cost more than the author's
        # every post.
        rest = {key: value for key, value in query.items() if key != "in_stream"}
        if len(catalog.unrestrictedSearchResults(**rest)) <= AT_ONCE_CAP:
            found = _window(
                catalog, viewer, rest, limit, inactive_ok, now, HIDDEN_CAP, top=top
            )
            if found is not None:
                return found[0]
    hidden = 0
    for span in SPANS_MS:
        low = anchor - span if span is not None else None
        window = dict(query)
        if low is not None and low > oldest:
            window["stream_ts"] = {"query": (low, high), "range": "min:max"}
        else:
            low = None  # the window holds everything up to high
            window["stream_ts"] = {"query": high, "range": "max"}
        found = _window(
            catalog, viewer, window, limit, inactive_ok, now, HIDDEN_CAP - hidden
        )
        if found is None:
            break
        brains, seen_hidden = found
        hidden += seen_hidden
        if len(brains) >= limit or low is None:
            return brains
    query = dict(query, stream_ts={"query": high, "range": "max"})
    return _restricted(catalog, query, limit, inactive_ok, now)


def _search(queries, size, before=None, since=None):
    """The newest ``size`` brains of the union of ``queries``.

    ``before`` is a cursor from :func:`_check_cursor`, ``since`` a time.
    """
    catalog = api.portal.get_tool("portal_catalog")
    shown = before[1] if before is not None else 0
    limit = size + shown
    # Plone adds an ``effectiveRange`` query for whoever may not see inactive
    # content: a date-range index over every item, the single most costly
    # part of a stream query. Posts are never inactive, so the few brains of
    # a page are checked here instead (the same rule, see security.active).
    viewer = security.Viewer(catalog)
    inactive_ok = viewer.inactive_ok
    now = DateTime(now_ms() / 1000.0)
    top = before[0] if before is not None else None
    found = {}
    for query in queries:
        if since is not None:
            # What is newer than the newest item seen: a few items at most.
            query = dict(query, stream_ts={"query": since + 1, "range": "min"})
            brains = _restricted(catalog, query, limit, inactive_ok, now)
        else:
            brains = _newest(catalog, viewer, query, limit, top, inactive_ok, now)
        for brain in brains:
            found.setdefault(brain.getRID(), brain)
    brains = sorted(found.values(), key=_order, reverse=True)
    if shown:
        ties = [brain for brain in brains if brain.stream_ts == before[0]]
        skip = {brain.getRID() for brain in ties[:shown]}
        brains = [brain for brain in brains if brain.getRID() not in skip]
    return brains[:size]


def _next_cursor(brains, before) -> str:
    last = brains[-1].stream_ts
    at_last = sum(1 for brain in brains if brain.stream_ts == last)
    if before is not None and before[0] == last and at_last == len(brains):
        at_last += before[1]
    return f"{last}.{at_last}"


def query(
    filter: str = "all",
    *,
    community=None,
    hashtag: str | None = None,
    author: str | None = None,
    before=None,
    size=DEFAULT_SIZE,
) -> dict:
    """A page of the stream for the current user.

    ``filter``: ``all``, ``communities`` (mine), ``following`` (people,
    communities, hashtags and content I follow) or ``questions`` (open
    questions). ``community`` (a community or its UID), ``hashtag`` and
    ``author`` narrow any filter further. Returns ``items`` (see
    :func:`serialize`), ``next`` (the cursor of the next page, or None)
    and ``latest`` (the ``stream_ts`` of the newest item, for
    :func:`count_new`).
    """
    filter = _check_filter(filter)
    size = _check_size(size)
    before = _check_cursor(before)
    hashtag = _check_text_param(hashtag, "hashtag")
    author = _check_text_param(author, "author")
    community = _community_uid(community)
    userid = users.current_userid()
    queries = _queries(filter, community, hashtag, author, userid)
    if queries is None:
        return {"items": [], "next": None, "latest": None}
    brains = _search(queries, size + 1, before=before)
    more = len(brains) > size
    brains = brains[:size]
    return {
        "items": serialize(brains),
        "next": _next_cursor(brains, before) if more and brains else None,
        "latest": brains[0].stream_ts if brains and before is None else None,
    }


def count_new(
    since,
    filter: str = "all",
    *,
    community=None,
    hashtag: str | None = None,
    author: str | None = None,
) -> int:
    """How many items newer than ``since`` the user may see (at most 99)."""
    since = _check_ts(since, "since")
    if since is None:
        raise StreamError(
            _("error_stream_since", default="Give the time of the newest item seen.")
        )
    filter = _check_filter(filter)
    hashtag = _check_text_param(hashtag, "hashtag")
    author = _check_text_param(author, "author")
    community = _community_uid(community)
    queries = _queries(filter, community, hashtag, author, users.current_userid())
    if queries is None:
        return 0
    return len(_search(queries, NEW_ITEMS_CAP, since=since))


def now_ms() -> int:
    """The stream's one source of "now" (milliseconds): the effective dates
    of a page and the hashtags' last days are reckoned from it, and a
    benchmark moves it to measure a quiet site."""
    return int(time.time() * 1000)


# -- items -----------------------------------------------------------------


class _Cache:
    """Look-ups shared by the items of one page.

    What the viewer may do with an item (``viewer.can_*``) is asked of the
    functions that enforce it (:mod:`.posts`, :mod:`ospa.social.likes.api`)
    on the item itself, so buttons follow the site's workflows and rolemap.
    """

    def __init__(self):
        self.userid = users.current_userid()
        self.people = {}
        # UID -> what a page shows of a community or page (None: not visible)
        self.known = {}
        store = graph.get()
        liked = store.liked.get(self.userid) if store and self.userid else None
        self.liked = liked
        following = (
            store.following["content"].get(self.userid)
            if store and self.userid
            else None
        )
        self.following = following
        self.viewer = security.Viewer()
        # container path -> may the viewer post there
        self.posting = {}

    def prefetch(self, brains):
        """Communities and shared pages of a page of items, in one query."""
        wanted = set()
        for brain in brains:
            if brain.community_uid:
                wanted.add(brain.community_uid)
            info = _info(brain)
            for key in ("about", "on"):
                if info.get(key):
                    wanted.add(info[key])
        wanted -= set(self.known)
        if not wanted:
            return
        # By UID without the catalog's security query (which would combine
        # index sets over the whole site), each brain checked by the same rule.
        found = self.viewer.by_uid(wanted)
        for uid in wanted:
            self._remember(uid, found.get(uid))

    def _remember(self, uid, brain):
        self.known[uid] = (
            {
                "uid": uid,
                "title": brain.Title,
                "@id": brain.getURL(),
                "type": brain.portal_type,
            }
            if brain is not None
            else None
        )

    def person(self, userid):
        if userid not in self.people:
            self.people[userid] = users.summary(userid) if userid else None
        return self.people[userid]

    def item(self, uid):
        """A community or page the viewer may see, by UID (else None)."""
        if not uid:
            return None
        if uid not in self.known:
            self._remember(uid, users.visible_brain(uid))
        return self.known[uid]

    def community(self, uid):
        found = self.item(uid)
        return {key: found[key] for key in ("uid", "title", "@id")} if found else None

    def is_liked(self, uid):
        return self.liked is not None and uid in self.liked

    def is_following(self, uid):
        return self.following is not None and uid in self.following

    def can_post(self, container) -> bool:
        """May the viewer post (and so reply) in ``container``."""
        if not self.userid:
            return False
        key = container.getPhysicalPath()
        if key not in self.posting:
            self.posting[key] = posts.can_post(container)
        return self.posting[key]

    def can_like(self, obj) -> bool:
        return bool(self.userid) and likes.can_like(obj)


def _object(brain):
    """The object of a brain the viewer may see (checked by the search)."""
    return brain._unrestrictedGetObject()


def _date(value):
    return value.ISO8601() if value and hasattr(value, "ISO8601") else None


def _verb(brain) -> str:
    if brain.portal_type == COMMENT_TYPE:
        return "commented"
    created = brain.created.micros() // 1000 if brain.created else 0
    if brain.stream_ts - created <= SAME_ACTIVITY_MS:
        return "published" if brain.review_state == "published" else "created"
    return "updated"


def _info(brain) -> dict:
    info = brain.stream_info
    return info if isinstance(info, dict) else {}


def _post_item(brain, cache) -> dict:
    info = _info(brain)
    post = _object(brain)
    # From the post, not the metadata (see indexers.post_stream_info).
    raw = post.text or ""
    author = brain.Creator
    community_uid = brain.community_uid or None
    is_reply = bool(brain.thread_uid)
    question = info.get("question", False)
    item = {
        "@id": brain.getURL(),
        "uid": brain.UID,
        "kind": "reply" if is_reply else ("question" if question else "post"),
        "verb": "replied" if is_reply else ("asked" if question else "posted"),
        "actor": cache.person(author),
        "object": {
            "@id": brain.getURL(),
            "uid": brain.UID,
            "type": brain.portal_type,
            "title": brain.Title,
            "text": raw,
            "html": social_text.render(raw),
            "attachment": _attachment(brain, info),
            "about": cache.item(info.get("about")),
        },
        "community": cache.community(community_uid),
        "counts": {"likes": brain.like_count or 0, "replies": 0},
        "viewer": {
            "liked": cache.is_liked(brain.UID),
            "following": cache.is_following(brain.UID),
            "can_like": cache.can_like(post),
            "can_reply": not is_reply and cache.can_post(posts.container_of(post)),
            "can_edit": bool(cache.userid) and posts.can_edit(post),
            "can_delete": bool(cache.userid) and posts.can_delete(post),
            "can_moderate": bool(cache.userid) and posts.can_moderate(post),
        },
        "hidden": posts.is_hidden(post),
        "created": _date(brain.created),
        "edited": info.get("edited"),
        "timestamp": brain.stream_ts,
    }
    if is_reply:
        item["in_reply_to"] = brain.thread_uid
    if question:
        item["question"] = {
            "state": "answered" if info.get("accepted") else "open",
            "accepted": info.get("accepted"),
            "can_accept": posts.can_accept(post),
        }
    return item


def _attachment(brain, info):
    found = info.get("attachment")
    if not found:
        return None
    url = brain.getURL()
    is_image = (found.get("content_type") or "").startswith("image/")
    return {
        "filename": found.get("filename"),
        "content_type": found.get("content_type"),
        "size": found.get("size"),
        "@id": f"{url}/@@download/attachment",
        "image": f"{url}/@@images/attachment/preview" if is_image else None,
    }


# What nobody may do with ordinary content and comments in the stream
# (they are edited where they live).
NO_ACTIONS = {
    "can_like": False,
    "can_reply": False,
    "can_edit": False,
    "can_delete": False,
    "can_moderate": False,
}


def _plain_item(brain, cache, *, kind, verb, title, text, about, counts, viewer):
    """An item of content or a comment: the shape every stream item has."""
    url = brain.getURL()
    return {
        "@id": url,
        "uid": brain.UID,
        "kind": kind,
        "verb": verb,
        "actor": cache.person(brain.Creator),
        "object": {
            "@id": url,
            "uid": brain.UID,
            "type": brain.portal_type,
            "title": title,
            "text": text,
            "html": social_text.render(text),
            "attachment": None,
            "about": about,
        },
        "community": cache.community(brain.community_uid or None),
        "counts": counts,
        "viewer": viewer,
        "hidden": False,
        "created": _date(brain.created),
        "edited": None,
        "timestamp": brain.stream_ts,
    }


def _content_item(brain, cache) -> dict:
    return _plain_item(
        brain,
        cache,
        kind="content",
        verb=_verb(brain),
        title=brain.Title,
        text=brain.Description or "",
        about=None,
        counts={
            "likes": brain.like_count or 0,
            "comments": brain.total_comments or 0,
        },
        viewer={
            **NO_ACTIONS,
            "liked": cache.is_liked(brain.UID),
            "following": cache.is_following(brain.UID),
            "can_like": cache.can_like(_object(brain)),
        },
    )


def _comment_item(brain, cache) -> dict:
    info = _info(brain)
    on = cache.item(info.get("on"))
    return _plain_item(
        brain,
        cache,
        kind="comment",
        verb="commented",
        title=on["title"] if on else brain.Title,
        text=info.get("text", ""),
        about=on,
        counts={},
        viewer={
            **NO_ACTIONS,
            "liked": False,
            "following": cache.is_following(info.get("on")),
        },
    )


IDEA_VERBS = {
    "submit": "submitted",
    "review": "review_started",
    "accept": "accepted",
    "decline": "declined",
    "implement": "implemented",
}


def _idea_item(brain, cache) -> dict:
    """An idea, at its latest change of status (submitted, accepted ...)."""
    item = _content_item(brain, cache)
    info = _info(brain)
    state = info.get("status") or brain.review_state
    item["kind"] = "idea"
    item["verb"] = IDEA_VERBS.get(info.get("action"), "submitted")
    raw = info.get("text", "")
    item["object"]["text"] = raw
    item["object"]["html"] = social_text.render(raw)
    item["counts"]["supports"] = brain.support_count or 0
    item["idea"] = {
        "status": state,
        "status_title": translate(
            ideas.STATUS_TITLES.get(state, state), context=getRequest()
        ),
        "answer": info.get("answer"),
    }
    return item


# Kinds of stream items by portal_type; other types are ordinary content.
SERIALIZERS = {POST_TYPE: _post_item, COMMENT_TYPE: _comment_item, "Idea": _idea_item}


def serialize(brains, with_replies: bool = True) -> list[dict]:
    """Stream items for ``brains``; posts carry their latest replies."""
    cache = _Cache()
    cache.prefetch(brains)
    items = []
    for brain in brains:
        make = SERIALIZERS.get(brain.portal_type, _content_item)
        items.append(make(brain, cache))
    if with_replies:
        _attach_replies(items, cache)
    return items


def _attach_replies(items, cache):
    threads = [item["uid"] for item in items if item["kind"] in ("post", "question")]
    if not threads:
        return
    catalog = api.portal.get_tool("portal_catalog")
    by_thread = {uid: [] for uid in threads}
    for brain in catalog(
        portal_type=POST_TYPE,
        thread_uid=threads,
        sort_on="stream_ts",
        sort_order="descending",
    ):
        by_thread[brain.thread_uid].append(brain)
    for item in items:
        if item["uid"] not in by_thread:
            continue
        replies = by_thread[item["uid"]]
        item["counts"]["replies"] = len(replies)
        latest = list(reversed(replies[:LATEST_REPLIES]))
        accepted = (item.get("question") or {}).get("accepted")
        if accepted and accepted not in [brain.UID for brain in latest]:
            # The accepted answer is always shown.
            extra = [brain for brain in replies if accepted == brain.UID]
            latest = extra + latest
        item["replies"] = [_post_item(brain, cache) for brain in latest]
        for reply in item["replies"]:
            reply["accepted"] = reply["uid"] == accepted


def replies(post, start: int = 0, size: int = DEFAULT_SIZE) -> dict:
    """The replies to ``post`` the user may see, oldest first."""
    size = _check_size(size)
    try:
        start = max(0, int(start))
    except (TypeError, ValueError):
        raise StreamError(
            _("error_stream_start", default="The start must be a number.")
        ) from None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(
        portal_type=POST_TYPE,
        thread_uid=post.UID(),
        sort_on="stream_ts",
        sort_order="ascending",
    )
    total = len(brains)
    page = brains[start : start + size]
    items = serialize(page, with_replies=False)
    accepted = getattr(post, "accepted_answer", None)
    for item in items:
        item["accepted"] = item["uid"] == accepted
    return {"items": items, "items_total": total, "start": start, "size": size}


def item_of(obj) -> dict | None:
    """The stream item of one object (a post, a reply), as the user sees it."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(UID=obj.UID())
    if not brains:
        return None
    items = serialize(brains[:1])
    return items[0] if items else None


# -- maintenance -----------------------------------------------------------

STREAM_INDEXES = (
    "in_stream",
    "stream_ts",
    "community_uid",
    "thread_uid",
    "hashtags",
    "mentions",
)


def reindex(portal_types) -> int:
    """Existing items of ``portal_types`` (and comments on them) enter or
    leave the stream: only the stream's indexes and the metadata change."""
    portal_types = [name for name in portal_types or () if name]
    if not portal_types:
        return 0
    catalog = api.portal.get_tool("portal_catalog")
    if "in_stream" not in catalog.indexes():
        return 0
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=portal_types):
        obj = brain._unrestrictedGetObject()
        catalog.catalog_object(
            obj, brain.getPath(), idxs=list(STREAM_INDEXES), update_metadata=1
        )
        count += 1
    for brain in catalog.unrestrictedSearchResults(portal_type=COMMENT_TYPE):
        try:
            obj = brain._unrestrictedGetObject()
        except (AttributeError, KeyError):
            continue
        catalog.catalog_object(
            obj, brain.getPath(), idxs=list(STREAM_INDEXES), update_metadata=1
        )
        count += 1
    return count
