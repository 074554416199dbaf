"""Installing the add-on's PAS plugins (the employees group, the community
groups): added to the site's ``acl_users`` once, activated for the plugin
interfaces they implement, and taken out again on uninstall."""

from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin


class SocialPlugin(BasePlugin):
    """A plugin of the add-on: made with its own id and title."""

    plugin_id = ""
    plugin_title = ""

    def __init__(self, id=None, title=None):
        self._setId(id or self.plugin_id)
        self.title = title or self.plugin_title


def install(portal, plugin_id: str, factory, interfaces):
    """The plugin ``plugin_id`` in ``acl_users`` (made by ``factory`` if
    missing), active for every one of ``interfaces``."""
    acl_users = portal.acl_users
    plugin = acl_users._getOb(plugin_id, None)
    if plugin is None:
        acl_users._setObject(plugin_id, factory())
        plugin = acl_users[plugin_id]
    registry = acl_users.plugins
    for interface in interfaces:
        if plugin_id not in registry.listPluginIds(interface):
            registry.activatePlugin(interface, plugin_id)
    return plugin


def uninstall(portal, plugin_id: str, interfaces) -> None:
    """Deactivate and remove the plugin ``plugin_id``, if it is there."""
    acl_users = portal.acl_users
    if plugin_id not in acl_users.objectIds():
        return
    registry = acl_users.plugins
    for interface in interfaces:
        if plugin_id in registry.listPluginIds(interface):
            registry.deactivatePlugin(interface, plugin_id)
    acl_users._delObject(plugin_id)
