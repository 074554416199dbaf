"""Access to the site's :class:`~ospa.social.core.storage.SocialGraph`."""

from ospa.social.core.storage import SocialGraph
from plone import api
from zope.annotation.interfaces import IAnnotations


ANNOTATION_KEY = "ospa.social.graph"


def get(create: bool = False) -> SocialGraph | None:
    """The site's graph; created on the first write when ``create`` is set."""
    annotations = IAnnotations(api.portal.get())
    found = annotations.get(ANNOTATION_KEY)
    if found is None and create:
        found = annotations[ANNOTATION_KEY] = SocialGraph()
    return found
