"""Site Setup → Social intranet over REST: ``@controlpanels/social``.

Changing the registry is all it does: the subscriber
``ospa.social.core.subscribers.settings_changed`` applies the change to the types.
"""

from ospa.social.interfaces import IOspaSocialLayer
from ospa.social.interfaces import ISocialSettings
from plone.base.interfaces import IPloneSiteRoot
from plone.restapi.controlpanels import RegistryConfigletPanel
from zope.component import adapter


@adapter(IPloneSiteRoot, IOspaSocialLayer)
class SocialControlpanel(RegistryConfigletPanel):
    schema = ISocialSettings
    schema_prefix = "ospa.social"
    configlet_id = "ospa-social"
    configlet_category_id = "Products"
    # The configlet (profiles/default/controlpanel.xml) gives both; these
    # stand in should it be missing.
    title = "Social intranet"
    group = "Add-on Configuration"
