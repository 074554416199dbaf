"""Catalog indexers."""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from datetime import UTC
from ospa.social.api import comments
from ospa.social.api import communities
from ospa.social.api import ideas
from ospa.social.api import likes
from ospa.social.api import posts
from ospa.social.api import settings
from ospa.social.api import text
from ospa.social.interfaces import ICommunity
from ospa.social.interfaces import IIdea
from ospa.social.interfaces import ILikeable
from ospa.social.interfaces import IPost
from plone import api
from plone.app.discussion.interfaces import IComment
from plone.dexterity.interfaces import IDexterityContent
from plone.indexer import indexer
from Products.CMFPlone.CatalogTool import (
    allowedRolesAndUsers as plone_allowed_roles_and_users,
)
import time


@indexer(ILikeable)
def like_count(obj):
    return likes.count(obj)


@indexer(IDexterityContent)
def total_comments(obj):
    """Published comments, whoever may see them (see ``comments.count``).

    Replaces plone.app.discussion's indexer (registered for IContentish,
    less specific) for Dexterity content.
    """
    return comments.count(obj)


@indexer(ICommunity)
def member_count(obj):
    return communities.member_count(obj)


@indexer(ICommunity)
def community_searchable_text(obj):
    """Title, description, tags and guidelines: what people search by."""
    guidelines = obj.guidelines.output if obj.guidelines else ""
    transforms = api.portal.get_tool("portal_transforms")
    text = ""
    if guidelines:
        data = transforms.convertTo("text/plain", guidelines, mimetype="text/html")
        text = data.getData() if data else ""
    return " ".join(
        part for part in (obj.Title(), obj.Description(), *obj.Subject(), text) if part
    )


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


def _commented(comment):
    """The content item a comment is on."""
    return aq_parent(aq_parent(aq_inner(comment)))


@indexer(IDexterityContent)
def in_stream(obj):
    if IPost.providedBy(obj):
        if obj.in_reply_to:
            raise AttributeError("replies are shown under their post")
        return True
    if _is_stream_content(obj):
        return True
    raise AttributeError("not in the stream")


# -- security ----------------------------------------------------------------


def _meet(own: list, other: list) -> list:
    """The catalog security tokens of "may see both": ``Anonymous`` and
    ``Authenticated`` are Plone's shortcuts for everyone and every logged-in
    user, anything else is a set of roles and ``user:`` principals."""
    if "Anonymous" in own or ("Authenticated" in own and "Anonymous" not in other):
        return list(other)
    if "Anonymous" in other or "Authenticated" in other:
        return list(own)
    return sorted(set(own) & set(other))


@indexer(IComment)
def comment_allowed_roles_and_users(comment):
    """Who finds a comment: who may see it *and* the content it is on.

    Plone's indexer reads the comment's own "Access contents information",
    which plone.app.discussion's one-state workflow gave to Anonymous: a
    comment on a page of a secret community was then found by everyone,
    in search, the stream and the query builder. The add-on's profile makes
    that permission acquired; this keeps the catalog right with any comment
    workflow a site may use. The content's security changes re-index its
    comments too (they are catalogued under its path).
    """
    own = plone_allowed_roles_and_users.callable(comment)
    content = _commented(comment)
    if content is None:
        return own
    return _meet(own, plone_allowed_roles_and_users.callable(content))


@indexer(IComment)
def comment_in_stream(comment):
    content = _commented(comment)
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
    content = _commented(comment)
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
    content = _commented(comment)
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
    """What the stream shows of a post without loading it."""
    attachment = None
    if obj.attachment is not None:
        attachment = {
            "filename": obj.attachment.filename,
            "content_type": obj.attachment.contentType,
            "size": obj.attachment.getSize(),
        }
    return {
        "text": obj.text or "",
        "question": bool(obj.question) and not obj.in_reply_to,
        "accepted": obj.accepted_answer,
        "about": obj.about or None,
        "edited": obj.edited.isoformat() if obj.edited else None,
        "attachment": attachment,
    }


@indexer(IComment)
def comment_stream_info(comment):
    content = _commented(comment)
    return {
        "text": comment.text or "",
        "on": content.UID() if content is not None else None,
        "comment_id": comment.getId(),
    }


# -- ideas -----------------------------------------------------------------
#
# An idea enters the stream when it is submitted and comes back to its top
# with every change of status; a draft is nowhere but in its author's
# "My ideas".


@indexer(IIdea)
def support_count(obj):
    return ideas.count(obj)


@indexer(IIdea)
def idea_in_stream(obj):
    if ideas.status(obj) == "draft":
        raise AttributeError("drafts are not in the stream")
    return True


@indexer(IIdea)
def idea_stream_ts(obj):
    found = ideas.status_changed_ms(obj)
    if found is None:
        raise AttributeError("drafts are not in the stream")
    return found


@indexer(IIdea)
def idea_stream_info(obj):
    """What the stream shows of an idea without loading it."""
    answer = ideas.official_answer(obj)
    history = ideas.history(obj)
    return {
        "text": obj.Description() or (obj.problem or "")[:500],
        "status": ideas.status(obj),
        "action": history[-1]["action"] if history else None,
        "answer": answer["answer"][:500] if answer else None,
    }
