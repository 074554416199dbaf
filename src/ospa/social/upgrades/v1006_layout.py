"""1005 → 1006: the add-on's types name their classes where they live now.

The package has one folder per feature since 1.0.0a6; the classes of
Community, Post, Stream, Idea Box and Idea moved with their feature. Old
pickles still load (``ospa.social.MOVED_MODULES``); this points the types'
factory information at the new names, so that what is created from now on
is stored under them.
"""

from plone import api


CLASSES = {
    "Community": "ospa.social.communities.content.Community",
    "Post": "ospa.social.stream.content.Post",
    "Stream": "ospa.social.stream.folder.StreamFolder",
    "Idea Box": "ospa.social.ideas.content.IdeaBox",
    "Idea": "ospa.social.ideas.content.Idea",
}
SCHEMAS = {
    "Community": "ospa.social.communities.content.ICommunitySchema",
    "Post": "ospa.social.stream.content.IPostSchema",
    "Stream": "ospa.social.stream.folder.IStreamSchema",
    "Idea Box": "ospa.social.ideas.content.IIdeaBoxSchema",
    "Idea": "ospa.social.ideas.content.IIdeaSchema",
}


def upgrade(context):
    types = api.portal.get_tool("portal_types")
    for name, klass in CLASSES.items():
        fti = types.get(name)
        if fti is None:
            continue
        fti.klass = klass
        fti.schema = SCHEMAS[name]
