"""Who is acting, and how people are shown."""

from AccessControl import Unauthorized
from plone import api
from plone.app.uuid.utils import uuidToCatalogBrain
from urllib.parse import quote
import time


def current_userid() -> str | None:
    """The id of the logged-in user, ``None`` for anonymous visitors."""
    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def exists(userid: str) -> bool:
    if not userid or not isinstance(userid, str):
        return False
    key = (api.portal.get().absolute_url(), userid)
    cached = _known.get(key)
    if cached is not None and cached > time.monotonic():
        return True
    if api.user.get(userid=userid) is None:
        return False
    if len(_known) >= SUMMARY_MAX:
        _known.clear()
    _known[key] = time.monotonic() + SUMMARY_SECONDS
    return True


# Names and portraits are read for every item of every stream page, and a
# PAS look-up costs milliseconds: they are kept for a few minutes per
# process (a name change drops the entry at once, see forget()).
SUMMARY_SECONDS = 300
SUMMARY_MAX = 20000
_summaries: dict = {}
# Users known to exist (mentions are checked whenever text is shown).
_known: dict = {}


def summary(userid: str) -> dict:
    """Id, full name, profile and portrait URL of a user, as lists show them."""
    portal_url = api.portal.get().absolute_url()
    key = (portal_url, userid)
    now = time.monotonic()
    cached = _summaries.get(key)
    if cached is not None and cached[0] > now:
        return dict(cached[1])
    membership = api.portal.get_tool("portal_membership")
    info = membership.getMemberInfo(userid) or {}
    portrait = membership.getPersonalPortrait(userid)
    found = {
        "id": userid,
        "fullname": info.get("fullname") or userid,
        "url": f"{portal_url}/author/{quote(userid)}",
        "portrait": portrait.absolute_url() if portrait is not None else None,
    }
    if len(_summaries) >= SUMMARY_MAX:
        _summaries.clear()
    _summaries[key] = (now + SUMMARY_SECONDS, found)
    return dict(found)


def forget(userid: str | None = None) -> None:
    """Drop the kept summary of ``userid`` (of everybody without one)."""
    if userid is None:
        _summaries.clear()
        _known.clear()
        return
    for cache in (_summaries, _known):
        for key in [key for key in cache if key[1] == userid]:
            cache.pop(key, None)


def properties_updated(event) -> None:
    """A user's properties (their name) changed: show the new name."""
    principal = getattr(event, "principal", None)
    userid = getattr(principal, "getId", lambda: None)()
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
