"""What every ospa.social service shares: errors, JSON bodies, CSRF."""

from AccessControl import Unauthorized
from contextlib import contextmanager
from ospa.social import _
from ospa.social.core import users
from ospa.social.core.errors import SocialError
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse
import json


class SocialService(Service):
    """A plone.restapi service that turns the API's errors into a 400."""

    def reply(self):
        with bad_request(self.request):
            return self.answer()

    def answer(self):
        raise NotImplementedError


class WriteService(SocialService):
    """A service that changes data: CSRF is checked by authentication.

    plone.restapi does the same for its own writing services: a JSON request
    carries no form token, and the credentials (basic auth, a JWT in a
    header) are not sent by a browser on its own.
    """

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        return super().reply()


@implementer(IPublishTraverse)
class PathParams:
    """A service that takes the path after its name (``@members/<userid>``,
    ``@stream/new``) as ``self.params``, as plone.restapi's services do."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self


@contextmanager
def bad_request(request):
    """Re-raise a :class:`SocialError` as a ``BadRequest`` in the user's language."""
    try:
        yield
    except SocialError as error:
        raise BadRequest(error.text(request)) from None


def denied(request, message):
    """Refuse with ``message`` in the user's language: a 401 for anonymous
    visitors (logging in may help), a 403 for a logged-in user."""
    text = translate(message, context=request)
    if users.current_userid() is None:
        raise Unauthorized(text)
    raise Forbidden(text)


def _fail(request, message):
    raise BadRequest(translate(message, context=request))


def json_object(request) -> dict:
    """The request body as a JSON object; a 400 if it is anything else."""
    body = request.get("BODY") or b""
    try:
        data = json.loads(body) if body.strip() else {}
    except (TypeError, ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: JSON nested deeper than Python's parser can go.
        _fail(
            request,
            _("error_malformed_json", default="The request body is not valid JSON."),
        )
    if not isinstance(data, dict):
        _fail(
            request,
            _(
                "error_body_not_object",
                default="The request body must be a JSON object.",
            ),
        )
    return data
