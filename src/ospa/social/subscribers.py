"""Keeping likes and follows consistent when content or users go away."""

from ospa.social.api import comments
from ospa.social.api import following
from ospa.social.api import likes
from ospa.social.api import settings
from ospa.social.interfaces import ICommunity


def content_removed(obj, event):
    """A likeable or followable item was deleted (not moved)."""
    if event.newParent is not None:
        return
    uid = obj.UID()
    if not uid:
        return
    likes.forget_object(obj)
    following.forget_target(
        "community" if ICommunity.providedBy(obj) else "content", uid
    )


def principal_deleted(event):
    """A user was deleted: remove their likes and follows everywhere."""
    userid = event.principal
    likes.remove_user(userid)
    following.remove_user(userid)


def comment_saved(comment, event):
    comments.notify_mentions(comment)


def settings_changed(proxy, event):
    """A record of Site Setup → Social intranet changed: apply it.

    plone.registry re-dispatches record events to a proxy of the schema.
    """
    settings.apply()
