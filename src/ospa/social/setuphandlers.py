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


def uninstall(context):
    """After the uninstall profile: types lose our behaviours.

    Likes and follows stay stored (annotations on the items, the graph on
    the site): reinstalling finds them again.
    """
    from ospa.social.api import settings

    settings.remove()
