"""1004 → 1005: comments are exactly as visible as the content they are on."""

from ospa.social.comments import api as comments
from ospa.social.upgrades import import_steps


def upgrade(context):
    """Re-import the workflows (plone.app.discussion's one-state comment
    workflow with "Access contents information" acquired), then apply them
    to the comments already there and re-index their security."""
    import_steps("workflow")
    comments.resync_security()
