"""Catalog indexers of the activity stream: posts, stream content and comments on it."""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from datetime import UTC
from ospa.social.comments import api as comments
from ospa.social.communities import api as communities
from ospa.social.core import settings
from ospa.social.core import text
from ospa.social.interfaces import ICommunity
from ospa.social.interfaces import IPost
from ospa.social.stream import posts
from plone.app.discussion.interfaces import IComment
from plone.dexterity.interfaces import IDexterityContent
from plone.indexer import indexer
import time


# -- the activity stream ---------------------------------------------------
#
# ``in_stream`` marks what the stream lists: top-level posts, ordinary
# content of the stream types and comments on it. ``stream_ts`` orders it
# (milliseconds: posts by creation, content by its last change, comments by
# creation); replies carry it too, to order their thread, but are not in
# the stream themselves. Objects an indexer does not apply to raise
# AttributeError, so the index leaves them out.


def _ms(value) -> int:
    """Milliseconds since the epoch of a DateTime or (naive UTC) datetime."""
    if value is None:
        raise AttributeError("no date")
    if hasattr(value, "micros"):
        return value.micros() // 1000
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp() * 1000)


def _is_stream_content(obj) -> bool:
    return (
        not IPost.providedBy(obj)
        and not ICommunity.providedBy(obj)
        and obj.portal_type in settings.stream_types()
    )


@indexer(IDexterityContent)
def in_stream(obj):
    if IPost.providedBy(obj):
        if obj.in_reply_to:
            raise AttributeError("replies are shown under their post")
        return True
    if _is_stream_content(obj):
        return True
    raise AttributeError("not in the stream")


@indexer(IComment)
def comment_in_stream(comment):
    content = comments.commented(comment)
    if content is not None and _is_stream_content(content):
        return True
    raise AttributeError("not in the stream")


@indexer(IDexterityContent)
def stream_ts(obj):
    if IPost.providedBy(obj):
        return _ms(obj.created())
    if _is_stream_content(obj):
        return _ms(obj.modified())
    raise AttributeError("not in the stream")


@indexer(IComment)
def comment_stream_ts(comment):
    """plone.app.discussion keeps whole seconds: a comment indexed as it is
    added gets the current millisecond within its second, so that it sorts
    after what happened earlier in the same second."""
    created = _ms(comment.creation_date)
    return max(created, min(int(time.time() * 1000), created + 999))


@indexer(IDexterityContent)
def community_uid(obj):
    """The UID of the community an item is in (not of the community itself)."""
    found = communities.community_of(aq_parent(aq_inner(obj)))
    if found is None:
        raise AttributeError("not in a community")
    return found.UID()


@indexer(IComment)
def comment_community_uid(comment):
    content = comments.commented(comment)
    found = communities.community_of(content) if content is not None else None
    if found is None:
        raise AttributeError("not in a community")
    return found.UID()


@indexer(IPost)
def thread_uid(obj):
    """A reply's thread is the post it answers."""
    if not obj.in_reply_to:
        raise AttributeError("not a reply")
    return obj.in_reply_to


@indexer(IPost)
def post_in_reply_to(obj):
    """Not in plone.app.discussion's ``in_reply_to`` index: it holds comment
    ids (integers), a post's is a UID; ``thread_uid`` indexes that."""
    raise AttributeError("in_reply_to of posts is indexed as thread_uid")


@indexer(IComment)
def comment_thread_uid(comment):
    """A comment's thread is the content it is on."""
    content = comments.commented(comment)
    if content is None or not hasattr(aq_base(content), "UID"):
        raise AttributeError("no content")
    return content.UID()


@indexer(IDexterityContent)
def content_hashtags(obj):
    """Posts: the #tags in their text; other content: its tags (Subject)."""
    tags = text.hashtags(obj.text) if IPost.providedBy(obj) else obj.Subject()
    return sorted({posts.hashtag_key(tag) for tag in tags if tag})


@indexer(IComment)
def comment_hashtags(comment):
    return sorted({posts.hashtag_key(tag) for tag in text.hashtags(comment.text)})


@indexer(IPost)
def post_mentions(obj):
    return text.mentions(obj.text)


@indexer(IComment)
def comment_mentions(comment):
    return text.mentions(comment.text)


@indexer(IPost)
def question_state(obj):
    found = posts.question_state(obj)
    if found is None:
        raise AttributeError("not a question")
    return found


@indexer(IPost)
def post_searchable_text(obj):
    parts = [obj.text or ""]
    if obj.attachment is not None and obj.attachment.filename:
        parts.append(obj.attachment.filename)
    return " ".join(parts)


@indexer(IPost)
def post_stream_info(obj):
    """What the stream needs of a post besides the indexes' columns.

    Not the text: an item shows the whole text (and its edit form holds
    it), and the stream loads the post anyway for what the viewer may do
    with it (like, reply, edit, delete, moderate, hidden), so the text is
    read from the post. As metadata it was a second copy of every post in
    the catalog, loaded with every brain of every stream, hashtag and
    search query (up to 1,000 characters, ten times the rest).
    """
    attachment = None
    if obj.attachment is not None:
        attachment = {
            "filename": obj.attachment.filename,
            "content_type": obj.attachment.contentType,
            "size": obj.attachment.getSize(),
        }
    return {
        "question": bool(obj.question) and not obj.in_reply_to,
        "accepted": obj.accepted_answer,
        "about": obj.about or None,
        "edited": obj.edited.isoformat() if obj.edited else None,
        "attachment": attachment,
    }


@indexer(IComment)
def comment_stream_info(comment):
    content = comments.commented(comment)
    return {
        "text": comment.text or "",
        "on": content.UID() if content is not None else None,
        "comment_id": comment.getId(),
    }
