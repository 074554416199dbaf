"""Communities' life: groups and roles when one is added, changed or removed."""

from ospa.social.communities import api as communities
from ospa.social.communities import listing
from ospa.social.core import users
from zope.container.interfaces import IContainerModifiedEvent


def community_added(community, event):
    """A new community: its groups and local roles, its creator as owner.

    A community moved (or renamed) keeps its UID, groups and roster.
    """
    if event.oldParent is not None:
        return
    creator = users.current_userid() or (community.listCreators() or [None])[0]
    communities.setup(community, creator)
    listing.ensure_register(community)


def community_modified(community, event):
    if IContainerModifiedEvent.providedBy(event):
        return  # an item came or went: visibility and roles did not change
    communities.apply_settings(community)


def community_removed(community, event):
    if event.newParent is None:
        communities.teardown(community)
        listing.forget(community)


def content_changed(obj, event):
    """Activity inside a community: its cards' last activity (listing.py)."""
    if IContainerModifiedEvent.providedBy(event):
        return  # the item that came or went is its own event
    listing.record_activity(obj, event)


def pending_added(community, event):
    """A request or invitation: the card shows its badge (listing.py)."""
    listing.remember_pending(community, event.userid)


def pending_ended(community, event):
    listing.forget_pending(community, event.userid)
