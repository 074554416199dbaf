"""plone.restapi's ``POST @workflow/<transition>``, checked first.

plone.restapi answers every transition it cannot do with a 400 and the
untranslated text of the workflow tool's exception, ``No workflow provides
the '${action_id}' action.``: for a typo, for a transition of another
state, and for one the user may not do (a member hiding a post). Here the
transition is looked up in the object's workflows before plone.restapi
runs it:

- a transition no workflow of the object has: 400, naming the ones it has;
- one whose guard the user does not pass: 401 for anonymous visitors,
  403 for a logged-in user;
- one the user may do but not from the current state: 400 (unless the
  object is already where it leads, which plone.restapi answers as done).

Ideas have their own service (:class:`ospa.social.ideas.services.ideas.IdeaTransition`:
the API's rules); this one is registered for posts.
"""

from AccessControl import getSecurityManager
from ospa.social import _
from ospa.social.core.errors import SocialError
from ospa.social.restapi.base import bad_request
from ospa.social.restapi.base import denied
from ospa.social.restapi.base import json_object
from plone.restapi.services.workflow.transition import WorkflowTransition


class CheckedTransition(WorkflowTransition):
    """plone.restapi's workflow transition with clear refusals."""

    def reply(self):
        if self.transition is None:
            return super().reply()
        with bad_request(self.request):
            self.check_body(json_object(self.request))
            self.check_transition()
        return super().reply()

    def check_body(self, data: dict) -> None:
        """``comment`` is text, ``include_children`` a boolean."""
        comment = data.get("comment")
        children = data.get("include_children")
        if (comment is not None and not isinstance(comment, str)) or (
            children is not None and not isinstance(children, bool)
        ):
            raise SocialError(
                _(
                    "error_transition_body",
                    default="Send the comment as text and include_children "
                    "as true or false.",
                )
            )

    def check_transition(self) -> None:
        """Refuse what plone.restapi would answer with a raw 400."""
        name = self.transition
        workflows = self.wftool.getWorkflowsFor(self.context)
        known = {}
        for workflow in workflows:
            for transition in workflow.transitions.objectValues():
                known.setdefault(transition.getId(), (workflow, transition))
        if name not in known:
            raise SocialError(
                _(
                    "error_transition_unknown",
                    default="Unknown transition ${transition}: use ${transitions}.",
                    mapping={
                        "transition": str(name)[:30],
                        "transitions": ", ".join(sorted(known)) or "-",
                    },
                )
            )
        workflow, transition = known[name]
        guard = transition.getGuard()
        if not guard.check(getSecurityManager(), workflow, self.context):
            denied(
                self.request,
                _(
                    "error_transition_denied",
                    default="You may not do the transition ${transition} here.",
                    mapping={"transition": name},
                ),
            )
        state = workflow._getWorkflowStateOf(self.context)
        possible = state is not None and name in state.transitions
        if not possible and not self.is_same_state(self.context):
            raise SocialError(
                _(
                    "error_transition_state",
                    default="The transition ${transition} is not possible in "
                    "the current state.",
                    mapping={"transition": name},
                )
            )
