"""Who is acting, and how people are shown."""

from AccessControl import Unauthorized
from BTrees.OOBTree import OOBTree
from plone import api
from plone.app.uuid.utils import uuidToCatalogBrain
from plone.memoize import ram
from urllib.parse import quote
from zope.annotation.interfaces import IAnnotations
import time


def current_userid() -> str | None:
    """The id of the logged-in user, ``None`` for anonymous visitors."""
    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def required_userid(why: str) -> str:
    """The id of the logged-in user; ``Unauthorized(why)`` for anonymous
    visitors (Plone then offers to log in).

    The pages, services and APIs that need someone logged in check it this
    one way; ``why`` is what the refusal says.
    """
    userid = current_userid()
    if userid is None:
        raise Unauthorized(why)
    return userid


# Names and portraits are read for every item of every stream page, and a
# PAS look-up costs milliseconds, so they are kept in Zope's RAM cache
# (plone.memoize). The key holds the person's *version*, a number in the
# site's ZODB that changes whenever their properties change or they are
# deleted: every instance sees a new name at its next request, not minutes
# later. A new portrait does not change properties, so the key also holds
# a five-minute period: a portrait may show late by that much, nothing else.
PORTRAIT_SECONDS = 300
VERSIONS_KEY = "ospa.social.people_versions"


def _versions(create: bool = False):
    annotations = IAnnotations(api.portal.get())
    found = annotations.get(VERSIONS_KEY)
    if found is None and create:
        found = annotations[VERSIONS_KEY] = OOBTree()
    return found


def _version(userid: str) -> int:
    found = _versions()
    return found.get(userid, 0) if found is not None else 0


def _key(function, userid):
    if not userid or not isinstance(userid, str):
        raise ram.DontCache
    return (
        api.portal.get().absolute_url(),
        userid,
        _version(userid),
        _cleared,
        int(time.time() // PORTRAIT_SECONDS),
    )


@ram.cache(_key)
def _exists(userid: str) -> bool:
    return api.user.get(userid=userid) is not None


def exists(userid: str) -> bool:
    if not userid or not isinstance(userid, str):
        return False
    return _exists(userid)


@ram.cache(_key)
def _summary(userid: str) -> dict:
    portal_url = api.portal.get().absolute_url()
    membership = api.portal.get_tool("portal_membership")
    info = membership.getMemberInfo(userid) or {}
    portrait = membership.getPersonalPortrait(userid)
    return {
        "id": userid,
        "fullname": info.get("fullname") or userid,
        "url": f"{portal_url}/author/{quote(userid)}",
        "portrait": portrait.absolute_url() if portrait is not None else None,
    }


def summary(userid: str) -> dict:
    """Id, full name, profile and portrait URL of a user, as lists show them."""
    return dict(_summary(userid))


# Bumped by forget(None): what this process kept before is not used again.
_cleared = 0


def forget(userid: str | None = None) -> None:
    """Show ``userid``'s current name and portrait from now on, on every
    instance (a new version in the ZODB). Without a user id, this process
    drops what it kept of everybody (tests, and after imports of users)."""
    global _cleared
    if userid is None:
        _cleared += 1
        return
    versions = _versions(create=True)
    versions[userid] = versions.get(userid, 0) + 1


def properties_updated(event) -> None:
    """A user's properties (their name) changed: show the new name."""
    principal = getattr(event, "principal", None)
    userid = getattr(principal, "getId", lambda: None)()
    if userid:
        forget(userid)


def visible_brain(uid: str):
    """The catalog brain of ``uid`` if the current user may see it, else None."""
    if not uid or not isinstance(uid, str):
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog(UID=uid)
    return brains[0] if brains else None


def unrestricted_object(uid: str):
    """The object of ``uid`` regardless of permissions (for cleanup only)."""
    brain = uuidToCatalogBrain(uid)
    if brain is None:
        return None
    return brain._unrestrictedGetObject()


SEARCH_LIMIT = 10
SEARCH_MAX_QUERY = 100
# How many users each look-up considers before ranking.
SEARCH_CANDIDATES = 200


def search(q: str, limit: int = SEARCH_LIMIT) -> list[dict]:
    """Users whose id or full name contains ``q``: @mention autocomplete.

    For logged-in users only (``Unauthorized`` otherwise); a guest (no
    employee) finds only the people of the communities they are on, the
    only people they meet. At most 10
    :func:`summary` dicts: ids and names starting with ``q`` first (a name
    also by any of its words), then by full name. A leading ``@`` is
    ignored; an empty query finds nobody.
    """
    if current_userid() is None:
        raise Unauthorized("Log in to look people up.")
    if not isinstance(q, str):
        return []
    q = q.strip().lstrip("@").strip()[:SEARCH_MAX_QUERY]
    if not q:
        return []
    try:
        limit = max(1, min(int(limit), SEARCH_LIMIT))
    except (TypeError, ValueError):
        limit = SEARCH_LIMIT
    acl_users = api.portal.get_tool("acl_users")
    membership = api.portal.get_tool("portal_membership")
    found = {}
    for criteria in ({"id": q}, {"fullname": q}):
        for entry in acl_users.searchUsers(max_results=SEARCH_CANDIDATES, **criteria):
            userid = entry.get("userid") or entry.get("id")
            if userid and userid not in found:
                info = membership.getMemberInfo(userid) or {}
                found[userid] = info.get("fullname") or userid
    allowed = _people_of_my_communities()
    needle = q.casefold()
    ranked = []
    for userid, fullname in found.items():
        if allowed is not None and userid not in allowed:
            continue
        name = fullname.casefold()
        if needle not in userid.casefold() and needle not in name:
            continue
        starts = userid.casefold().startswith(needle) or any(
            word.startswith(needle) for word in name.split()
        )
        ranked.append((not starts, name, userid))
    ranked.sort()
    return [summary(userid) for _starts, _name, userid in ranked[:limit]]


def _people_of_my_communities() -> set[str] | None:
    """Whom a guest may look up (None: an employee, anybody).

    The rosters of the communities on which the current user is, read
    unrestricted: the user is on each of them.
    """
    from ospa.social.communities import api as communities
    from ospa.social.employees import api as employees

    if employees.is_employee():
        return None
    uids = communities.my_community_uids()
    catalog = api.portal.get_tool("portal_catalog")
    people = set()
    for brain in catalog.unrestrictedSearchResults(UID=uids) if uids else ():
        found = communities.roster(brain._unrestrictedGetObject())
        if found is not None:
            people.update(found.roles.keys())
    return people
