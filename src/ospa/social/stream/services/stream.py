"""``@stream``, ``@replies`` and ``@hashtags``: the activity stream over REST.

Everything is :mod:`ospa.social.stream.query`'s: these services read the
query string, call it and add the URLs a client follows. The stream is
paged by a cursor (``before``), not by an offset, so its ``batching`` has
a ``next`` link and no ``last``; ``@replies`` is paged like plone.restapi
(``b_start``, ``b_size``). A bad parameter is a 400 with a message.

The stream is for employees: anonymous visitors get a 401 (its items name
colleagues), and the catalog's security filter leaves out whatever the
viewer may not see, closed and secret communities included.
"""

from ospa.social import _
from ospa.social.core import users
from ospa.social.interfaces import ICommunity
from ospa.social.restapi import batching
from ospa.social.restapi.base import PathParams
from ospa.social.restapi.base import SocialService
from ospa.social.stream import hashtags
from ospa.social.stream import query as stream
from urllib.parse import parse_qsl
from urllib.parse import urlencode
from zExceptions import NotFound


# Query parameters of @stream; ``before`` is the cursor of a page.
TEXT_PARAMS = ("filter", "community", "hashtag", "author")
CURSOR = "before"
NEW = "new"
# A mention is a user id or a name: longer queries find nobody more.
MENTION_QUERY_LIMIT = 100


def _logged_in():
    users.required_userid("Log in to see the stream.")


def text_param(request, name) -> str | None:
    """A query parameter given once (as text), or None when not given."""
    value = request.form.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise stream.StreamError(
            _(
                "error_stream_param",
                default="${name} must be a short text.",
                mapping={"name": name},
            )
        )
    return value


def _query(request) -> list[tuple[str, str]]:
    return parse_qsl(request.get("QUERY_STRING", ""), keep_blank_values=True)


def _url(request, params) -> str:
    url = request["ACTUAL_URL"]
    return f"{url}?{urlencode(params)}" if params else url


def stream_links(request, cursor) -> dict | None:
    """``batching`` of a stream page: ``first`` and, if there is one, ``next``.

    None for the only page (no cursor given and none to give).
    """
    before = request.form.get(CURSOR)
    if cursor is None and before in (None, ""):
        return None
    params = [(k, v) for k, v in _query(request) if k != CURSOR]
    found = {
        "@id": _url(request, _query(request)),
        "first": _url(request, params),
    }
    if cursor is not None:
        found["next"] = _url(request, [*params, (CURSOR, str(cursor))])
    return found


class StreamGet(PathParams, SocialService):
    """``@stream``: a page of the stream; ``@stream/new``: how many are new.

    On the site root and on ``/stream`` it is the whole stream (``community``
    narrows it); on a community, that community's.
    """

    def answer(self):
        _logged_in()
        if not self.params:
            return self.page()
        if self.params == [NEW]:
            return self.new()
        raise NotFound(self.request["ACTUAL_URL"])

    def narrowing(self) -> dict:
        """``community``, ``hashtag`` and ``author`` as the API takes them."""
        found = {
            name: text_param(self.request, name)
            for name in ("community", "hashtag", "author")
        }
        if ICommunity.providedBy(self.context):
            own = self.context.UID()
            if found["community"] not in (None, own):
                raise stream.StreamError(
                    _(
                        "error_stream_community_fixed",
                        default="This is the stream of one community: "
                        "leave out community.",
                    )
                )
            found["community"] = self.context
        return found

    def page(self) -> dict:
        request = self.request
        found = stream.query(
            text_param(request, "filter") or "all",
            before=request.form.get(CURSOR),
            size=request.form.get("size", stream.DEFAULT_SIZE),
            **self.narrowing(),
        )
        params = [(k, v) for k, v in _query(request) if k != CURSOR]
        result = {
            "@id": _url(request, params),
            "items": found["items"],
            "next": found["next"],
            "latest": found["latest"],
        }
        links = stream_links(request, found["next"])
        if links is not None:
            result["batching"] = links
        return result

    def new(self) -> dict:
        request = self.request
        since = request.form.get("since")
        count = stream.count_new(
            since,
            text_param(request, "filter") or "all",
            **self.narrowing(),
        )
        return {
            "@id": _url(request, _query(request)),
            "count": count,
            "since": int(since),
        }


class RepliesGet(SocialService):
    """``@replies`` of a post: oldest first, batched with ``b_start``/``b_size``.

    A reply has no replies (an empty list). ``b_size`` is at most 50.
    """

    def answer(self):
        start, size = batching.batch_params(self.request)
        size = min(size, stream.MAX_SIZE)
        found = stream.replies(self.context, start, size)
        result = {
            "@id": batching.canonical_url(self.request),
            "items": found["items"],
            "items_total": found["items_total"],
        }
        return batching.add_batching(
            result, self.request, start, size, found["items_total"]
        )


class HashtagsGet(SocialService):
    """``@hashtags?days=30&limit=20``: the most used hashtags the viewer sees."""

    def answer(self):
        _logged_in()
        form = self.request.form
        days = form.get("days", 30)
        items = hashtags.popular(days, form.get("limit", 20))
        return {
            "@id": _url(self.request, _query(self.request)),
            "items": items,
            "days": int(days),
        }


class MentionsGet(SocialService):
    """``@mentions?q=``: the people an ``@`` in a post may name.

    What the composer's suggestions show (:func:`users.search`: at most ten,
    a guest finds only the people of their communities); 401 when not
    logged in, 400 when ``q`` is no text.
    """

    def answer(self):
        query = text_param(self.request, "q") or ""
        found = users.search(query.strip()[:MENTION_QUERY_LIMIT])
        return {
            "@id": batching.canonical_url(self.request),
            "items": found,
        }
