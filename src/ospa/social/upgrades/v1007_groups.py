"""1006 → 1007: the community groups come from the rosters.

Until 1006 each community had four real groups ``community-<UID>-<role>``
in Plone's ``source_groups``, and the roster was copied into them: Users
and Groups could change them apart from the roster. Now the PAS plugin of
:mod:`ospa.social.communities.pas` answers for these groups from the
rosters. The groups keep their ids, so the local roles they hold on the
communities (and the catalog's security entries that name them) stay as
they are; nothing is re-indexed.
"""

from Acquisition import aq_base
from ospa.social import logger
from ospa.social.communities import pas
from ospa.social.setuphandlers import community_groups
from plone import api


def old_groups(portal) -> list[str]:
    """The community groups ``source_groups`` still holds."""
    source = portal.acl_users._getOb("source_groups", None)
    if source is None:
        return []
    return [gid for gid in source.getGroupIds() if pas.parse(gid) is not None]


def remove_old_groups(portal) -> int:
    """Delete them there, with their members and stored properties; their
    local roles on the communities stay (the plugin's groups have the same
    ids)."""
    acl_users = portal.acl_users
    source = acl_users._getOb("source_groups", None)
    properties = acl_users._getOb("mutable_properties", None)
    removed = 0
    for gid in old_groups(portal):
        for member in source.getGroupMembers(gid):
            source.removePrincipalFromGroup(member, gid)
        source.removeGroup(gid)
        if properties is not None and hasattr(aq_base(properties), "deleteUser"):
            properties.deleteUser(gid)
        removed += 1
    return removed


def upgrade(context):
    """The plugin and its index first, then the old groups go: nobody is
    without their groups in between (one transaction anyway)."""
    portal = api.portal.get()
    community_groups()
    people = pas.rebuild(portal)
    removed = remove_old_groups(portal)
    logger.info(
        "Community groups from the rosters: %d people indexed, %d old groups "
        "removed from source_groups",
        people,
        removed,
    )
