"""The PAS plugin that makes ``ospa-employees`` a virtual group.

It answers, for every user PAS builds, whether they are an employee by the
definition of :mod:`ospa.social.employees.api`. Nothing is stored per
person: PlonePAS's ``auto_group`` works the same way for
``AuthenticatedUsers``. The group holds no site-wide role: a role a user
has through a group is stored as their own by plone.api's
``grant_roles``/``revoke_roles``, and would then outlive the definition;
what employees may do is granted to the group as local roles.

To know a user's roles the plugin asks the other role plugins, and those
(PlonePAS's role manager) ask every group plugin, this one included: a
per-thread guard makes this plugin answer "no group" while it is itself
working out the same principal, so the definition never depends on the
group it defines.
"""

from AccessControl.class_init import InitializeClass
from Acquisition import aq_base
from Acquisition import aq_get
from ospa.social.core import pas as core_pas
from ospa.social.employees import api as employees
from Products.PlonePAS.interfaces.group import IGroupIntrospection
from Products.PlonePAS.plugins.autogroup import VirtualGroup
from Products.PluggableAuthService.interfaces.plugins import IGroupEnumerationPlugin
from Products.PluggableAuthService.interfaces.plugins import IGroupsPlugin
from Products.PluggableAuthService.interfaces.plugins import IPropertiesPlugin
from Products.PluggableAuthService.interfaces.plugins import IRolesPlugin
from zope.interface import implementer
import threading


PLUGIN_ID = "ospa_employees"
TITLE = "Employees"
DESCRIPTION = (
    "Everyone the Social intranet settings define as an employee "
    "(ospa.social); kept up to date automatically."
)
INTERFACES = (
    IGroupsPlugin,
    IGroupEnumerationPlugin,
    IGroupIntrospection,
    IPropertiesPlugin,
)

_working = threading.local()


@implementer(*INTERFACES)
class EmployeesPlugin(core_pas.SocialPlugin):
    """Puts the employees into the virtual group ``ospa-employees``."""

    meta_type = "ospa.social Employees Plugin"
    plugin_id = PLUGIN_ID
    plugin_title = TITLE

    # -- who is in the group ------------------------------------------------

    def _qualifies(self, principal, request) -> bool:
        roles, groups = employees.definition(aq_get(self, "portal_registry", None, 1))
        if not roles and not groups:
            return False
        busy = getattr(_working, "ids", None)
        if busy is None:
            busy = _working.ids = set()
        key = principal.getId()
        if key in busy:
            return False
        busy.add(key)
        try:
            plugins = self._getPAS()["plugins"]
            if groups:
                for _id, plugin in plugins.listPlugins(IGroupsPlugin):
                    if plugin is not self and groups & set(
                        plugin.getGroupsForPrincipal(principal, request) or ()
                    ):
                        return True
            if roles:
                for _id, plugin in plugins.listPlugins(IRolesPlugin):
                    if plugin is not self and roles & set(
                        plugin.getRolesForPrincipal(principal, request) or ()
                    ):
                        return True
            return False
        finally:
            busy.discard(key)

    def _is_group(self, principal) -> bool:
        """Whether ``principal`` is a group: then it is no employee.

        PAS's RecursiveGroupsPlugin asks every group plugin for the groups
        of each of a user's groups, passing each group as a plain
        ``PropertiedUser`` (``isGroup()`` False). Working those out as
        people cost a fifth of an authenticated request (the roles of each
        group, which ask for its groups again: 170 calls for a member of 10
        communities). A group's own roles and groups already count for its
        members (they are among the member's), so asking about the group
        changes no answer about a person.
        """
        # Unwrapped: a user would acquire portal_groups.isGroup.
        is_group = getattr(aq_base(principal), "isGroup", None)
        if callable(is_group) and is_group():
            return True
        key = principal.getId()
        plugins = self._getPAS()["plugins"]
        for _id, plugin in plugins.listPlugins(IGroupEnumerationPlugin):
            if plugin is not self and plugin.enumerateGroups(id=key, exact_match=True):
                return True
        return False

    def getGroupsForPrincipal(self, principal, request=None):
        """See IGroupsPlugin: ``("ospa-employees",)`` for employees."""
        if principal.getId() == employees.GROUP or self._is_group(principal):
            return ()
        return (employees.GROUP,) if self._qualifies(principal, request) else ()

    # -- the group as the sharing page and the groups panel see it ----------

    def enumerateGroups(
        self, id=None, exact_match=False, sort_by=None, max_results=None, **kw
    ):
        """See IGroupEnumerationPlugin: the one group, when asked for it."""
        if kw.get("title"):
            wanted = kw.pop("title").lower()
            if wanted not in TITLE.lower():
                return ()
        if kw:
            return ()
        if id:
            wanted = id.lower()
            if (exact_match and wanted != employees.GROUP) or (
                wanted not in employees.GROUP
            ):
                return ()
        return (
            {
                "id": employees.GROUP,
                "groupid": employees.GROUP,
                "title": TITLE,
                "pluginid": self.getId(),
            },
        )

    def getGroupById(self, group_id):
        """See IGroupIntrospection."""
        if group_id != employees.GROUP:
            return None
        return VirtualGroup(employees.GROUP, title=TITLE, description=DESCRIPTION)

    def getGroups(self):
        """See IGroupIntrospection."""
        return [self.getGroupById(employees.GROUP)]

    def getGroupIds(self):
        """See IGroupIntrospection."""
        return [employees.GROUP]

    def getGroupMembers(self, group_id):
        """See IGroupIntrospection: not listed (it is everybody who qualifies)."""
        return ()

    def getPropertiesForUser(self, user, request=None):
        """See IPropertiesPlugin: the group's title and description."""
        if getattr(user, "getId", lambda: user)() == employees.GROUP:
            return {"title": TITLE, "description": DESCRIPTION}
        return {}


InitializeClass(EmployeesPlugin)


def install(portal) -> EmployeesPlugin:
    """Add the plugin to the site's ``acl_users`` and activate it, once."""
    return core_pas.install(portal, PLUGIN_ID, EmployeesPlugin, INTERFACES)


def uninstall(portal) -> None:
    """Deactivate and remove the plugin; the group's local grants stay."""
    core_pas.uninstall(portal, PLUGIN_ID, INTERFACES)
