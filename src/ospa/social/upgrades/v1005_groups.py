"""1004 → 1005: community groups are listed only to who may see the community."""

from ospa.social import PROFILE_ID
from plone import api


def upgrade(context):
    """Register the filtered ``Groups`` and ``Principals`` vocabularies as
    site-local utilities (the profile's ``componentregistry.xml``)."""
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE_ID, "componentregistry")
