"""A 400 for a JSON body nested too deep, before anybody parses it.

plone.restapi's JWT plugin (``plone.restapi.pas.plugin``,
``extractCredentials``) parses every body sent as exactly
``application/json`` while PAS authenticates the request, at the end of
traversal, to look for ``login`` and ``password``. Python's JSON parser
gives up on deep nesting with a ``RecursionError``, which PAS does not
swallow (it swallows only ``TypeError``, ``ValueError`` and the like): a
500 on every URL of the site, before any service runs. ospa.social's
services parse again and refuse such bodies themselves
(:func:`ospa.social.restapi.base.json_object`); this guard is for the
step before them.

:func:`refuse_deep_json` runs when the Plone site is traversed (its
``IBeforeTraverseEvent``), which comes before authentication; it measures
the depth without parsing and answers a body nested deeper than
:data:`MAX_DEPTH` with a JSON 400. This is less invasive than patching
the plugin, and it needs no change of PAS: the plugin is left as it is.
It runs for every Plone site of the instance, also where ospa.social is
not installed (the layer is not known yet at that point): it refuses only
bodies nothing could parse.
"""

from ospa.social import _
from ospa.social.core.errors import SocialError
from ospa.social.restapi.base import bad_request
from plone.rest.interfaces import IAPIRequest
from zope.interface import alsoProvides
import re


# Far deeper than any document of Plone's (Volto blocks nest a dozen or so
# levels), far below where the parser runs out of stack in a server thread.
MAX_DEPTH = 200
# A string (with its escapes), or a bracket outside strings.
TOKENS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


def depth_exceeds(body: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON text ``body`` nests arrays and objects deeper than
    ``limit``; for malformed text, as far as its brackets tell."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    depth = 0
    for token in TOKENS.finditer(body):
        bracket = token.group()
        if bracket in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif bracket in (b"]", b"}"):
            depth -= 1
    return False


def is_json(request) -> bool:
    content_type = request.getHeader("Content-Type") or ""
    return content_type.split(";")[0].strip().lower() == "application/json"


def refuse_deep_json(site, event) -> None:
    """Before traversal authenticates: a 400 for JSON nested too deep."""
    request = event.request
    if not is_json(request):
        return
    body = request.get("BODY")
    if not isinstance(body, bytes) or not depth_exceeds(body):
        return
    # The client sent JSON: answer JSON (plone.rest's error view), also on
    # a ++api++ URL whose request plone.rest has not marked yet.
    alsoProvides(request, IAPIRequest)
    with bad_request(request):
        raise SocialError(
            _(
                "error_json_too_deep",
                default="The request body nests more than ${max} levels.",
                mapping={"max": MAX_DEPTH},
            )
        )
