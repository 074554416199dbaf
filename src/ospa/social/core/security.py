"""The one way past the catalog's security filter, and why it is right.

Plone's catalog filters every search by the viewer's ``allowedRolesAndUsers``
tokens (their user id, roles and groups): it unions the index's sets for
every token and intersects that with the query's result. For a stream page
the union spans every item of the site the viewer may see, so its cost
grows with the site's history, while a page needs twenty items.

The stream therefore asks the catalog *unrestricted* for the few brains of
a time window or a set of UIDs (:func:`search`), and keeps each brain only
if the very index entry the catalog would have used for it shares a token
with the viewer (:meth:`Viewer.sees`). That is exactly the catalog's rule,
brain by brain. It is only as right as the entries: an item indexed for
``Anonymous`` is shown to everyone, here and in Plone's search alike. The
property test ``tests/hardening/test_stream_security_property.py`` draws
users, rosters and states and checks, for every type that can be indexed,
that what this module lets through is what the catalog's restricted search
and ``checkPermission("View")`` allow.

Permission checks for buttons go through :func:`allowed`, the plain Zope
check: ``plone.api.user.has_permission`` also lists every permission of the
site whenever the answer is no, which costs more than the check itself on
a page of fifty items.
"""

from AccessControl import getSecurityManager
from plone import api
from Products.CMFCore.utils import _getAuthenticatedUser


def allowed(permission: str, obj) -> bool:
    """Whether the current user has ``permission`` on ``obj``."""
    return obj is not None and bool(
        getSecurityManager().checkPermission(permission, obj)
    )


class Viewer:
    """The current user's catalog security tokens, read once."""

    def __init__(self, catalog=None):
        self.catalog = catalog or api.portal.get_tool("portal_catalog")
        self._allowed = self.catalog._catalog.indexes["allowedRolesAndUsers"]
        user = _getAuthenticatedUser(self.catalog)
        self.tokens = frozenset(self.catalog._listAllowedRolesAndUsers(user))
        # Whoever may not see inactive content gets an ``effectiveRange``
        # query from Plone's catalog; callers that read brains unrestricted
        # check them with :func:`active` instead.
        self.inactive_ok = allowed("Access inactive portal content", api.portal.get())

    def sees(self, brain) -> bool:
        """The catalog's own security rule, for one brain."""
        return self.sees_rid(brain.getRID())

    def sees_rid(self, rid: int) -> bool:
        """The catalog's own security rule, for one catalog record id."""
        entry = self._allowed.getEntryForObject(rid, None)
        return not self.tokens.isdisjoint(entry or ())

    def search(self, **query):
        """The brains of ``query`` the viewer may see, in the query's order.

        Lazy: a caller that needs a page stops reading after it.
        """
        for brain in self.catalog.unrestrictedSearchResults(**query):
            if self.sees(brain):
                yield brain

    def by_uid(self, uids) -> dict:
        """The brains of ``uids`` the viewer may see, by UID."""
        if not uids:
            return {}
        return {brain.UID: brain for brain in self.search(UID=sorted(uids))}


def active(brain, now) -> bool:
    """Plone's ``effectiveRange`` rule for one brain: effective by ``now``
    (a ``DateTime``), not expired yet."""
    effective = brain.effective
    expires = brain.expires
    if effective and hasattr(effective, "greaterThan") and effective.greaterThan(now):
        return False
    return not (expires and hasattr(expires, "lessThan") and expires.lessThan(now))


def index_entry(catalog, index: str, brain):
    """What index ``index`` holds for ``brain`` (None if nothing)."""
    return catalog._catalog.indexes[index].getEntryForObject(brain.getRID(), None)
