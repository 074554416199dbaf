"""Catalog indexers."""

from ospa.social.api import communities
from ospa.social.api import likes
from ospa.social.interfaces import ICommunity
from ospa.social.interfaces import ILikeable
from plone.indexer import indexer


@indexer(ILikeable)
def like_count(obj):
    return likes.count(obj)


@indexer(ICommunity)
def member_count(obj):
    return communities.member_count(obj)
