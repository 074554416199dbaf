"""What the social views and viewlets share: requests, redirects, people."""

from ospa.social.core import users
from plone import api
from plone.protect.authenticator import createToken


def safe_url(url) -> str | None:
    """``url`` if it leads into this site, else None (no open redirects)."""
    if not isinstance(url, str) or not url.strip():
        return None
    portal_url = api.portal.get_tool("portal_url")
    return url if portal_url.isURLInPortal(url) else None


def person(userid: str) -> dict:
    """A user as our lists and JSON show them: id, full name, author page."""
    found = users.summary(userid)
    return {"id": found["id"], "fullname": found["fullname"], "url": found["url"]}


def token() -> str:
    """The CSRF token our forms send as ``_authenticator``."""
    return createToken()
