"""1004 → 1005: "everyone" is the employees, not every logged-in user.

Guests of one community are logged in too, so the grants that
``AuthenticatedUsers`` held on open communities, ``/stream`` and idea boxes
outside communities move to the virtual group ``ospa-employees``
(ospa.social.employees.pas), and the community workflow and the rolemap use the
local role ``Employee`` that group holds on communities and the
communities folder where they used ``Member``. Only what changed is
re-indexed: the subtree of an object whose grant moved, the own entry of a
community whose permissions changed.
"""

from ospa.social import logger
from ospa.social.communities import api as communities
from ospa.social.employees import api as employees
from ospa.social.interfaces import ISocialSettings
from ospa.social.setuphandlers import communities_folder
from ospa.social.setuphandlers import employees_group
from ospa.social.upgrades import import_steps
from plone import api
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


OLD = "AuthenticatedUsers"
# The types whose "for everyone" grant ospa.social made.
GRANTED_ON = ("Community", "Stream", "Idea Box")
COMMUNITY_WORKFLOW = "ospa_community_workflow"


def move_grant(obj) -> bool:
    """Move ``obj``'s local roles of ``AuthenticatedUsers`` to the employees."""
    roles = set(obj.get_local_roles_for_userid(OLD))
    if not roles:
        return False
    held = set(obj.get_local_roles_for_userid(employees.GROUP))
    obj.manage_setLocalRoles(employees.GROUP, sorted(roles | held))
    obj.manage_delLocalRoles([OLD])
    return True


def upgrade(context):
    """Settings, role, plugin and workflow first; then the existing grants."""
    # Keeps the values of the records there are, adds the employee ones.
    getUtility(IRegistry).registerInterface(ISocialSettings, prefix="ospa.social")
    import_steps("rolemap", "workflow")
    employees_group()
    communities_folder()
    workflow = api.portal.get_tool("portal_workflow")
    community_workflow = workflow.getWorkflowById(COMMUNITY_WORKFLOW)
    catalog = api.portal.get_tool("portal_catalog")
    moved = remapped = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=list(GRANTED_ON)):
        obj = brain._unrestrictedGetObject()
        mapped = brain.portal_type == "Community" and (
            community_workflow.updateRoleMappingsFor(obj)
        )
        grant = move_grant(obj)
        if brain.portal_type == "Community" and communities.apply_settings(obj):
            # The employees' local roles of its visibility; re-indexed.
            moved += 1
        elif grant:
            # Everything inside acquires the grant.
            obj.reindexObjectSecurity()
            moved += 1
        elif mapped:
            # Content inside does not take its permissions from these.
            obj.reindexObject(idxs=["allowedRolesAndUsers"])
            remapped += 1
    logger.info(
        "Employees instead of AuthenticatedUsers: %d grants moved, "
        "%d communities re-mapped",
        moved,
        remapped,
    )
