"""The hashtags most used lately, in what the viewer may see.

Counted from the catalog, never kept apart from it: a tag's count is the
number of items of the last days (posts, replies, comments, content of
the stream types: whatever has a ``stream_ts``) that carry it and that the
viewer may see, so a post in a secret community adds nothing for outsiders, and a
hidden, moved or deleted post stops counting as soon as the catalog knows.

What it costs, and why it is cached:

* The count reads the catalog's indexes directly, the ``stream_ts`` index
  from the start of the period on, and for each of those items its
  ``hashtags`` entry and the security rule of
  :mod:`ospa.social.core.security`. No brains are made (but for the tagged
  ones of ordinary content, whose effective dates are checked), and nothing
  older than the period is touched: the cost follows the period's activity
  and not the site's history. (The catalog's own search would union the
  viewer's security sets over every item of the site, and walk every tagged
  item for ``hashtags={"not": ""}``.)
* Every stream page shows the same list, so the result is kept in Zope's RAM
  cache (plone.memoize), keyed by the viewer's security tokens, the period,
  the minute, and the catalog's change counter
  (``portal_catalog.getCounter()``). Any change that could change a count
  (a new, edited, moved, deleted or hidden item, a new workflow state or
  roster) reindexes something and so changes the counter, on every
  instance at once (the counter lives in the ZODB). An item leaves the
  period, or becomes effective, up to a minute early or late. Nothing
  is cached from a transaction that has changed the catalog itself and
  may still be aborted.
"""

from DateTime import DateTime
from ospa.social import _
from ospa.social.core import security
from ospa.social.stream import query
from ospa.social.stream.posts import POST_TYPE
from plone import api
from plone.memoize import ram
from Products.CMFCore.indexing import processQueue


MINUTE_MS = 60 * 1000


def _check(days, limit) -> tuple[int, int]:
    try:
        days, limit = int(days), int(limit)
    except (TypeError, ValueError):
        raise query.StreamError(
            _("error_hashtag_params", default="days and limit must be numbers.")
        ) from None
    if not 1 <= days <= 366 or not 1 <= limit <= 100:
        raise query.StreamError(
            _(
                "error_hashtag_range",
                default="days goes from 1 to 366, limit from 1 to 100.",
            )
        )
    return days, limit


def popular(days: int = 30, limit: int = 20) -> list[dict]:
    """The hashtags most used in the last ``days`` in what the user may see,
    as ``[{"tag": …, "count": …}]``, most used first (then by name).

    Counted over posts, comments and content in the stream, up to the
    stream's clock (:func:`.query.now_ms`).
    """
    days, limit = _check(days, limit)
    catalog = api.portal.get_tool("portal_catalog")
    processQueue()  # what this transaction changed, first
    viewer = security.Viewer(catalog)
    counts = _counts(catalog, viewer, days, query.now_ms() // MINUTE_MS)
    return [{"tag": tag, "count": count} for tag, count in counts[:limit]]


def _cache_key(function, catalog, viewer, days, minute):
    counter = catalog._counter
    if counter is not None and counter._p_changed:
        raise ram.DontCache  # this transaction changed the catalog
    return (
        api.portal.get().absolute_url(),
        tuple(sorted(viewer.tokens)),
        viewer.inactive_ok,
        days,
        minute,
        catalog.getCounter(),
    )


@ram.cache(_cache_key)
def _counts(catalog, viewer, days, minute) -> list[tuple[str, int]]:
    """Every tag of the period with its count, ranked."""
    indexes = catalog._catalog.indexes
    stamps = indexes["stream_ts"]._index
    tags_of = indexes["hashtags"]._unindex
    types = indexes["portal_type"]._unindex
    # Effective dates are checked against the end of the minute: what was
    # published during it counts (an item may count up to a minute early).
    now = DateTime((minute + 1) * MINUTE_MS / 1000.0)
    since = minute * MINUTE_MS - days * query.DAY_MS
    counts = {}
    for _stamp, rids in stamps.items(min=since):
        for rid in (rids,) if isinstance(rids, int) else rids:
            tags = tags_of.get(rid)
            if not tags or not viewer.sees_rid(rid):
                continue
            if (
                types.get(rid) != POST_TYPE
                and not viewer.inactive_ok
                and not security.active(catalog._catalog[rid], now)
            ):
                continue  # Plone's effective dates, as the catalog's search
            for tag in (tags,) if isinstance(tags, str) else tags:
                counts[tag] = counts.get(tag, 0) + 1
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
