"""Authorship inside a community: held while the author is on its roster.

Plone gives whoever creates an item the local role Owner on it, and local
roles are inherited by everything inside: the creator of a community, a
folder or an idea box held Owner on every item in it, and kept it after
leaving. Inside a community the roster is the only source of rights, so
nobody holds Owner there (:func:`drop_owner` takes it away when an item
arrives, the community's own in :func:`.api.communities.setup`), and the
community workflows give an author's rights to the role ``Community
Author`` instead, which :class:`CommunityAuthor` grants:

- on an item (not a container) to its owner, while they are on the
  roster of the community it is in. A container's author gets nothing from
  it: the role would be inherited by the items of others inside. Folders
  and idea boxes are the community's, changed by its moderators.
- on an idea, ``Idea Author`` to its owner, on the same condition (outside
  communities the idea keeps the local role ``ideas.idea_added`` sets). An
  idea's only content, its attachments, are the author's own.

Ownership is Zope's (``getOwnerTuple``), which no edit form changes, not
the editable list of creators. The roles give ``View`` on a few states
(hidden posts, draft ideas), so the catalog names the author on those
items: ``communities._set`` re-indexes a person's own items when they join
or leave, never the rest of the community.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from borg.localrole.interfaces import ILocalRoleProvider
from ospa.social.interfaces import ICommunity
from ospa.social.interfaces import IIdea
from plone.dexterity.interfaces import IDexterityContent
from Products.CMFCore.interfaces import IFolderish
from zope.component import adapter
from zope.interface import implementer


AUTHOR_ROLE = "Community Author"
IDEA_AUTHOR_ROLE = "Idea Author"


def owner_of(obj) -> str | None:
    """The user id of the Zope owner of ``obj``, if any.

    Zope stores an owner on an item only when it differs from its
    container's (whoever creates an item in their own folder owns it by
    containment), so it is looked up along the containment path.
    """
    owner = getattr(aq_inner(obj), "getOwnerTuple", None)
    found = owner() if owner is not None else None
    return found[1] if found else None


def author_role(obj) -> str | None:
    """The role the author of ``obj`` holds on it inside a community."""
    if IIdea.providedBy(obj):
        return IDEA_AUTHOR_ROLE
    if ICommunity.providedBy(obj) or IFolderish.providedBy(obj):
        return None
    return AUTHOR_ROLE


@adapter(IDexterityContent)
@implementer(ILocalRoleProvider)
class CommunityAuthor:
    """Gives an item's owner its author role while on its community's roster.

    borg.localrole asks this for every object on the way from the checked
    one up to the site, for each of the user's principals: the common
    answer (not the owner) is found without looking for the community.
    """

    def __init__(self, context):
        self.context = context

    def _author(self) -> tuple[str, str] | None:
        context = aq_inner(self.context)
        role = author_role(context)
        userid = owner_of(context) if role is not None else None
        if userid is None:
            return None
        from ospa.social.communities import api as communities

        community = communities.community_of(aq_parent(context))
        if community is None or communities.role_of(community, userid) is None:
            return None
        return userid, role

    def getRoles(self, principal_id):
        """``(role,)`` for the item's owner on the roster, else ``()``."""
        if principal_id is None or principal_id != owner_of(self.context):
            return ()
        found = self._author()
        return (found[1],) if found is not None else ()

    def getAllRoles(self):
        """The author and their role, for the catalog's security index."""
        found = self._author()
        if found is not None:
            yield found[0], (found[1],)


def drop_owner(obj, event):
    """An item arrived in a community: nobody holds Owner on it.

    A copy keeps the local roles of the original, a new item has its
    creator's: inside a community the roster and :class:`CommunityAuthor`
    decide, and an inherited Owner would give rights over others' items
    (and Plone's sharing and add permissions) to people off the roster.
    """
    from ospa.social.communities import api as communities

    if ICommunity.providedBy(obj):
        return  # communities.setup decides about the community's own
    if communities.community_of(aq_parent(aq_inner(obj))) is None:
        return
    if remove_owner_roles(obj):
        obj.reindexObject(idxs=["allowedRolesAndUsers"])


def remove_local_role(obj, role: str) -> bool:
    """Take the local role ``role`` from everyone on ``obj``; whether any
    held it."""
    changed = False
    for principal, roles in list(obj.get_local_roles()):
        if role not in roles:
            continue
        rest = [held for held in roles if held != role]
        if rest:
            obj.manage_setLocalRoles(principal, rest)
        else:
            obj.manage_delLocalRoles([principal])
        changed = True
    return changed


def remove_owner_roles(obj) -> bool:
    """Take the local role Owner from everyone on ``obj``; whether it held any."""
    return remove_local_role(obj, "Owner")
