"""1002 → 1003: posts, questions and the activity stream."""

from ospa.social.core import settings
from ospa.social.setuphandlers import stream_folder
from ospa.social.stream import query as stream
from ospa.social.upgrades import add_type
from ospa.social.upgrades import import_steps


def upgrade(context):
    import_steps("rolemap", "workflow", "typeinfo", "catalog", "plone.app.registry")
    add_type("ospa.social.social_types", "Post")
    stream_folder()
    # Existing pages, news, events, files and their comments enter the stream.
    stream.reindex(settings.stream_types())
