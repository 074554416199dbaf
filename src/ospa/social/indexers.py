"""Catalog indexers."""

from ospa.social.api import likes
from ospa.social.interfaces import ILikeable
from plone.indexer import indexer


@indexer(ILikeable)
def like_count(obj):
    return likes.count(obj)
