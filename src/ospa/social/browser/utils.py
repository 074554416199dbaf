"""What the social views and viewlets share: requests, redirects, people."""

from ospa.social.core import users
from plone import api
from plone.protect.authenticator import createToken
from zope.i18n import translate
from zope.i18nmessageid import Message


def safe_url(url) -> str | None:
    """``url`` if it leads into this site, else None (no open redirects)."""
    if not isinstance(url, str) or not url.strip():
        return None
    portal_url = api.portal.get_tool("portal_url")
    return url if portal_url.isURLInPortal(url) else None


def portal_url() -> str:
    """The site's URL, where the views' links to site-wide pages start."""
    return api.portal.get().absolute_url()


class TypeTitles:
    """For views: :meth:`type_title`, each content type's title looked up
    and translated once a view.

    The community pages and the stream both name the type of every item
    they list ("Page", "Event"); the lookup and its cache are this one.
    """

    def type_title(self, portal_type) -> str:
        titles = self.__dict__.setdefault("_type_titles", {})
        if portal_type not in titles:
            fti = api.portal.get_tool("portal_types").getTypeInfo(portal_type)
            title = fti.Title() if fti is not None else portal_type
            titles[portal_type] = translate(title, domain="plone", context=self.request)
        return titles[portal_type]


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


def rich_text_html(context, name: str) -> str:
    """The rich-text field ``name`` of ``context`` as Plone's safe HTML
    transform gives it, or "" when it is missing or empty.

    A community's guidelines and an idea's proposal are shown the same
    way; links in them are resolved relative to ``context``.
    """
    value = getattr(context, name, None)
    if value is None or not getattr(value, "raw", ""):
        return ""
    return value.output_relative_to(context) or ""


def translated(request, message) -> str:
    """``message`` in the language of ``request``: what the views' Python
    (titles, counts, labels in their dicts) shows, where a template cannot
    translate it."""
    return translate(message, context=request)


def count_text(request, count: int, one: Message, many: Message) -> str:
    """``one`` if ``count`` is 1, else ``many`` with ``${count}`` filled in,
    translated for ``request``.

    The counts of the stream and of the ideas ("1 reply", "5 supports")
    choose between their two messages the same way; the messages stay
    where they are shown.
    """
    if count == 1:
        return translated(request, one)
    return translated(request, Message(many, mapping={"count": count}))


def token() -> str:
    """The CSRF token our forms send as ``_authenticator``."""
    return createToken()
