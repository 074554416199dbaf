"""Catalog indexers."""

from ospa.social.api import communities
from ospa.social.api import likes
from ospa.social.interfaces import ICommunity
from ospa.social.interfaces import ILikeable
from plone import api
from plone.indexer import indexer


@indexer(ILikeable)
def like_count(obj):
    return likes.count(obj)


@indexer(ICommunity)
def member_count(obj):
    return communities.member_count(obj)


@indexer(ICommunity)
def community_searchable_text(obj):
    """Title, description, tags and guidelines: what people search by."""
    guidelines = obj.guidelines.output if obj.guidelines else ""
    transforms = api.portal.get_tool("portal_transforms")
    text = ""
    if guidelines:
        data = transforms.convertTo("text/plain", guidelines, mimetype="text/html")
        text = data.getData() if data else ""
    return " ".join(
        part for part in (obj.Title(), obj.Description(), *obj.Subject(), text) if part
    )
