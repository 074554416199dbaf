"""Stream items: what a page shows of each post, comment, idea or page.

:func:`serialize` turns the brains of a page (found by :mod:`.query`) into
items, with the look-ups of the whole page made once (:class:`_Cache`): the
people, the communities and pages items are about, the viewer's likes and
follows, what the viewer may do with each item, and each post's latest
replies from one query over ``thread_uid``.
"""

from ospa.social.core import graph
from ospa.social.core import security
from ospa.social.core import text as social_text
from ospa.social.core import users
from ospa.social.ideas import api as ideas
from ospa.social.likes import api as likes
from ospa.social.stream import posts
from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate


LATEST_REPLIES = 3
POST_TYPE = posts.POST_TYPE
COMMENT_TYPE = "Discussion Item"
# How long after its creation a change still counts as the creation.
SAME_ACTIVITY_MS = 60 * 1000


class _Cache:
    """Look-ups shared by the items of one page.

    What the viewer may do with an item (``viewer.can_*``) is asked of the
    functions that enforce it (:mod:`.posts`, :mod:`ospa.social.likes.api`)
    on the item itself, so buttons follow the site's workflows and rolemap.
    """

    def __init__(self):
        self.userid = users.current_userid()
        self.people = {}
        # UID -> what a page shows of a community or page (None: not visible)
        self.known = {}
        store = graph.get()
        liked = store.liked.get(self.userid) if store and self.userid else None
        self.liked = liked
        following = (
            store.following["content"].get(self.userid)
            if store and self.userid
            else None
        )
        self.following = following
        self.viewer = security.Viewer()
        # container path -> may the viewer post there
        self.posting = {}

    def prefetch(self, brains):
        """Communities and shared pages of a page of items, in one query."""
        wanted = set()
        for brain in brains:
            if brain.community_uid:
                wanted.add(brain.community_uid)
            info = _info(brain)
            for key in ("about", "on"):
                if info.get(key):
                    wanted.add(info[key])
        wanted -= set(self.known)
        if not wanted:
            return
        # By UID without the catalog's security query (which would combine
        # index sets over the whole site), each brain checked by the same rule.
        found = self.viewer.by_uid(wanted)
        for uid in wanted:
            self._remember(uid, found.get(uid))

    def _remember(self, uid, brain):
        self.known[uid] = (
            {
                "uid": uid,
                "title": brain.Title,
                "@id": brain.getURL(),
                "type": brain.portal_type,
            }
            if brain is not None
            else None
        )

    def person(self, userid):
        if userid not in self.people:
            self.people[userid] = users.summary(userid) if userid else None
        return self.people[userid]

    def item(self, uid):
        """A community or page the viewer may see, by UID (else None)."""
        if not uid:
            return None
        if uid not in self.known:
            self._remember(uid, users.visible_brain(uid))
        return self.known[uid]

    def community(self, uid):
        found = self.item(uid)
        return {key: found[key] for key in ("uid", "title", "@id")} if found else None

    def is_liked(self, uid):
        return self.liked is not None and uid in self.liked

    def is_following(self, uid):
        return self.following is not None and uid in self.following

    def can_post(self, container) -> bool:
        """May the viewer post (and so reply) in ``container``."""
        if not self.userid:
            return False
        key = container.getPhysicalPath()
        if key not in self.posting:
            self.posting[key] = posts.can_post(container)
        return self.posting[key]

    def can_like(self, obj) -> bool:
        return bool(self.userid) and likes.can_like(obj)


def _object(brain):
    """The object of a brain the viewer may see (checked by the search)."""
    return brain._unrestrictedGetObject()


def _date(value):
    return value.ISO8601() if value and hasattr(value, "ISO8601") else None


def _verb(brain) -> str:
    if brain.portal_type == COMMENT_TYPE:
        return "commented"
    created = brain.created.micros() // 1000 if brain.created else 0
    if brain.stream_ts - created <= SAME_ACTIVITY_MS:
        return "published" if brain.review_state == "published" else "created"
    return "updated"


def _info(brain) -> dict:
    info = brain.stream_info
    return info if isinstance(info, dict) else {}


def _post_item(brain, cache) -> dict:
    info = _info(brain)
    post = _object(brain)
    # From the post, not the metadata (see indexers.post_stream_info).
    raw = post.text or ""
    author = brain.Creator
    community_uid = brain.community_uid or None
    is_reply = bool(brain.thread_uid)
    question = info.get("question", False)
    item = {
        "@id": brain.getURL(),
        "uid": brain.UID,
        "kind": "reply" if is_reply else ("question" if question else "post"),
        "verb": "replied" if is_reply else ("asked" if question else "posted"),
        "actor": cache.person(author),
        "object": {
            "@id": brain.getURL(),
            "uid": brain.UID,
            "type": brain.portal_type,
            "title": brain.Title,
            "text": raw,
            "html": social_text.render(raw),
            "attachment": _attachment(brain, info),
            "about": cache.item(info.get("about")),
        },
        "community": cache.community(community_uid),
        "counts": {"likes": brain.like_count or 0, "replies": 0},
        "viewer": {
            "liked": cache.is_liked(brain.UID),
            "following": cache.is_following(brain.UID),
            "can_like": cache.can_like(post),
            "can_reply": not is_reply and cache.can_post(posts.container_of(post)),
            "can_edit": bool(cache.userid) and posts.can_edit(post),
            "can_delete": bool(cache.userid) and posts.can_delete(post),
            "can_moderate": bool(cache.userid) and posts.can_moderate(post),
        },
        "hidden": posts.is_hidden(post),
        "created": _date(brain.created),
        "edited": info.get("edited"),
        "timestamp": brain.stream_ts,
    }
    if is_reply:
        item["in_reply_to"] = brain.thread_uid
    if question:
        item["question"] = {
            "state": "answered" if info.get("accepted") else "open",
            "accepted": info.get("accepted"),
            "can_accept": posts.can_accept(post),
        }
    return item


def _attachment(brain, info):
    found = info.get("attachment")
    if not found:
        return None
    url = brain.getURL()
    is_image = (found.get("content_type") or "").startswith("image/")
    return {
        "filename": found.get("filename"),
        "content_type": found.get("content_type"),
        "size": found.get("size"),
        "@id": f"{url}/@@download/attachment",
        "image": f"{url}/@@images/attachment/preview" if is_image else None,
    }


# What nobody may do with ordinary content and comments in the stream
# (they are edited where they live).
NO_ACTIONS = {
    "can_like": False,
    "can_reply": False,
    "can_edit": False,
    "can_delete": False,
    "can_moderate": False,
}


def _plain_item(brain, cache, *, kind, verb, title, text, about, counts, viewer):
    """An item of content or a comment: the shape every stream item has."""
    url = brain.getURL()
    return {
        "@id": url,
        "uid": brain.UID,
        "kind": kind,
        "verb": verb,
        "actor": cache.person(brain.Creator),
        "object": {
            "@id": url,
            "uid": brain.UID,
            "type": brain.portal_type,
            "title": title,
            "text": text,
            "html": social_text.render(text),
            "attachment": None,
            "about": about,
        },
        "community": cache.community(brain.community_uid or None),
        "counts": counts,
        "viewer": viewer,
        "hidden": False,
        "created": _date(brain.created),
        "edited": None,
        "timestamp": brain.stream_ts,
    }


def _content_item(brain, cache) -> dict:
    return _plain_item(
        brain,
        cache,
        kind="content",
        verb=_verb(brain),
        title=brain.Title,
        text=brain.Description or "",
        about=None,
        counts={
            "likes": brain.like_count or 0,
            "comments": brain.total_comments or 0,
        },
        viewer={
            **NO_ACTIONS,
            "liked": cache.is_liked(brain.UID),
            "following": cache.is_following(brain.UID),
            "can_like": cache.can_like(_object(brain)),
        },
    )


def _comment_item(brain, cache) -> dict:
    info = _info(brain)
    on = cache.item(info.get("on"))
    return _plain_item(
        brain,
        cache,
        kind="comment",
        verb="commented",
        title=on["title"] if on else brain.Title,
        text=info.get("text", ""),
        about=on,
        counts={},
        viewer={
            **NO_ACTIONS,
            "liked": False,
            "following": cache.is_following(info.get("on")),
        },
    )


IDEA_VERBS = {
    "submit": "submitted",
    "review": "review_started",
    "accept": "accepted",
    "decline": "declined",
    "implement": "implemented",
}


def _idea_item(brain, cache) -> dict:
    """An idea, at its latest change of status (submitted, accepted ...)."""
    item = _content_item(brain, cache)
    info = _info(brain)
    state = info.get("status") or brain.review_state
    item["kind"] = "idea"
    item["verb"] = IDEA_VERBS.get(info.get("action"), "submitted")
    raw = info.get("text", "")
    item["object"]["text"] = raw
    item["object"]["html"] = social_text.render(raw)
    item["counts"]["supports"] = brain.support_count or 0
    item["idea"] = {
        "status": state,
        "status_title": translate(
            ideas.STATUS_TITLES.get(state, state), context=getRequest()
        ),
        "answer": info.get("answer"),
    }
    return item


# Kinds of stream items by portal_type; other types are ordinary content.
SERIALIZERS = {POST_TYPE: _post_item, COMMENT_TYPE: _comment_item, "Idea": _idea_item}


def serialize(brains, with_replies: bool = True) -> list[dict]:
    """Stream items for ``brains``; posts carry their latest replies."""
    cache = _Cache()
    cache.prefetch(brains)
    items = []
    for brain in brains:
        make = SERIALIZERS.get(brain.portal_type, _content_item)
        items.append(make(brain, cache))
    if with_replies:
        _attach_replies(items, cache)
    return items


def _attach_replies(items, cache):
    threads = [item["uid"] for item in items if item["kind"] in ("post", "question")]
    if not threads:
        return
    catalog = api.portal.get_tool("portal_catalog")
    by_thread = {uid: [] for uid in threads}
    for brain in catalog(
        portal_type=POST_TYPE,
        thread_uid=threads,
        sort_on="stream_ts",
        sort_order="descending",
    ):
        by_thread[brain.thread_uid].append(brain)
    for item in items:
        if item["uid"] not in by_thread:
            continue
        replies = by_thread[item["uid"]]
        item["counts"]["replies"] = len(replies)
        latest = list(reversed(replies[:LATEST_REPLIES]))
        accepted = (item.get("question") or {}).get("accepted")
        if accepted and accepted not in [brain.UID for brain in latest]:
            # The accepted answer is always shown.
            extra = [brain for brain in replies if accepted == brain.UID]
            latest = extra + latest
        item["replies"] = [_post_item(brain, cache) for brain in latest]
        for reply in item["replies"]:
            reply["accepted"] = reply["uid"] == accepted
