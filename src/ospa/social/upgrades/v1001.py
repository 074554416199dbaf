"""1000 → 1001: likes, following and comments on existing content."""

from ospa.social import PROFILE_ID
from ospa.social.setuphandlers import post_install
from plone import api


STEPS = ("rolemap", "catalog", "plone.app.registry", "controlpanel", "actions")


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    setup.runAllImportStepsFromProfile(
        "profile-plone.app.discussion:default", dependency_strategy="new"
    )
    for step in STEPS:
        setup.runImportStepFromProfile(PROFILE_ID, step)
    post_install(context)
