"""The PAS plugin that makes the community rosters groups.

Each community has four groups, ``community-<UID>-<role>``, one per roster
role (:data:`ospa.social.communities.api.ROLES`); they hold the local roles
on the community (granted once, :func:`~ospa.social.communities.api.setup`).
Who is in them is the roster, nothing else: this plugin answers PAS from
the rosters, as collective.workspace does for its workspaces, and no
plugin stores the groups. It is no ``IGroupManagement`` plugin, so Users
and Groups and ``@groups`` cannot add or remove members or delete the
groups (Plone's ``source_groups`` refuses groups it does not hold, and the
control panel offers no checkbox for them); the roster stays the source.

``getGroupsForPrincipal`` runs for every user PAS builds, on every request:
it reads one entry of an index ``user id → {community UID: role}`` kept in
the plugin. The roster API keeps it (``_set``, ``setup``, ``teardown``,
a deleted user) through :func:`record`, :func:`forget_community` and
:func:`forget_user`; :func:`rebuild` makes it again from the rosters (the
upgrade to 1007, a reinstall, tests). Unlike the employees' plugin it asks
no other plugin, so it needs no recursion guard.

What the groups are called is readable (the community's title and the
role): the lists of groups hide those of communities the user may not see
(:mod:`ospa.social.communities.group_listings`).
"""

from AccessControl.class_init import InitializeClass
from Acquisition import aq_base
from Acquisition import aq_get
from BTrees.OOBTree import OOBTree
from ospa.social import _
from ospa.social.core import pas as core_pas
from ospa.social.interfaces import ICommunity
from plone import api
from Products.PlonePAS.interfaces.group import IGroupIntrospection
from Products.PlonePAS.plugins.autogroup import VirtualGroup
from Products.PluggableAuthService.interfaces.plugins import IGroupEnumerationPlugin
from Products.PluggableAuthService.interfaces.plugins import IGroupsPlugin
from Products.PluggableAuthService.interfaces.plugins import IPropertiesPlugin
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer
import re


PLUGIN_ID = "ospa_communities"
TITLE = "Communities"
INTERFACES = (
    IGroupsPlugin,
    IGroupEnumerationPlugin,
    IGroupIntrospection,
    IPropertiesPlugin,
)
PREFIX = "community-"
ROLES = ("owner", "moderator", "member", "guest")
GROUP_ID = re.compile(r"^community-([0-9a-f]{32})-(owner|moderator|member|guest)$")
ROLE_TITLES = {
    "owner": _("community_role_owners", default="Owners"),
    "moderator": _("community_role_moderators", default="Moderators"),
    "member": _("community_role_members", default="Members"),
    "guest": _("community_role_guests", default="Guests"),
}


def group_id(uid: str, role: str) -> str:
    """The id of the group of ``role`` in the community of ``uid``."""
    return f"{PREFIX}{uid}-{role}"


def parse(groupid) -> tuple[str, str] | None:
    """``(community UID, role)`` of a group of this plugin; None otherwise."""
    if not isinstance(groupid, str) or not groupid.startswith(PREFIX):
        return None
    match = GROUP_ID.match(groupid)
    return (match.group(1), match.group(2)) if match else None


def role_titles(target_language=None) -> dict[str, str]:
    """The four roles' names, in the language of the request."""
    request = getRequest()
    return {
        role: translate(title, context=request, target_language=target_language)
        for role, title in ROLE_TITLES.items()
    }


def group_title(
    community_title: str, role: str, target_language=None, roles=None
) -> str:
    """The community's title and the role, in the language of the request
    (``roles``: :func:`role_titles`, when many titles are made at once)."""
    roles = roles if roles is not None else role_titles(target_language)
    message = _(
        "community_group_title",
        default="${community}: ${role}",
        mapping={"community": community_title, "role": roles[role]},
    )
    return translate(message, context=getRequest(), target_language=target_language)


def group_description() -> str:
    return translate(
        _(
            "community_group_description",
            default="Who belongs to it is the community's roster: change it "
            "on the community's members page.",
        ),
        context=getRequest(),
    )


@implementer(*INTERFACES)
class CommunitiesPlugin(core_pas.SocialPlugin):
    """The groups of every community, from the rosters."""

    meta_type = "ospa.social Communities Plugin"
    plugin_id = PLUGIN_ID
    plugin_title = TITLE

    def __init__(self, id=None, title=None):
        super().__init__(id, title)
        # user id -> {community UID: roster role}; values are replaced,
        # never changed in place.
        self._memberships = OOBTree()

    # -- who is in which group ---------------------------------------------

    def getGroupsForPrincipal(self, principal, request=None):
        """See IGroupsPlugin: the groups of the user's roster places."""
        found = self._memberships.get(principal.getId())
        if not found:
            return ()
        return tuple(group_id(uid, role) for uid, role in found.items())

    def _communities(self, uid=None):
        """``(UID, title, community brain)`` of every community, or of one."""
        catalog = aq_get(self, "portal_catalog", None, 1)
        if catalog is None:
            return []
        query = {"object_provides": ICommunity.__identifier__}
        if uid is not None:
            query["UID"] = uid
        return [
            (brain.UID, brain.Title or brain.getId, brain)
            for brain in catalog.unrestrictedSearchResults(**query)
        ]

    def _info(self, uid, title, role, roles):
        groupid = group_id(uid, role)
        return {
            "id": groupid,
            "groupid": groupid,
            "title": group_title(title, role, roles=roles),
            "pluginid": self.getId(),
        }

    # -- the groups as the sharing page and Users and Groups see them -------

    def enumerateGroups(
        self, id=None, exact_match=False, sort_by=None, max_results=None, **kw
    ):
        """See IGroupEnumerationPlugin: by id and title (both must match)."""
        title = kw.pop("title", None)
        if kw:
            return ()  # e-mail and the like: these groups have none
        if exact_match and id:
            parsed = parse(id)
            if parsed is None:
                return ()
            candidates = self._communities(parsed[0])
        else:
            candidates = self._communities()
        wanted_id = id.lower() if isinstance(id, str) and id else None
        wanted_title = title.lower() if isinstance(title, str) and title else None
        result = []
        roles = role_titles()
        for uid, ctitle, _brain in candidates:
            for role in ROLES:
                info = self._info(uid, ctitle, role, roles)
                if wanted_id is not None:
                    if exact_match and info["id"] != id:
                        continue
                    if not exact_match and wanted_id not in info["id"]:
                        continue
                if wanted_title is not None and (
                    wanted_title not in info["title"].lower()
                ):
                    continue
                result.append(info)
        if sort_by in ("id", "title"):
            result.sort(key=lambda info: info[sort_by].lower())
        if max_results is not None:
            result = result[: int(max_results)]
        return tuple(result)

    def getGroupById(self, group_id):
        """See IGroupIntrospection."""
        parsed = parse(group_id)
        if parsed is None:
            return None
        for _uid, ctitle, _brain in self._communities(parsed[0]):
            return VirtualGroup(
                group_id,
                title=group_title(ctitle, parsed[1]),
                description=group_description(),
            )
        return None

    def getGroups(self):
        """See IGroupIntrospection."""
        description = group_description()
        roles = role_titles()
        return [
            VirtualGroup(
                group_id(uid, role),
                title=group_title(ctitle, role, roles=roles),
                description=description,
            )
            for uid, ctitle, _brain in self._communities()
            for role in ROLES
        ]

    def getGroupIds(self):
        """See IGroupIntrospection."""
        return [
            group_id(uid, role)
            for uid, _title, _brain in self._communities()
            for role in ROLES
        ]

    def getGroupMembers(self, group_id):
        """See IGroupIntrospection: the roster's people in that role."""
        parsed = parse(group_id)
        if parsed is None:
            return ()
        uid, role = parsed
        for _uid, _title, brain in self._communities(uid):
            roster = _roster(brain._unrestrictedGetObject())
            if roster is None:
                return ()
            return tuple(
                userid for userid, held in roster.roles.items() if held == role
            )
        return ()

    def getPropertiesForUser(self, user, request=None):
        """See IPropertiesPlugin: a community group's title and description."""
        groupid = getattr(user, "getId", lambda: user)()
        parsed = parse(groupid)
        if parsed is None:
            return {}
        for _uid, ctitle, _brain in self._communities(parsed[0]):
            return {
                "title": group_title(ctitle, parsed[1]),
                "description": group_description(),
            }
        return {}


InitializeClass(CommunitiesPlugin)


def _roster(community):
    from ospa.social.communities import api as communities

    return communities.roster(community)


# -- the index -------------------------------------------------------------


def get_plugin(portal=None) -> CommunitiesPlugin | None:
    portal = portal if portal is not None else api.portal.get()
    acl_users = getattr(aq_base(portal), "acl_users", None)
    if acl_users is None:
        return None
    found = portal.acl_users._getOb(PLUGIN_ID, None)
    return found if isinstance(aq_base(found), CommunitiesPlugin) else None


def communities_of(userid: str | None, portal=None) -> dict[str, str]:
    """``{community UID: roster role}`` of ``userid``."""
    plugin = get_plugin(portal)
    if plugin is None or not userid:
        return {}
    return dict(plugin._memberships.get(userid) or {})


def memberships(portal=None) -> dict[str, dict[str, str]]:
    """The whole index, as plain dicts (for the upgrade and tests)."""
    plugin = get_plugin(portal)
    if plugin is None:
        return {}
    return {userid: dict(found) for userid, found in plugin._memberships.items()}


def _invalidate(plugin, userid):
    # PAS may cache users (a cache manager on acl_users).
    invalidate = getattr(plugin, "_invalidatePrincipalCache", None)
    if invalidate is not None:
        invalidate(userid)


def record(userid: str, uid: str, role: str | None, portal=None) -> None:
    """``userid`` holds ``role`` in the community ``uid`` (None: none)."""
    plugin = get_plugin(portal)
    if plugin is None:
        return
    index = plugin._memberships
    found = dict(index.get(userid) or {})
    if role is None:
        if uid not in found:
            return
        del found[uid]
    else:
        if found.get(uid) == role:
            return
        found[uid] = role
    if found:
        index[userid] = found
    else:
        index.pop(userid, None)
    _invalidate(plugin, userid)


def forget_community(uid: str, userids, portal=None) -> None:
    """The community ``uid`` is gone: off the entries of ``userids``."""
    for userid in userids:
        record(userid, uid, None, portal)


def forget_user(userid: str, portal=None) -> None:
    plugin = get_plugin(portal)
    if plugin is not None and plugin._memberships.pop(userid, None) is not None:
        _invalidate(plugin, userid)


def built_from_rosters(portal=None) -> dict[str, dict[str, str]]:
    """What the index holds when it follows the rosters."""
    from ospa.social.communities import api as communities

    portal = portal if portal is not None else api.portal.get()
    catalog = portal.portal_catalog
    built = {}
    for brain in catalog.unrestrictedSearchResults(
        object_provides=ICommunity.__identifier__
    ):
        found = communities.roster(brain._unrestrictedGetObject())
        if found is None:
            continue
        for userid, role in found.roles.items():
            built.setdefault(userid, {})[brain.UID] = role
    return built


def rebuild(portal=None) -> int:
    """Make the index again from the rosters; the number of people in it."""
    plugin = get_plugin(portal)
    if plugin is None:
        return 0
    built = built_from_rosters(portal)
    if memberships(portal) != built:
        plugin._memberships = OOBTree(built)
        for userid in built:
            _invalidate(plugin, userid)
    return len(built)


# -- installing ------------------------------------------------------------


def install(portal) -> CommunitiesPlugin:
    """Add the plugin to the site's ``acl_users``, activate it, fill its index."""
    plugin = core_pas.install(portal, PLUGIN_ID, CommunitiesPlugin, INTERFACES)
    rebuild(portal)
    return plugin


def uninstall(portal) -> None:
    """Deactivate and remove the plugin (and its index); the rosters and
    the groups' local roles stay, so reinstalling restores the groups."""
    core_pas.uninstall(portal, PLUGIN_ID, INTERFACES)
