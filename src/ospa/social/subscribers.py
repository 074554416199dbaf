"""Keeping likes and follows consistent when content or users go away."""

from ospa.social.api import comments
from ospa.social.api import communities
from ospa.social.api import following
from ospa.social.api import ideas
from ospa.social.api import likes
from ospa.social.api import settings
from ospa.social.api import stream
from ospa.social.api import users
from ospa.social.interfaces import ICommunity
from zope.container.interfaces import IContainerModifiedEvent


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


def community_added(community, event):
    """A new community: its groups and local roles, its creator as owner.

    A community moved (or renamed) keeps its UID, groups and roster.
    """
    if event.oldParent is not None:
        return
    creator = users.current_userid() or (community.listCreators() or [None])[0]
    communities.setup(community, creator)


def idea_box_added(box, event):
    """A new idea box outside communities is open to every employee.

    Like ``/stream``: the employees' group (``communities.EVERYONE``, not
    ``AuthenticatedUsers``: guests are logged in too) reads it and adds
    ideas (Reader, Contributor). In a community the community's roles
    decide. The per-person support sets are created now, so that the first
    supports do not all write the box's annotations.
    """
    if event.oldParent is None:
        ideas.box_supports(box, create=True)
    if communities.community_of(box) is None:
        roles = set(box.get_local_roles_for_userid(communities.EVERYONE))
        box.manage_setLocalRoles(
            communities.EVERYONE, sorted(roles | {"Reader", "Contributor"})
        )
        box.reindexObjectSecurity()


def idea_box_modified(box, event):
    """New reviewers (local roles) reach the catalog entries inside the box."""
    if getattr(box, "_v_reviewers_changed", False):
        box._v_reviewers_changed = False
        box.reindexObjectSecurity()


def community_modified(community, event):
    if IContainerModifiedEvent.providedBy(event):
        return  # an item came or went: visibility and roles did not change
    communities.apply_settings(community)


def community_removed(community, event):
    if event.newParent is None:
        communities.teardown(community)


def comment_saved(comment, event):
    comments.notify_mentions(comment)


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
