"""REST writes made with the login cookie must be JSON or carry a token.

plone.restapi (and :class:`ospa.social.restapi.base.WriteService`) switch
plone.protect off for writes, on the grounds that the credentials of an API
client (basic auth, a JWT in the ``Authorization`` header) are not sent by
a browser on its own. The Plone session cookie (``__ac``) is: with
``++api++`` in the URL, a form on another site could post to any service
as the logged-in visitor, and only ``SameSite=Lax`` stopped it.

So a write (POST, PATCH, PUT, DELETE) to a REST service that the browser
authenticated by itself (a logged-in user and no ``Authorization`` header:
the credentials came from a cookie) must be either JSON, a content type no
cross-site form can send without a CORS preflight, or pass plone.protect's
own check (``_authenticator`` in the form or the ``X-CSRF-TOKEN`` header).
Anything else is a 403 before the service runs.

The check covers every plone.rest service of a site with ospa.social
installed, plone.restapi's own content writes included: they have the same
hole and the same cure.
"""

from ospa.social import _
from ospa.social.interfaces import IOspaSocialLayer
from plone import api
from plone.protect.authenticator import check as check_token
from plone.rest.interfaces import IService
from zExceptions import Forbidden
from zope.i18n import translate


WRITE_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})
JSON = "application/json"


def media_type(request) -> str:
    """The request body's media type, without parameters, in lower case."""
    header = request.getHeader("Content-Type") or ""
    return header.split(";", 1)[0].strip().lower()


def cookie_authenticated(request) -> bool:
    """Whether the browser logged the user in by itself.

    PAS does not record which plugin authenticated a request; but a user
    who is logged in without an ``Authorization`` header got there through
    a cookie (plone.session's ``__ac``, or the cookie auth helper), which
    is exactly what a browser adds to a cross-site request on its own.
    (Zope keeps the header as ``request._auth`` and takes it out of the
    environment, so ``getHeader`` does not see it.)
    """
    if getattr(request, "_auth", None):
        return False
    return not api.user.is_anonymous()


def has_valid_token(request) -> bool:
    """Whether plone.protect accepts the request's CSRF token."""
    try:
        check_token(request)
    except Forbidden:
        return False
    return True


def needs_refusal(request) -> bool:
    """Whether ``request`` is a cookie-authenticated REST write that a
    cross-site form could have made."""
    if request.get("REQUEST_METHOD", "GET").upper() not in WRITE_METHODS:
        return False
    if not IService.providedBy(request.get("PUBLISHED")):
        return False
    if not cookie_authenticated(request):
        return False
    return media_type(request) != JSON and not has_valid_token(request)


def refuse_cookie_form_writes(event):
    """After traversal (the user is known): a 403 for a forgeable write."""
    request = event.request
    if not IOspaSocialLayer.providedBy(request):
        return
    if needs_refusal(request):
        raise Forbidden(
            translate(
                _(
                    "error_cookie_write_needs_json",
                    default=(
                        "A change made with the login cookie must be sent as "
                        "JSON (Content-Type: application/json) or carry a "
                        "valid CSRF token."
                    ),
                ),
                context=request,
            )
        )
