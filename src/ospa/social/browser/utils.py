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


def form_string(value) -> str:
    """A form value as one trimmed string ("" for a missing or repeated field).

    The forms of the stream and of the ideas read their one-line fields
    (UIDs, names of transitions) the same way, so both use this one.
    """
    return value.strip() if isinstance(value, str) else ""


def form_text(value):
    """Text as typed, with the browser's CRLF line ends made LF.

    A textarea sends CRLF; the APIs count and store LF. Shared by the
    stream's and the ideas' forms; anything but a string passes unchanged
    (the API answers with its message about it).
    """
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def token() -> str:
    """The CSRF token our forms send as ``_authenticator``."""
    return createToken()
