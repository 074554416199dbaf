"""plone.app.discussion's comments viewlet with @mentions and #hashtags as links."""

from ospa.social.comments import api as comments
from ospa.social.core import text
from ospa.social.interfaces import IOspaSocialLayer
from plone.app.discussion.browser.comments import CommentsViewlet as BaseCommentsViewlet
from plone.app.discussion.interfaces import IComment
from plone.app.discussion.interfaces import IDiscussionSettings
from plone.registry.interfaces import IRegistry
from z3c.form import validator
from zope.component import queryUtility
from zope.interface import Invalid


PLAIN_TEXT_TYPES = ("text/plain", "text/x-web-intelligent")


def source_type(comment) -> str | None:
    """The comment's text format; as plone.app.discussion defaults it."""
    mime_type = getattr(comment, "mime_type", None)
    if mime_type is None:
        registry = queryUtility(IRegistry)
        settings = registry.forInterface(IDiscussionSettings, check=False)
        mime_type = settings.text_transform
    return mime_type


class MentionsComment:
    """A comment whose plain text renders mentions, hashtags and URLs as links.

    Every other attribute is the real comment's, looked up on the
    acquisition-wrapped comment, so that permission checks, workflow state
    and URLs are unchanged. Not callable, like a comment: page templates
    must not call it when they traverse to it.
    """

    __slots__ = ("_comment",)

    def __init__(self, comment):
        self._comment = comment

    def __getattr__(self, name):
        return getattr(self._comment, name)

    def __repr__(self):
        return f"<MentionsComment of {self._comment!r}>"

    # Page templates reach ``reply/getText`` through (un)restrictedTraverse,
    # since comments are traversable: answer that name ourselves.

    def restrictedTraverse(self, path, *default):
        if path in ("getText", ("getText",), ["getText"]):
            return self.getText
        return self._comment.restrictedTraverse(path, *default)

    def unrestrictedTraverse(self, path, *args, **kwargs):
        if path in ("getText", ("getText",), ["getText"]):
            return self.getText
        return self._comment.unrestrictedTraverse(path, *args, **kwargs)

    def getText(self, targetMimetype=None):
        comment = self._comment
        html = targetMimetype in (None, "text/html", "text/x-html-safe")
        if html and source_type(comment) in PLAIN_TEXT_TYPES:
            return text.render(comment.text or "")
        return comment.getText(targetMimetype)


class CommentsViewlet(BaseCommentsViewlet):
    """``plone.comments`` for our layer: the same template, other comment text."""

    def get_replies(self, workflow_actions=False):
        replies = super().get_replies(workflow_actions)
        if replies is None:
            return None
        return (self._with_mentions(reply) for reply in replies)

    @staticmethod
    def _with_mentions(reply: dict) -> dict:
        reply = dict(reply)
        reply["comment"] = MentionsComment(reply["comment"])
        return reply

    def render(self):
        # The social bar's comment count links to #comments: give it a target.
        html = super().render()
        if not html or not html.strip():
            return html
        return f'<div id="comments" class="ospa-comments">{html}</div>'


class CommentTextValidator(validator.SimpleFieldValidator):
    """plone.app.discussion's comment forms (add and edit, also behind
    plone.restapi's ``@comments``) refuse a text longer than a post may be:
    a form error in Classic UI, a 400 with the message over REST."""

    def validate(self, value):
        super().validate(value)
        try:
            comments.check_text(value)
        except comments.CommentError as error:
            raise Invalid(error.text(self.request)) from None


validator.WidgetValidatorDiscriminators(
    CommentTextValidator, request=IOspaSocialLayer, field=IComment["text"]
)
