"""Plain text people type: @mentions, #hashtags and links.

Text is stored as typed. Rendering escapes everything and turns mentions
of existing users, hashtags and http(s) URLs into links, so that the same
rules hold in comments now and in posts later.
"""

from html import escape
from ospa.social.core import users
from plone import api
from urllib.parse import quote
import re


# @userid: letters, digits, _ . - (a trailing dot ends a sentence, not an id).
MENTION = r"(?<![\w@/])@(?P<mention>[\w][\w.\-]*[\w]|[\w])"
# #tag: Unicode letters and digits (and _), not inside a word or an entity.
HASHTAG = r"(?<![\w&#/])#(?P<hashtag>\w+)"
URL = r"(?P<url>https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])"
TOKENS = re.compile(f"{URL}|{MENTION}|{HASHTAG}", re.UNICODE)


def mentions(text: str) -> list[str]:
    """Ids of existing users mentioned in ``text``, in order, once each."""
    found = []
    for match in TOKENS.finditer(text or ""):
        userid = match.group("mention")
        if userid and userid not in found and users.exists(userid):
            found.append(userid)
    return found


def hashtags(text: str) -> list[str]:
    found = []
    for match in TOKENS.finditer(text or ""):
        tag = match.group("hashtag")
        if tag and tag not in found:
            found.append(tag)
    return found


def render(text: str) -> str:
    """HTML-safe rendering of plain text with its links."""
    portal_url = api.portal.get().absolute_url()
    parts = []
    position = 0
    for match in TOKENS.finditer(text or ""):
        parts.append(escape(text[position : match.start()]))
        position = match.end()
        if match.group("url"):
            url = escape(match.group("url"))
            parts.append(f'<a href="{url}" rel="nofollow noopener">{url}</a>')
        elif match.group("mention") and users.exists(match.group("mention")):
            userid = match.group("mention")
            name = escape(users.summary(userid)["fullname"])
            parts.append(
                f'<a class="ospa-mention" href="{portal_url}/author/'
                f'{quote(userid)}" title="{name}">@{escape(userid)}</a>'
            )
        elif match.group("hashtag"):
            tag = match.group("hashtag")
            parts.append(
                f'<a class="ospa-hashtag" href="{portal_url}/@@hashtag/'
                f'{quote(tag)}">#{escape(tag)}</a>'
            )
        else:
            parts.append(escape(match.group(0)))
    parts.append(escape((text or "")[position:]))
    return "<br />".join("".join(parts).splitlines()) if parts else ""
