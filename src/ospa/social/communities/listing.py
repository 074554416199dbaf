"""Lists of communities: one card per community, for REST and Classic UI.

``@communities`` and the card views (``@@my-communities``,
``@@discover-communities``) both call :func:`cards`; what differs is only
how they show it (JSON, or translated titles and local times).

A card is built from the community's catalog brain, never from the
object, and without a query of its own: 500 cards cost about as much as
the catalog query that found them.

- **The community's own data** is catalog metadata: ``Title``,
  ``Description``, ``Subject``, ``UID``, ``modified``, ``getIcon`` (Plone's:
  whether it has an image), ``member_count`` and the columns of this
  add-on ``community_visibility`` and ``community_join_policy``. A roster
  change re-indexes ``member_count`` alone, which also refreshes the
  metadata; an edit of the community re-indexes it whole.
- **The last activity** is *not* metadata of the community. Keeping it
  there would re-index the community on every post, comment and edit
  inside it, and two posts at once in one community would both rewrite
  its catalog record: a ``ConflictError`` on the busiest communities, the
  write hot spot of the site. Nor is it one catalog query per card (what
  this module did: 1.2 s for 500 cards). It is a :class:`Latest` register
  per community, a small persistent object that keeps the newest time
  written to it and resolves concurrent writes by taking the larger
  (``_p_resolveConflict``), so parallel posts never conflict on it; all
  registers sit in one ``OOBTree`` by community UID on the site (written
  only when a community is created). :func:`record_activity` writes it
  when anything inside a community is added, moved in or modified
  (subscribers, ``configure.zcml``); the card shows the later of it and
  the community's own ``modified``.

  The register holds the community's activity as a whole, not "the
  newest item *this viewer* may see", which the per-card query answered.
  So the newest activity is shown only to who may see the content (on the
  roster, a site manager, or an open community); everyone else sees the
  community's own last change, as before. Members may thus see that
  something changed that they may not read (a hidden post, another's
  draft): the time alone, never what or by whom.
- **What concerns the viewer** comes from the viewer, once per list: their
  roles from their community groups (one ``getGroups``); open requests
  and invitations from :func:`pending_uids`, the communities the viewer
  was invited to or asked to join (kept from the roster's events). Only
  for those few is the roster read, so an entry left behind (a request
  withdrawn) costs one check and never shows.
- The Classic UI card's ``<img>`` needs the image's scales: the view
  loads the object for the cards that have an image (``getIcon``), and
  only for them.
"""

from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from DateTime import DateTime
from ospa.social.communities import api as communities
from ospa.social.core import security
from ospa.social.core import users
from ospa.social.core.storage import annotated
from ospa.social.core.storage import Latest
from ospa.social.core.storage import SetMap
from persistent import Persistent
from plone import api
from plone.app.discussion.interfaces import IComment
from zope.lifecycleevent.interfaces import IObjectModifiedEvent
import time


ANNOTATION_KEY = "ospa.social.community_listing"


class ListingData(Persistent):
    """What the cards need beyond the catalog: activity, pending people.

    Never written itself after it is made, only its two structures.
    """

    def __init__(self):
        self.activity = OOBTree()  # community UID -> Latest
        self.pending = SetMap()  # user id -> UIDs with a request/invitation


def data(create: bool = False) -> ListingData | None:
    return annotated(api.portal.get(), ANNOTATION_KEY, ListingData, create)


# -- writing -----------------------------------------------------------------


def _seconds(obj) -> float:
    if IComment.providedBy(obj):
        date = obj.modification_date or obj.creation_date
        return date.timestamp() if date is not None else time.time()
    return obj.modified().timeTime()


def ensure_register(community) -> Latest:
    """The activity register of ``community``, made when it is new."""
    activity = data(create=True).activity
    uid = community.UID()
    found = activity.get(uid)
    if found is None:
        found = activity[uid] = Latest(community.modified().timeTime())
    return found


def forget(community) -> None:
    """A community was deleted: its register goes."""
    found = data()
    if found is not None:
        found.activity.pop(community.UID(), None)


def record_activity(obj, event) -> None:
    """Something in a community was added, moved in or changed."""
    if IObjectModifiedEvent.providedBy(event):
        # An edit, a comment changed: it happens now (the modification
        # date may be set by a later subscriber).
        when = max(time.time(), _seconds(obj))
    elif getattr(event, "newParent", None) is None:
        return  # removed
    else:
        # Added or moved in: as new as the item (imports keep their dates).
        when = _seconds(obj)
    community = communities.community_of(obj)
    if community is None or aq_base(community) is aq_base(obj):
        return
    register = data(create=True).activity.get(community.UID())
    if register is None:
        register = ensure_register(community)
    register.record(when)


def remember_pending(community, userid: str) -> None:
    """``userid`` asked to join or was invited: a candidate for the badge."""
    data(create=True).pending.ensure(userid).add(community.UID())


def forget_pending(community, userid: str) -> None:
    found = data()
    mine = found.pending.get(userid) if found is not None else None
    if mine is not None:
        mine.discard(community.UID())


def pending_uids(userid: str | None) -> frozenset[str]:
    """Communities where ``userid`` may have an open request or invitation."""
    found = data()
    mine = found.pending.get(userid) if found is not None and userid else None
    return frozenset(mine) if mine is not None else frozenset()


# -- reading -----------------------------------------------------------------


class _Viewer:
    """The viewer's side of every card, read once per list."""

    def __init__(self):
        self.userid = users.current_userid()
        self.roles = communities.my_roles(self.userid) if self.userid else {}
        self.pending = pending_uids(self.userid)
        self.manages = bool(self.userid) and security.allowed(
            communities.MANAGE_PERMISSION, api.portal.get()
        )
        found = data()
        self.activity = found.activity if found is not None else {}

    def sees_content(self, uid, visibility) -> bool:
        """:func:`.api.can_see_content` for a community the viewer sees."""
        if self.userid is None:
            return False
        return uid in self.roles or self.manages or visibility == "open"

    def waiting(self, brain) -> str | None:
        """The kind of the viewer's open request or invitation, if any."""
        if brain.UID not in self.pending:
            return None
        found = communities.pending_of(brain._unrestrictedGetObject(), self.userid)
        return found["kind"] if found else None


def last_activity(brain, viewer: _Viewer):
    """The community's last change or, for who sees its content, the
    newest activity inside it (a ``DateTime``)."""
    own = brain.modified
    if not viewer.sees_content(brain.UID, brain.community_visibility):
        return own
    register = viewer.activity.get(brain.UID)
    if register is None or register.value <= own.timeTime():
        return own
    return DateTime(register.value)


def card(brain, viewer: _Viewer | None = None) -> dict:
    """What a card of a community shows, with the viewer's role.

    ``last_activity`` is a ``DateTime`` (:func:`last_activity`); ``brain``
    is kept for the Classic UI (the image's scales).
    """
    viewer = viewer or _Viewer()
    url = brain.getURL()
    role = viewer.roles.get(brain.UID)
    return {
        "@id": url,
        "@type": brain.portal_type,
        "UID": brain.UID,
        "title": brain.Title,
        "description": brain.Description,
        "visibility": brain.community_visibility,
        "join_policy": brain.community_join_policy,
        "member_count": brain.member_count,
        "subjects": list(brain.Subject or ()),
        "last_activity": last_activity(brain, viewer),
        "image": f"{url}/@@images/image" if brain.getIcon else None,
        "role": role,
        "pending": viewer.waiting(brain) if role is None else None,
        "brain": brain,
    }


def cards(brains) -> list[dict]:
    """The cards of the communities of ``brains`` (from :func:`.api.find`)."""
    viewer = _Viewer()
    return [card(brain, viewer) for brain in brains]
