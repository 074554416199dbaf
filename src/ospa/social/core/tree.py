"""Where an object stands in the site's tree."""

from Acquisition import aq_inner
from Acquisition import aq_parent


def enclosing(obj, interface):
    """``obj`` itself or the nearest of its parents that provides
    ``interface`` (a community, an idea box), or None."""
    current = aq_inner(obj)
    while current is not None:
        if interface.providedBy(current):
            return current
        current = aq_parent(current)
    return None
