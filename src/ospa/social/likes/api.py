"""Likes ("recommend" in the UI) on any content with the likes behaviour.

Each item keeps its likers in an annotation (a :class:`CountedSet`); the
site's :class:`SocialGraph` keeps, per user, the UIDs they like, so that a
user's likes can be found and removed with the user. The count is catalog
metadata (``like_count``), updated by re-indexing only that index.
"""

from AccessControl import Unauthorized
from ospa.social import _
from ospa.social.core import graph
from ospa.social.core import security
from ospa.social.core import storage
from ospa.social.core import users
from ospa.social.core.errors import NotSupported
from ospa.social.core.storage import CountedSet
from ospa.social.events import LikedEvent
from ospa.social.events import UnlikedEvent
from ospa.social.interfaces import ILikeable
from zope.event import notify


ANNOTATION_KEY = "ospa.social.likes"
LIKE_PERMISSION = "ospa.social: Like content"
MAX_PAGE_SIZE = 100
NOT_LIKEABLE = _("error_not_likeable", default="This item cannot be recommended.")


def is_likeable(obj) -> bool:
    return ILikeable.providedBy(obj)


def _likers(obj, create=False) -> CountedSet | None:
    return storage.annotated(obj, ANNOTATION_KEY, CountedSet, create)


def _check_view(obj):
    if not security.allowed("View", obj):
        raise Unauthorized("You may not see this item.")


def _check_can_like(obj) -> str:
    """Return the acting user id if they may like ``obj``, else raise."""
    userid = users.required_userid("Log in to recommend content.")
    if not is_likeable(obj):
        raise NotSupported(NOT_LIKEABLE)
    _check_view(obj)
    if not security.allowed(LIKE_PERMISSION, obj):
        raise Unauthorized("You may not recommend this item.")
    return userid


def can_like(obj) -> bool:
    try:
        _check_can_like(obj)
    except (Unauthorized, NotSupported):
        return False
    return True


def _reindex(obj):
    # Only the like_count index and the metadata: neither the modification
    # date nor the searchable text change when someone likes an item.
    obj.reindexObject(idxs=["like_count"])


def like(obj) -> bool:
    """The current user likes ``obj``; return whether that is new.

    Liking twice changes nothing (and fires no second event).
    """
    userid = _check_can_like(obj)
    if not _likers(obj, create=True).add(userid):
        return False
    graph.get(create=True).liked.ensure(userid).add(obj.UID())
    _reindex(obj)
    notify(LikedEvent(obj, userid))
    return True


def unlike(obj) -> bool:
    """The current user no longer likes ``obj``; return whether they did."""
    userid = _check_can_like(obj)
    likers = _likers(obj)
    if likers is None or not likers.discard(userid):
        return False
    _forget_user_like(userid, obj.UID())
    _reindex(obj)
    notify(UnlikedEvent(obj, userid))
    return True


def _forget_user_like(userid, uid):
    store = graph.get()
    if store is not None:
        liked = store.liked.get(userid)
        if liked is not None:
            liked.discard(uid)


def count(obj) -> int:
    return storage.size(_likers(obj))


def is_liked(obj, userid: str | None = None) -> bool:
    return storage.holds(_likers(obj), userid or users.current_userid())


def likers(obj, start: int = 0, size: int = 20) -> list[str]:
    """A page of the ids of the users who like ``obj``.

    Only someone who may see ``obj`` may see who likes it.
    """
    _check_view(obj)
    found = _likers(obj)
    if found is None:
        return []
    size = max(0, min(size, MAX_PAGE_SIZE))
    return found.slice(max(0, start), size)


def state(obj) -> dict:
    """What a like button needs: the count, my like, whether I may like."""
    return {
        "count": count(obj),
        "liked": is_liked(obj),
        "can_like": can_like(obj),
    }


def liked_uids(userid: str) -> list[str]:
    """The UIDs of everything ``userid`` likes (unfiltered: for maintenance)."""
    store = graph.get()
    liked = store.liked.get(userid) if store is not None else None
    return list(liked) if liked is not None else []


def remove_user(userid: str) -> int:
    """Remove every like of a deleted user; return how many there were."""
    removed = 0
    for uid in liked_uids(userid):
        obj = users.unrestricted_object(uid)
        likers = _likers(obj) if obj is not None else None
        if likers is not None and likers.discard(userid):
            removed += 1
            _reindex(obj)
    store = graph.get()
    if store is not None:
        store.liked.drop(userid)
    return removed


def forget_object(obj) -> None:
    """``obj`` is deleted: drop it from its likers' own lists."""
    likers = _likers(obj)
    if likers is None:
        return
    uid = obj.UID()
    for userid in likers:
        _forget_user_like(userid, uid)
