"""Catalog indexers of likes."""

from ospa.social.interfaces import ILikeable
from ospa.social.likes import api as likes
from plone.indexer import indexer


@indexer(ILikeable)
def like_count(obj):
    return likes.count(obj)
