"""Setup helpers of the GenericSetup profiles."""

from Products.CMFPlone.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    """Keep the profiles a site admin should not pick from the add-on list."""

    def getNonInstallableProfiles(self):
        """Return the profile ids hidden from the add-ons control panel."""
        return [
            "ospa.social:uninstall",
            "ospa.social:demo",
        ]

    def getNonInstallableProducts(self):
        """Return the packages hidden from the add-ons control panel."""
        return ["ospa.social.upgrades"]


def post_install(context):
    """After the default profile: create the social graph, apply the settings."""
    from ospa.social.api import graph
    from ospa.social.api import settings

    # Created now, so that the first likes do not all write the site.
    graph.get(create=True)
    settings.apply()
    communities_folder()


COMMUNITIES_FOLDER = "communities"


def communities_folder():
    """The folder where employees start communities, created once.

    Everybody with ``ospa.social: Add Community`` (Member by default) may
    add a community here and nothing else; the admin takes the permission
    away from Member to stop that. The folder is content: uninstalling
    leaves it and the communities in it.
    """
    from plone import api
    from plone.base.interfaces.constrains import ENABLED
    from plone.base.interfaces.constrains import ISelectableConstrainTypes

    portal = api.portal.get()
    folder = portal.get(COMMUNITIES_FOLDER)
    if folder is None:
        folder = api.content.create(
            portal,
            "Folder",
            id=COMMUNITIES_FOLDER,
            title="Communities",
            description="Teams, topics and projects of our colleagues.",
        )
        if api.content.get_state(folder) != "published":
            api.content.transition(folder, transition="publish")
    constrains = ISelectableConstrainTypes(folder)
    constrains.setConstrainTypesMode(ENABLED)
    constrains.setLocallyAllowedTypes(["Community"])
    constrains.setImmediatelyAddableTypes(["Community"])
    folder.manage_permission(
        "Add portal content",
        ["Member", "Contributor", "Owner", "Manager", "Site Administrator"],
        acquire=True,
    )
    return folder


def uninstall(context):
    """After the uninstall profile: types lose our behaviours.

    Likes and follows stay stored (annotations on the items, the graph on
    the site): reinstalling finds them again.
    """
    from ospa.social.api import settings

    settings.remove()
