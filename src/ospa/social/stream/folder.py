"""The ``Stream`` folder: ``/stream``, posts to every colleague."""

from ospa.social.interfaces import IStreamFolder
from ospa.social.stream.containers import PostContainer
from plone.supermodel import model
from zope.interface import implementer


class IStreamSchema(model.Schema):
    """No fields besides title and description (plone.basic)."""


@implementer(IStreamFolder)
class StreamFolder(PostContainer):
    """Holds the site-wide posts. Unordered: it grows to many thousands."""

    _ordering = "unordered"
    exclude_from_nav = False
