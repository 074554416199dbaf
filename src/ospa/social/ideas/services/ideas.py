"""Ideas over REST: the board (``@ideas``), ``@supports`` and status changes.

Every rule is :mod:`ospa.social.ideas.api`'s; these services read the
request, call it and shape the reply:

- ``GET /<box>/@ideas`` and ``GET /@ideas`` (every box the viewer sees):
  cards, sorted and filtered, batched like plone.restapi;
- ``GET``/``POST``/``DELETE /<idea>/@supports``: the support state and a
  page of supporters; supporting; withdrawing a support;
- ``POST /<idea>/@workflow/<transition>`` with ``{"comment": "…"}``:
  plone.restapi's own service, here running the API's checks first (an
  answer for accept and decline, reviewers only, no withdrawal of a
  supported idea);
- ``GET /<idea>``: plone.restapi's serialization with ``idea`` (status,
  supports, official answer, history, transitions, box).

A refused support or status change is a 400 whose body has plone.restapi's
``type`` and ``message`` (as every ospa.social error), the same again in
``error`` (as plone.restapi's ``@workflow`` answers) and, from
``@supports``, the unchanged support state in ``supports``. A permission
problem is a 401 for anonymous visitors and a 403 for a logged-in user.
Nothing is stored by a refused request.
"""

from AccessControl import Unauthorized
from contextlib import contextmanager
from ospa.social import _
from ospa.social.core import users
from ospa.social.core.errors import SocialError
from ospa.social.ideas import api as ideas
from ospa.social.interfaces import IIdea
from ospa.social.interfaces import IIdeaBox
from ospa.social.interfaces import IOspaSocialLayer
from ospa.social.restapi import batching
from ospa.social.restapi.base import denied
from ospa.social.restapi.base import json_object
from ospa.social.restapi.base import SocialService
from ospa.social.restapi.base import WriteService
from ospa.social.stream.services.posts import PostsFolderPost
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.services.workflow.transition import WorkflowTransition
from plone.restapi.services.workflow.utils import elevated_privileges
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.component import adapter
from zope.interface import alsoProvides
from zope.interface import implementer
import transaction


TEXT_PARAMS = ("sort", "status", "tag")
TRUE = ("true", "1", "yes", "on")
FALSE = ("false", "0", "no", "off", "")
# Fields of plone.restapi's @workflow body that mean something for an idea:
# the answer, and include_children (attachments have no workflow).
TRANSITION_FIELDS = ("comment", "include_children")

DENIED_LIST = _("error_ideas_login", default="Log in to see your ideas.")
DENIED_SUPPORT = _(
    "error_idea_support_denied", default="You may not support this idea."
)
DENIED_REVIEW = _(
    "error_idea_review_denied",
    default="Only the reviewers of this idea box change the status of its ideas.",
)
DENIED_AUTHOR = _(
    "error_idea_author_denied",
    default="Only the author submits or withdraws an idea.",
)
DENIED_LOGIN = _("error_idea_change_login", default="Log in to change ideas.")


@contextmanager
def refused(request, message):
    """An ``Unauthorized`` of the API as 401 (anonymous) or 403 (logged in)."""
    try:
        yield
    except Unauthorized:
        denied(request, message)


def error_reply(request, error: SocialError, **extra) -> dict:
    """A 400 with the API's message; the transaction stores nothing."""
    transaction.doom()
    message = error.text(request)
    request.response.setStatus(400)
    return {
        "type": "BadRequest",
        "message": message,
        "error": {"type": "BadRequest", "message": message},
        **extra,
    }


def _bad_param(name):
    return ideas.IdeaError(
        _(
            "error_ideas_param",
            default="${name} must be given once, as a short text.",
            mapping={"name": name},
        )
    )


def text_param(request, name) -> str | None:
    value = request.form.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _bad_param(name)
    return value


def flag_param(request, name) -> bool:
    value = request.form.get(name, "")
    if isinstance(value, str) and value.lower() in TRUE + FALSE:
        return value.lower() in TRUE
    raise ideas.IdeaError(
        _(
            "error_ideas_flag",
            default="${name} must be true or false.",
            mapping={"name": name},
        )
    )


# -- the board -------------------------------------------------------------


class IdeasGet(SocialService):
    """``@ideas`` of a box (with ``box`` and ``tags``) or of the whole site."""

    def answer(self):
        request = self.request
        box = self.context if IIdeaBox.providedBy(self.context) else None
        start, size = batching.batch_params(request)
        params = {name: text_param(request, name) for name in TEXT_PARAMS}
        mine = flag_param(request, "mine")
        with refused(request, DENIED_LIST):
            brains = ideas.query(box, mine=mine, **params)
        total = len(brains)
        result = {
            "@id": batching.canonical_url(request),
            "items": ideas.cards(brains[start : start + size], box),
            "items_total": total,
        }
        if box is not None:
            result["box"] = ideas.box_info(box)
            result["tags"] = ideas.tags(box)
        return batching.add_batching(result, request, start, size, total)


# -- supports --------------------------------------------------------------


def supports_url(idea) -> str:
    return f"{idea.absolute_url()}/@supports"


class SupportsGet(SocialService):
    """The support state of an idea and a page of its supporters."""

    def answer(self):
        idea = self.context
        start, size = batching.batch_params(self.request)
        state = ideas.support_state(idea)
        result = {
            "@id": supports_url(idea),
            **state,
            "items": [
                users.summary(userid) for userid in ideas.supporters(idea, start, size)
            ],
            "items_total": state["count"],
        }
        return batching.add_batching(result, self.request, start, size, state["count"])


class SupportsPost(WriteService):
    """Support the idea; the reply is the new support state."""

    def change(self, idea) -> dict:
        return ideas.support(idea)

    def answer(self):
        idea = self.context
        # No body is needed; one that is sent must be a JSON object.
        json_object(self.request)
        with refused(self.request, DENIED_SUPPORT):
            try:
                state = self.change(idea)
            except ideas.IdeaError as error:
                return error_reply(self.request, error, supports=error.state)
        return {"@id": supports_url(idea), **state}


class SupportsDelete(SupportsPost):
    """Withdraw one's support; the reply is the new support state."""

    def change(self, idea) -> dict:
        return ideas.unsupport(idea)


# -- status changes --------------------------------------------------------


class IdeaTransition(WorkflowTransition):
    """plone.restapi's ``POST @workflow/<transition>`` for ideas.

    The API changes the status (:func:`ospa.social.ideas.api.transition`):
    the comment is the official answer, required for accept and decline.
    The reply is plone.restapi's: the new entry of the review history.
    """

    def reply(self):
        request = self.request
        if self.transition is None:
            return super().reply()
        alsoProvides(request, IDisableCSRFProtection)
        try:
            data = json_object(request)
            unknown = [name for name in data if name not in TRANSITION_FIELDS]
            if unknown:
                raise ideas.IdeaError(
                    _(
                        "error_idea_transition_field",
                        default="Unknown field ${field}: send the answer as comment.",
                        mapping={"field": str(unknown[0])[:30]},
                    )
                )
            with refused(request, self.denied_message()):
                ideas.transition(self.context, self.transition, data.get("comment"))
        except SocialError as error:
            return error_reply(request, error)
        except WorkflowException as error:
            return error_reply(request, SocialError(str(error)))
        return self.last_action()

    def denied_message(self):
        if users.current_userid() is None:
            return DENIED_LOGIN
        if self.transition in ideas.AUTHOR_TRANSITIONS:
            return DENIED_AUTHOR
        return DENIED_REVIEW

    def last_action(self) -> dict:
        """The newest history entry with the state's title, as plone.restapi."""
        with elevated_privileges(self.context):
            history = self.wftool.getInfoFor(self.context, "review_history")
            action = dict(history[-1])
            action["title"] = self.context.translate(
                self.wftool.getTitleForStateOnType(
                    action["review_state"], self.context.portal_type
                )
            )
        return json_compatible(action)


# -- content ---------------------------------------------------------------


@implementer(ISerializeToJson)
@adapter(IIdea, IOspaSocialLayer)
class SerializeIdeaToJson(SerializeFolderToJson):
    """An idea as plone.restapi serializes a folder, with ``idea``."""

    def __call__(self, version=None, include_items=True, include_expansion=True):
        result = super().__call__(
            version=version,
            include_items=include_items,
            include_expansion=include_expansion,
        )
        result["idea"] = json_compatible(ideas.info(self.context))
        return result


class IdeaBoxPost(PostsFolderPost):
    """plone.restapi's content ``POST`` on an idea box: a 400 for a body
    that is not a JSON object (plone.restapi's own would answer a 500)."""
