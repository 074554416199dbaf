"""1003 → 1004: idea boxes, ideas and supports."""

from ospa.social.setuphandlers import idea_reviewers_group
from ospa.social.upgrades import add_type
from ospa.social.upgrades import import_steps


def upgrade(context):
    import_steps(
        "rolemap", "workflow", "typeinfo", "catalog", "plone.app.registry", "actions"
    )
    # Ideas are liked, followed and commented on like pages.
    add_type("ospa.social.social_types", "Idea")
    add_type("ospa.social.comment_types", "Idea")
    idea_reviewers_group()
