"""Following people, communities, tags and content items.

A follow is stored twice in the site's :class:`SocialGraph`: under the
follower (what I follow) and under the target (who follows it), each in a
:class:`CountedSet`, so that both lists and both counts are cheap.
"""

from AccessControl import Unauthorized
from ospa.social import _
from ospa.social.core import graph
from ospa.social.core import security
from ospa.social.core import users
from ospa.social.core.errors import check_choice
from ospa.social.core.errors import InvalidTarget
from ospa.social.core.storage import FOLLOW_KINDS
from ospa.social.events import FollowedEvent
from ospa.social.events import UnfollowedEvent
from ospa.social.interfaces import ICommunity
from ospa.social.interfaces import IFollowable
from plone import api
from urllib.parse import quote
from zope.event import notify
import unicodedata


FOLLOW_PERMISSION = "ospa.social: Follow"
VIEW_FOLLOWERS_PERMISSION = "ospa.social: View followers"
MAX_TAG_LENGTH = 100
MAX_PAGE_SIZE = 100


def normalise_tag(tag: str) -> str:
    """A tag as stored: without a leading ``#``, trimmed, NFC."""
    return unicodedata.normalize("NFC", tag.strip()).lstrip("#").strip()


def tag_exists(tag: str) -> bool:
    """Whether content the current user may see carries ``tag``."""
    catalog = api.portal.get_tool("portal_catalog")
    if len(catalog(Subject=tag, sort_limit=1)):
        return True
    # Hashtags are indexed case-folded (ospa.social.stream.posts.hashtag_key).
    key = normalise_tag(tag).casefold()
    return "hashtags" in catalog.indexes() and bool(
        len(catalog(hashtags=key, sort_limit=1))
    )


def _check_kind(kind) -> str:
    return check_choice(
        kind,
        FOLLOW_KINDS,
        InvalidTarget,
        _(
            "error_unknown_kind",
            default="Unknown kind ${kind}: use user, community, tag or content.",
        ),
        "kind",
    )


def _check_target_string(target) -> str:
    if not isinstance(target, str) or not target.strip():
        raise InvalidTarget(
            _(
                "error_missing_target",
                default="Say what to follow: a target is missing.",
            )
        )
    return target.strip()


def _normalised_target(kind, target) -> str:
    """A non-empty target string, tags without their ``#``."""
    target = _check_target_string(target)
    if kind == "tag":
        target = _check_target_string(normalise_tag(target))
    return target


def _followable_object(kind, target):
    """The object a content or community UID names, if the user may see it."""
    brain = users.visible_brain(target)
    obj = brain.getObject() if brain is not None else None
    marker = ICommunity if kind == "community" else IFollowable
    if obj is None or not marker.providedBy(obj):
        raise InvalidTarget(
            _(
                "error_unknown_uid",
                default="There is no ${kind} with the UID ${uid} that you can follow.",
                mapping={"kind": kind, "uid": target[:50]},
            )
        )
    return obj


def validate(kind, target, userid: str | None = None) -> str:
    """Check a target the current user wants to follow; return it normalised."""
    kind = _check_kind(kind)
    target = _check_target_string(target)
    if kind == "tag":
        target = normalise_tag(target)
    if kind == "user" and target == userid:
        raise InvalidTarget(
            _("error_follow_self", default="You cannot follow yourself.")
        )
    _check_target_visible(kind, target)
    return target


def can_follow() -> bool:
    """Whether the current user may follow at all (each target is checked later)."""
    try:
        _check_can_follow()
    except Unauthorized:
        return False
    return True


def _check_can_follow() -> str:
    userid = users.current_userid()
    if userid is None:
        raise Unauthorized("Log in to follow.")
    if not security.allowed(FOLLOW_PERMISSION, api.portal.get()):
        raise Unauthorized("You may not follow.")
    return userid


def follow(kind: str, target: str) -> bool:
    """The current user follows ``target``; return whether that is new."""
    userid = _check_can_follow()
    target = validate(kind, target, userid)
    store = graph.get(create=True)
    if not store.following[kind].ensure(userid).add(target):
        return False
    store.followers[kind].ensure(target).add(userid)
    notify(FollowedEvent(userid, kind, target))
    return True


def unfollow(kind: str, target: str) -> bool:
    """The current user stops following; return whether they followed.

    Unfollowing needs no valid target: what was followed may be gone.
    """
    userid = _check_can_follow()
    kind = _check_kind(kind)
    target = _normalised_target(kind, target)
    if not _remove(userid, kind, target):
        return False
    notify(UnfollowedEvent(userid, kind, target))
    return True


def _remove(userid, kind, target) -> bool:
    store = graph.get()
    if store is None:
        return False
    mine = store.following[kind].get(userid)
    if mine is None or not mine.discard(target):
        return False
    theirs = store.followers[kind].get(target)
    if theirs is not None:
        theirs.discard(userid)
    return True


def is_following(kind: str, target: str, userid: str | None = None) -> bool:
    userid = userid or users.current_userid()
    store = graph.get()
    if not userid or store is None or kind not in FOLLOW_KINDS:
        return False
    try:
        target = _normalised_target(kind, target)
    except InvalidTarget:
        return False
    mine = store.following[kind].get(userid)
    return mine is not None and target in mine


def target_of(obj) -> tuple[str, str]:
    """The kind and target under which ``obj`` is followed."""
    return ("community" if ICommunity.providedBy(obj) else "content", obj.UID())


def describe(kind: str, target: str) -> dict | None:
    """A followed target as lists show it; None if the viewer may not see it."""
    if kind == "user":
        return _describe_user(target)
    if kind == "tag":
        return _describe_tag(target) if tag_exists(target) else None
    return _describe_brain(kind, target, users.visible_brain(target))


def _describe_user(target: str) -> dict | None:
    if not users.exists(target):
        return None
    found = users.summary(target)
    return {"kind": "user", "target": target, "title": found["fullname"], **found}


def _describe_tag(target: str) -> dict:
    portal_url = api.portal.get().absolute_url()
    return {
        "kind": "tag",
        "target": target,
        "title": f"#{target}",
        "url": f"{portal_url}/@@hashtag/{quote(target)}",
    }


def _describe_brain(kind: str, target: str, brain) -> dict | None:
    if brain is None:
        return None
    return {
        "kind": kind,
        "target": target,
        "title": brain.Title,
        "url": brain.getURL(),
        "type": brain.portal_type,
    }


def existing_tags(tags) -> set[str]:
    """Those of ``tags`` that :func:`tag_exists`: two catalog queries in all.

    One search for every tag as a subject, one for every hashtag key; each
    is read only until every tag has been seen (the subjects are metadata,
    the hashtags the index's entry of the brain).
    """
    wanted = set(tags)
    found = set()
    if not wanted:
        return found
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog(Subject=sorted(wanted)):
        found.update(wanted.intersection(brain.Subject or ()))
        if found == wanted:
            return found
    if "hashtags" not in catalog.indexes():
        return found
    keys = {}
    for tag in wanted - found:
        keys.setdefault(normalise_tag(tag).casefold(), set()).add(tag)
    for brain in catalog(hashtags=sorted(keys)):
        for key in security.index_entry(catalog, "hashtags", brain) or ():
            found.update(keys.pop(key, ()))
        if not keys:
            break
    return found


def following(kind: str | None = None) -> dict:
    """What the current user follows, by kind, as far as they may see it.

    Whatever the number of targets: one catalog query for all followed
    content and communities (by UID, the viewer's security filter), two
    for all tags (:func:`existing_tags`); people come from the cache of
    people (:func:`.users.summary`).
    """
    userid = _check_can_follow()
    kinds = (_check_kind(kind),) if kind else FOLLOW_KINDS
    store = graph.get()
    mine = {}
    for each in kinds:
        found = store.following[each].get(userid) if store is not None else None
        mine[each] = list(found or ())
    uids = [t for each in ("content", "community") for t in mine.get(each, ())]
    brains = {}
    if uids:
        catalog = api.portal.get_tool("portal_catalog")
        brains = {brain.UID: brain for brain in catalog(UID=sorted(set(uids)))}
    tags = existing_tags(mine.get("tag", ()))
    result = {}
    for each, targets in mine.items():
        if each == "user":
            described = (_describe_user(target) for target in targets)
        elif each == "tag":
            described = (_describe_tag(t) for t in targets if t in tags)
        else:
            described = (
                _describe_brain(each, target, brains.get(target)) for target in targets
            )
        result[each] = [item for item in described if item is not None]
    return result


def _check_target_visible(kind, target):
    """Raise unless the target exists and the current user may see it."""
    if kind in ("content", "community"):
        _followable_object(kind, target)
    elif kind == "tag" and (
        not target or len(target) > MAX_TAG_LENGTH or not tag_exists(target)
    ):
        raise InvalidTarget(
            _(
                "error_unknown_tag",
                default="No content you can see is tagged ${tag}.",
                mapping={"tag": target[:50]},
            )
        )
    elif kind == "user" and not users.exists(target):
        raise InvalidTarget(
            _(
                "error_unknown_user",
                default="There is no user ${user}.",
                mapping={"user": target[:50]},
            )
        )


def followers_count(kind: str, target: str) -> int:
    _check_kind(kind)
    store = graph.get()
    return store.followers[kind].count(target) if store is not None else 0


def can_list_followers() -> bool:
    return security.allowed(VIEW_FOLLOWERS_PERMISSION, api.portal.get())


def followers(kind: str, target: str, start: int = 0, size: int = 20) -> dict:
    """Count and, where the viewer may list people, a page of followers."""
    _check_kind(kind)
    target = _normalised_target(kind, target)
    _check_target_visible(kind, target)
    result = {"count": followers_count(kind, target), "items": None}
    if can_list_followers():
        store = graph.get()
        theirs = store.followers[kind].get(target) if store is not None else None
        size = max(0, min(size, MAX_PAGE_SIZE))
        page = theirs.slice(max(0, start), size) if theirs is not None else []
        result["items"] = [users.summary(userid) for userid in page]
    return result


def forget_target(kind: str, target: str) -> None:
    """``target`` is gone: remove it from everyone who followed it."""
    store = graph.get()
    if store is None:
        return
    theirs = store.followers[kind].drop(target)
    for userid in theirs or ():
        mine = store.following[kind].get(userid)
        if mine is not None:
            mine.discard(target)


def remove_user(userid: str) -> None:
    """A user is deleted: their follows and their followers go with them."""
    store = graph.get()
    if store is None:
        return
    for kind in FOLLOW_KINDS:
        mine = store.following[kind].drop(userid)
        for target in mine or ():
            theirs = store.followers[kind].get(target)
            if theirs is not None:
                theirs.discard(userid)
    forget_target("user", userid)
