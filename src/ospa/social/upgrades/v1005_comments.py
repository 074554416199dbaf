"""1004 → 1005: comments are exactly as visible as the content they are on."""

from ospa.social import PROFILE_ID
from ospa.social.comments import api as comments
from plone import api


def upgrade(context):
    """Re-import the workflows (plone.app.discussion's one-state comment
    workflow with "Access contents information" acquired), then apply them
    to the comments already there and re-index their security."""
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE_ID, "workflow")
    comments.resync_security()
