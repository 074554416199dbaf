"""1001 → 1002: communities."""

from ospa.social import PROFILE_ID
from ospa.social.core import settings
from ospa.social.setuphandlers import communities_folder
from plone import api


STEPS = ("rolemap", "workflow", "typeinfo", "catalog", "plone.app.registry")


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    for step in STEPS:
        setup.runImportStepFromProfile(PROFILE_ID, step)
    social = settings.social_types()
    if "Community" not in social:
        # Setting the record applies it (ospa.social.core.subscribers).
        api.portal.set_registry_record(
            "ospa.social.social_types", [*social, "Community"]
        )
    communities_folder()
