"""Who is acting, and how people are shown."""

from plone import api
from plone.app.uuid.utils import uuidToCatalogBrain
from urllib.parse import quote


def current_userid() -> str | None:
    """The id of the logged-in user, ``None`` for anonymous visitors."""
    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def exists(userid: str) -> bool:
    return bool(userid) and api.user.get(userid=userid) is not None


def summary(userid: str) -> dict:
    """Id, full name, profile and portrait URL of a user, as lists show them."""
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
