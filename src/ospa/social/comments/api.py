"""Comments (plone.app.discussion) as the social layer sees them."""

from Acquisition import aq_inner
from Acquisition import aq_parent
from ospa.social import _
from ospa.social.core import settings
from ospa.social.core import text
from ospa.social.core import users
from ospa.social.core.errors import SocialError
from ospa.social.events import MentionedEvent
from plone import api
from plone.app.discussion.interfaces import IConversation
from zope.event import notify


class CommentError(SocialError):
    """A comment that cannot be saved as written; nothing was stored."""


def commented(comment):
    """The content item a comment is on (its conversation's parent)."""
    return aq_parent(aq_parent(aq_inner(comment)))


def check_text(value) -> str:
    """A comment's text, at most as long as a post may be.

    plone.app.discussion sets no limit: a comment of a megabyte was stored
    and carried whole in every page of the stream.
    """
    limit = settings.post_max_length()
    if isinstance(value, str) and len(value) > limit:
        raise CommentError(
            _(
                "error_comment_too_long",
                default="A comment has at most ${max} characters; "
                "this one has ${length}.",
                mapping={"max": limit, "length": len(value)},
            )
        )
    return value


def enabled(obj) -> bool:
    """Whether people may comment on ``obj`` (global, type and item settings)."""
    view = obj.restrictedTraverse("@@conversation_view", None)
    return bool(view is not None and view.enabled())


def count(obj) -> int:
    """The number of published comments on ``obj``.

    plone.app.discussion's ``total_comments()`` counts only the comments an
    anonymous visitor may view, which on an intranet (and in every closed
    community) is none. A published comment is seen by whoever sees the
    item, so that is what counts here; comments awaiting moderation do not.
    """
    conversation = IConversation(obj, None)
    if conversation is None:
        return 0
    workflow = api.portal.get_tool("portal_workflow")
    return sum(
        1
        for comment in conversation.values()
        if workflow.getInfoFor(comment, "review_state", "published") == "published"
    )


def url(obj) -> str:
    return f"{obj.absolute_url()}#comments"


def notify_mentions(comment) -> tuple[str, ...]:
    """Fire a :class:`MentionedEvent` for the users a comment mentions.

    The author is never notified of mentioning themselves; a user mentioned
    twice is mentioned once. Returns who was mentioned.
    """
    author = comment.author_username or users.current_userid()
    mentioned = [userid for userid in text.mentions(comment.text) if userid != author]
    already = set(getattr(comment, "ospa_mentions", ()))
    new = [userid for userid in mentioned if userid not in already]
    comment.ospa_mentions = tuple(mentioned)
    if new:
        notify(MentionedEvent(comment, author, new))
    return tuple(new)


def resync_security() -> int:
    """Apply the comment workflow's current permissions to every comment.

    A workflow stores its permission settings on each object when it enters
    a state; changing the definition (the add-on's profile makes a comment's
    "Access contents information" follow the content) leaves existing
    comments as they were until this runs. Re-indexes only their security
    index. Returns how many comments were updated.
    """
    catalog = api.portal.get_tool("portal_catalog")
    workflow = api.portal.get_tool("portal_workflow")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Discussion Item"):
        try:
            comment = brain._unrestrictedGetObject()
        except (AttributeError, KeyError):
            continue
        for definition in workflow.getWorkflowsFor(comment):
            definition.updateRoleMappingsFor(comment)
        comment.reindexObject(idxs=["allowedRolesAndUsers"])
        count += 1
    return count
