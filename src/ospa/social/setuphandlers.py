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
