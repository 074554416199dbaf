"""The ``Stream`` folder: ``/stream``, posts to every colleague."""

from ospa.social.interfaces import IStreamFolder
from plone.dexterity.content import Container
from zope.interface import implementer


@implementer(IStreamFolder)
class StreamFolder(Container):
    """Holds the site-wide posts. Unordered: it grows to many thousands."""

    _ordering = "unordered"
    exclude_from_nav = False
