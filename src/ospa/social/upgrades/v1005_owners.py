"""1004 → 1005: the creator of a community no longer keeps Owner.

Plone gave whoever created a community, a folder or an idea box in it the
local role Owner, which everything inside inherited, and the community
workflows mapped View, Modify and Delete to Owner: a creator who left or
was demoted still read, edited, deleted and shared everything. Now the
workflows give an author's rights to ``Community Author``, which
:mod:`ospa.social.communities.authors` grants only while the author is on the roster,
and only the community's moderators share. This step re-imports the roles
and workflows, takes Owner (and the local ``Idea Author``, now granted the
same way) from everything in a community, re-maps the permissions there
and re-indexes the security of each community's subtree once.
"""

from ospa.social import logger
from ospa.social.communities import authors
from ospa.social.communities.authors import IDEA_AUTHOR_ROLE
from ospa.social.communities.authors import remove_owner_roles
from ospa.social.interfaces import ICommunity
from ospa.social.interfaces import IIdea
from ospa.social.upgrades import import_steps
from plone import api


def _remove_idea_author(idea) -> bool:
    return authors.remove_local_role(idea, IDEA_AUTHOR_ROLE)


def upgrade(context):
    """Roles and workflows first; then each community and what is in it."""
    import_steps("rolemap", "workflow")
    workflow = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    communities = [
        brain._unrestrictedGetObject()
        for brain in catalog.unrestrictedSearchResults(
            object_provides=ICommunity.__identifier__
        )
    ]
    cleaned = 0
    for community in communities:
        path = "/".join(community.getPhysicalPath())
        for brain in catalog.unrestrictedSearchResults(path=path):
            obj = brain._unrestrictedGetObject()
            if remove_owner_roles(obj):
                cleaned += 1
            if IIdea.providedBy(obj) and _remove_idea_author(obj):
                cleaned += 1
            for definition in workflow.getWorkflowsFor(obj):
                definition.updateRoleMappingsFor(obj)
        # Once per community, for all of its content: whose roles changed.
        community.reindexObjectSecurity()
    logger.info(
        "Owner in communities: %d communities re-mapped, %d items cleaned",
        len(communities),
        cleaned,
    )
