"""1003 → 1004: idea boxes, ideas and supports."""

from ospa.social import PROFILE_ID
from ospa.social.core import settings
from ospa.social.setuphandlers import idea_reviewers_group
from plone import api


STEPS = (
    "rolemap",
    "workflow",
    "typeinfo",
    "catalog",
    "plone.app.registry",
    "actions",
)


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    for step in STEPS:
        setup.runImportStepFromProfile(PROFILE_ID, step)
    # Ideas are liked, followed and commented on like pages; setting the
    # records applies them (ospa.social.core.subscribers).
    social = settings.social_types()
    if "Idea" not in social:
        api.portal.set_registry_record("ospa.social.social_types", [*social, "Idea"])
    commented = settings.comment_types()
    if "Idea" not in commented:
        api.portal.set_registry_record(
            "ospa.social.comment_types", [*commented, "Idea"]
        )
    idea_reviewers_group()
