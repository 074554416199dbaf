"""1002 → 1003: posts, questions and the activity stream."""

from ospa.social import PROFILE_ID
from ospa.social.core import settings
from ospa.social.setuphandlers import stream_folder
from ospa.social.stream import query as stream
from plone import api


STEPS = ("rolemap", "workflow", "typeinfo", "catalog", "plone.app.registry")


def upgrade(context):
    setup = api.portal.get_tool("portal_setup")
    for step in STEPS:
        setup.runImportStepFromProfile(PROFILE_ID, step)
    social = settings.social_types()
    if "Post" not in social:
        # Setting the record applies it (ospa.social.core.subscribers).
        api.portal.set_registry_record("ospa.social.social_types", [*social, "Post"])
    stream_folder()
    # Existing pages, news, events, files and their comments enter the stream.
    stream.reindex(settings.stream_types())
