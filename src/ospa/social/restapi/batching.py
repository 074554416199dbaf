"""Batching of lists that are paged in storage, shaped like plone.restapi's.

plone.restapi's ``HypermediaBatch`` needs the whole sequence; likers and
followers are read a page at a time from their sets. These helpers read
``b_start`` and ``b_size`` and build the same ``batching`` links from the
total alone.
"""

from ospa.social import _
from urllib.parse import parse_qsl
from urllib.parse import urlencode
from zExceptions import BadRequest
from zope.i18n import translate


DEFAULT_SIZE = 25
MAX_SIZE = 100
BATCH_PARAMS = ("b_start", "b_size")


def _integer(request, name, default):
    value = request.form.get(name, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        message = _(
            "error_not_an_integer",
            default="${name} must be a whole number.",
            mapping={"name": name},
        )
        raise BadRequest(translate(message, context=request)) from None


def batch_params(request) -> tuple[int, int]:
    """``(start, size)`` from the query: start at least 0, size 1 to 100."""
    start = max(0, _integer(request, "b_start", 0))
    size = min(MAX_SIZE, max(1, _integer(request, "b_size", DEFAULT_SIZE)))
    return start, size


def _query(request) -> list[tuple[str, str]]:
    return parse_qsl(request.get("QUERY_STRING", ""), keep_blank_values=True)


def canonical_url(request) -> str:
    """The URL of the request without its batching parameters."""
    url = request["ACTUAL_URL"]
    params = [(k, v) for k, v in _query(request) if k not in BATCH_PARAMS]
    return f"{url}?{urlencode(params)}" if params else url


def _url_with_start(request, start: int) -> str:
    params = [(k, v) for k, v in _query(request) if k != "b_start"]
    return f"{request['ACTUAL_URL']}?{urlencode([('b_start', start), *params])}"


def links(request, start: int, size: int, total: int) -> dict | None:
    """The ``batching`` object of plone.restapi, or None for a single page."""
    if total <= size and start == 0:
        return None
    query = request.get("QUERY_STRING", "")
    current = f"{request['ACTUAL_URL']}?{query}" if query else request["ACTUAL_URL"]
    last = max(0, (total - 1) // size * size)
    found = {
        "@id": current,
        "first": _url_with_start(request, 0),
        "last": _url_with_start(request, last),
    }
    if start + size < total:
        found["next"] = _url_with_start(request, start + size)
    if start > 0:
        found["prev"] = _url_with_start(request, max(0, start - size))
    return found


def add_batching(result: dict, request, start: int, size: int, total: int) -> dict:
    """Add ``batching`` to ``result`` where the list has more than one page."""
    found = links(request, start, size, total)
    if found is not None:
        result["batching"] = found
    return result
