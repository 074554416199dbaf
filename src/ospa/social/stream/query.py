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
from ospa.social.core import users
from ospa.social.core.errors import check_choice
from ospa.social.core.errors import SocialError
from ospa.social.stream import items
from ospa.social.stream import posts
from plone import api
from Products.CMFCore.indexing import processQueue
import time


FILTERS = ("all", "communities", "following", "questions")
MAX_SIZE = 50
DEFAULT_SIZE = 20
NEW_ITEMS_CAP = 99
MAX_FOLLOWED = 500
POST_TYPE = posts.POST_TYPE


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
    return check_choice(
        filter,
        FILTERS,
        StreamError,
        _(
            "error_stream_filter",
            default="Unknown filter ${filter}: "
            "use all, communities, following or questions.",
        ),
        "filter",
    )


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
        "items": items.serialize(brains),
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
    found = items.serialize(page, with_replies=False)
    accepted = getattr(post, "accepted_answer", None)
    for item in found:
        item["accepted"] = item["uid"] == accepted
    return {"items": found, "items_total": total, "start": start, "size": size}


def item_of(obj) -> dict | None:
    """The stream item of one object (a post, a reply), as the user sees it."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(UID=obj.UID())
    if not brains:
        return None
    found = items.serialize(brains[:1])
    return found[0] if found else None


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
    for brain in catalog.unrestrictedSearchResults(portal_type=items.COMMENT_TYPE):
        try:
            obj = brain._unrestrictedGetObject()
        except (AttributeError, KeyError):
            continue
        catalog.catalog_object(
            obj, brain.getPath(), idxs=list(STREAM_INDEXES), update_metadata=1
        )
        count += 1
    return count
