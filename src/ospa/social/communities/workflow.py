"""Content inside a community follows the community, not the site's workflow.

Plone asks an ``IWorkflowChain`` adapter for the workflows of an object.
This one answers for content inside a community: pages get the page
workflow (members may edit each other's pages when the community allows
it), everything else the community content workflow. Both take who may
see from the roles the community's groups hold on it, so a community's
visibility covers all its content. Files and images inside an idea have
no workflow: they take every permission from the idea. Everywhere else
the site's own chain (or CMFPlacefulWorkflow's) applies unchanged.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from ospa.social.interfaces import ICommunity
from ospa.social.interfaces import IIdea
from plone.base.interfaces import IWorkflowChain
from plone.dexterity.interfaces import IDexterityContent
from Products.CMFCore.interfaces import IWorkflowTool
from Products.CMFPlone.workflow import ToolWorkflowChain
from zope.component import adapter
from zope.interface import implementer


CONTENT_WORKFLOW = "ospa_community_content_workflow"
PAGE_WORKFLOW = "ospa_community_page_workflow"
PAGE_TYPES = ("Document",)
# Types whose own workflow already follows the place they are in.
OWN_WORKFLOW_TYPES = ("Post", "Idea")


def in_community(obj) -> bool:
    """Whether a community contains ``obj`` (at any depth)."""
    from ospa.social.communities.api import community_of

    return community_of(aq_parent(aq_inner(obj))) is not None


@adapter(IDexterityContent, IWorkflowTool)
@implementer(IWorkflowChain)
def community_workflow_chain(obj, tool):
    ours = CONTENT_WORKFLOW in tool.objectIds()
    if ours and IIdea.providedBy(aq_parent(aq_inner(obj))):
        # An idea's attachments: no workflow, every permission from the idea.
        return ()
    if (
        ours
        and not ICommunity.providedBy(obj)
        and obj.portal_type not in OWN_WORKFLOW_TYPES
        and in_community(obj)
    ):
        return (PAGE_WORKFLOW if obj.portal_type in PAGE_TYPES else CONTENT_WORKFLOW,)
    try:
        from Products.CMFPlacefulWorkflow.adapter import PlacefulWorkflowChain
        from Products.CMFPlacefulWorkflow.interfaces import IPlacefulMarker
    except ImportError:  # pragma: no cover - CMFPlacefulWorkflow is part of Plone
        return ToolWorkflowChain(obj, tool)
    if IPlacefulMarker.providedBy(tool):
        return PlacefulWorkflowChain(obj, tool)
    return ToolWorkflowChain(obj, tool)
