"""Catalog indexers of communities."""

from ospa.social.communities import api as communities
from ospa.social.interfaces import ICommunity
from plone import api
from plone.indexer import indexer


@indexer(ICommunity)
def member_count(obj):
    return communities.member_count(obj)


@indexer(ICommunity)
def community_visibility(obj):
    """Metadata of the cards (:mod:`.listing`)."""
    return obj.visibility


@indexer(ICommunity)
def community_join_policy(obj):
    return obj.join_policy


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
