"""Interfaces of ospa.social."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IOspaSocialLayer(IDefaultBrowserLayer):
    """Marker for requests on a site where ospa.social is installed.

    Every view, viewlet and REST service of the add-on is registered for this
    layer, so that nothing of ours shows on a site that has not installed it.
    """
