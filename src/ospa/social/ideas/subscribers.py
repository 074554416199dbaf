"""Idea boxes: who may read and add ideas, and the support sets."""

from ospa.social.communities import api as communities
from ospa.social.ideas import api as ideas


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
