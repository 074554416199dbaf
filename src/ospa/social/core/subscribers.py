"""Keeping likes and follows consistent when content or users go away,
and applying Site Setup."""

from ospa.social.communities import api as communities
from ospa.social.core import settings
from ospa.social.core import users
from ospa.social.following import api as following
from ospa.social.ideas import api as ideas
from ospa.social.interfaces import ICommunity
from ospa.social.likes import api as likes
from ospa.social.stream import query as stream


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
    """A user was deleted: their likes, follows and roster places go."""
    userid = event.principal
    users.forget(userid)
    likes.remove_user(userid)
    ideas.remove_user(userid)
    following.remove_user(userid)
    communities.remove_user_everywhere(userid)


def settings_changed(proxy, event):
    """A record of Site Setup → Social intranet changed: apply it.

    plone.registry re-dispatches record events to a proxy of the schema.
    """
    name = getattr(event.record, "fieldName", "")
    if name == "stream_types":
        changed = set(event.oldValue or ()) ^ set(event.newValue or ())
        stream.reindex(sorted(changed))
    elif name in ("social_types", "comment_types", ""):
        settings.apply()
