"""The ``Post`` type: a short plain-text message, a reply or a question.

A post lives in a community (its members post; it is as visible as the
community's content) or in ``/stream`` (every employee posts to everyone).
A reply is a post with ``in_reply_to`` set, in the same place as the post
it answers; replies form one level under their post.

The text is stored as typed and never as HTML: :func:`ospa.social.core.text.render`
escapes it and links mentions, hashtags and URLs when it is shown. The
field constraints read their limits from the registry, so the add form,
the composer and a REST ``POST`` refuse the same input with the same
message.
"""

from ospa.social import _
from ospa.social.interfaces import IPost
from plone.app.content.interfaces import INameFromTitle
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.component import adapter
from zope.interface import implementer
import os
import time


TITLE_LENGTH = 80


def _checked_by(name: str):
    """A field constraint that runs ``posts.<name>`` on the value.

    The checks live in :mod:`ospa.social.stream.posts`, so the add form,
    the composer and REST refuse the same input with the same message; one
    factory serves the four fields instead of four copies of a wrapper.
    ``posts`` is imported when a value is checked, not when the schema
    loads.
    """

    def constraint(value) -> bool:
        from ospa.social.stream import posts

        getattr(posts, name)(value)
        return True

    return constraint


class IPostSchema(model.Schema):
    """What a post holds."""

    text = schema.Text(
        title=_("label_post_text", default="Text"),
        description=_(
            "help_post_text",
            default="Plain text. @name mentions a colleague, #tag adds a hashtag, "
            "web addresses become links.",
        ),
        required=True,
        constraint=_checked_by("check_text"),
    )

    attachment = NamedBlobFile(
        title=_("label_post_attachment", default="Image or file"),
        required=False,
        constraint=_checked_by("check_attachment"),
    )

    question = schema.Bool(
        title=_("label_post_question", default="This is a question"),
        description=_(
            "help_post_question",
            default="Colleagues answer with replies; you accept the best one.",
        ),
        required=False,
        default=False,
    )

    about = schema.TextLine(
        title=_("label_post_about", default="About (UID of a page)"),
        required=False,
        constraint=_checked_by("check_about"),
    )

    in_reply_to = schema.TextLine(
        title=_("label_post_in_reply_to", default="Reply to (UID of a post)"),
        required=False,
        constraint=_checked_by("check_reply_target"),
    )


@implementer(IPost)
class Post(Item):
    """A post. Its title is the start of its text (for search and navigation)."""

    text = ""
    question = False
    about = None
    in_reply_to = None
    attachment = None
    # The UID of the accepted reply of a question.
    accepted_answer = None
    # When the author last changed the text (a datetime), else None.
    edited = None
    # Posts are not versioned or locked, and they are not Dexterity-ordered.
    exclude_from_nav = True

    @property
    def title(self):
        text = " ".join((self.text or "").split())
        if len(text) > TITLE_LENGTH:
            text = text[: TITLE_LENGTH - 1].rstrip() + "…"
        return text

    @title.setter
    def title(self, value):
        """The title follows the text; a title given is ignored."""

    def Title(self):
        return self.title

    def Description(self):
        return ""

    @property
    def is_reply(self) -> bool:
        return bool(self.in_reply_to)


@implementer(INameFromTitle)
@adapter(IPost)
class PostName:
    """Short unique ids (``p-<time><random>``) instead of ids from the text."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        stamp = _base36(int(time.time() * 1000))
        return f"p-{stamp}{os.urandom(3).hex()}"


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out or "0"
