"""1001 → 1002: communities."""

from ospa.social.setuphandlers import communities_folder
from ospa.social.upgrades import add_type
from ospa.social.upgrades import import_steps


def upgrade(context):
    import_steps("rolemap", "workflow", "typeinfo", "catalog", "plone.app.registry")
    add_type("ospa.social.social_types", "Community")
    communities_folder()
