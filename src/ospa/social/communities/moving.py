"""Moving content into, out of or between communities sets its state.

Inside a community the content gets the community's workflows
(:mod:`ospa.social.communities.workflow`); outside, the site's. A move changes the
chain but not the state Plone stores per workflow, so the content showed
whatever its new workflow had on record (nothing: its initial state; or a
"published" left from before it was moved in) and kept the old place's
role mappings until something re-applied them.

The mapping, applied when the community around the content changes:

- into a community, or into another community: the community workflow's
  initial state, ``internal``: who sees it follows the new community's
  visibility (a move from a secret into an open community makes it
  visible to every employee, and the user is told so);
- out of a community into the site: the site workflow's initial state
  (``private`` with Plone's workflows), never a state left on record from
  before: the author publishes it again if others should see it.

Generally: the initial state of each workflow of the new chain. The change
is a history entry of that workflow with a comment saying why, the role
mappings are re-applied and the security re-indexed; in Classic UI a
status message tells the user (plone.restapi's ``@move`` answers with the
new URL only; the history entry is in ``@history``). Content whose chain
is empty (an idea's attachments) is left alone; a post or an idea keeps
its own workflow, which follows the place already.

An idea box made outside communities is open to every employee by a local
role (``subscribers.idea_box_added``); moved into a community it loses
that grant, since there the community's roles decide. Moved out, it does
not get it back: it is private until someone opens it.
"""

from Acquisition import aq_base
from DateTime import DateTime
from ospa.social import _
from ospa.social.communities import authors
from ospa.social.communities.api import community_of
from ospa.social.communities.api import EVERYONE
from ospa.social.communities.workflow import OWN_WORKFLOW_TYPES
from ospa.social.interfaces import ICommunity
from ospa.social.interfaces import IIdeaBox
from plone import api
from Products.statusmessages.interfaces import IStatusMessage
from zope.globalrequest import getRequest
from zope.i18n import translate


def _uid(community):
    return community.UID() if community is not None else None


def content_moved(obj, event):
    """A move (not an addition, removal or rename) that changes the
    community around ``obj``: reset its state to the new workflows' start."""
    if event.oldParent is None or event.newParent is None:
        return
    if ICommunity.providedBy(obj):
        return
    old = community_of(event.oldParent)
    # A moved folder's content: the community of where the folder went.
    new = community_of(obj)
    if _uid(old) == _uid(new):
        return
    if _move_ownership(obj, new) and obj.portal_type in OWN_WORKFLOW_TYPES:
        obj.reindexObjectSecurity()
    if obj.portal_type in OWN_WORKFLOW_TYPES:
        return
    if new is not None and IIdeaBox.providedBy(obj):
        _drop_employee_grant(obj)
    tool = api.portal.get_tool("portal_workflow")
    request = getRequest()
    if new is not None:
        why = _(
            "moved_into_community",
            default="Moved into the community “${community}”: who sees it "
            "follows the community.",
            mapping={"community": new.Title()},
        )
    else:
        why = _(
            "moved_out_of_community",
            default="Moved out of a community: it starts as new content of "
            "the site does; publish it again if others should see it.",
        )
    comment = translate(why, context=request) if request is not None else str(why)
    changed = []
    for workflow in tool.getWorkflowsFor(obj):
        state = workflow.initial_state
        tool.setStatusOf(
            workflow.getId(),
            obj,
            {
                "action": None,
                "review_state": state,
                "actor": api.user.get_current().getId(),
                "comments": comment,
                "time": DateTime(),
            },
        )
        workflow.updateRoleMappingsFor(obj)
        changed.append(workflow.states[state].title or state)
    if not changed:
        return
    obj.reindexObject(idxs=["review_state"])
    obj.reindexObjectSecurity()
    if aq_base(obj) is aq_base(event.object):
        # Once per move: the content of a moved folder goes without saying.
        domain = "ospa.social" if new is not None else "plone"
        _tell(request, obj, changed[0], domain, comment)


def _move_ownership(obj, community) -> bool:
    """Into a community nobody keeps Owner (the roster decides, see
    ospa.social.communities.authors); out of one its Zope owner gets Owner back, as
    Plone gives it to whoever creates an item on the site. Whether the
    local roles changed."""
    if community is not None:
        return authors.remove_owner_roles(obj)
    owner = authors.owner_of(obj)
    if owner is None or "Owner" in obj.get_local_roles_for_userid(owner):
        return False
    roles = set(obj.get_local_roles_for_userid(owner)) | {"Owner"}
    obj.manage_setLocalRoles(owner, sorted(roles))
    return True


def _drop_employee_grant(box):
    """Take back what ``idea_box_added`` gives every employee outside."""
    roles = set(box.get_local_roles_for_userid(EVERYONE)) - {"Reader", "Contributor"}
    if roles:
        box.manage_setLocalRoles(EVERYONE, sorted(roles))
    else:
        box.manage_delLocalRoles([EVERYONE])


def _tell(request, obj, state, domain, comment):
    """A status message for the Classic UI page the user lands on."""
    if request is None:
        return
    message = _(
        "status_moved_state",
        default="“${title}” is now “${state}”. ${why}",
        mapping={
            "title": obj.Title(),
            "state": translate(state, domain=domain, context=request),
            "why": comment,
        },
    )
    IStatusMessage(request).add(translate(message, context=request), type="info")
