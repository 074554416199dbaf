"""What the social views and viewlets share: requests, redirects, people."""

from ospa.social.core import users
from plone import api
from plone.protect.authenticator import createToken
import json


JSON_TYPE = "application/json"


def wants_json(request) -> bool:
    """Whether the request comes from our script (or another API client)."""
    accept = request.getHeader("Accept", "") or ""
    return JSON_TYPE in accept or bool(request.getHeader("X-Requested-With"))


def json_response(request, data, status=200) -> str:
    response = request.response
    response.setStatus(status)
    response.setHeader("Content-Type", f"{JSON_TYPE}; charset=utf-8")
    response.setHeader("Cache-Control", "no-store")
    return json.dumps(data)


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
