"""Posts, replies and questions: writing, checking, moderating.

Every way of writing a post goes through the checks here: the composer
(:func:`create`), the add form and a REST ``POST`` of ``"@type": "Post"``
(the field constraints of :mod:`ospa.social.stream.content` and the
deserializer in :mod:`ospa.social.stream.services.posts` call them). Bad input
raises :class:`PostError` (a ``zope.schema`` validation error, so forms
and plone.restapi show its message); missing permissions raise
``Unauthorized``.
"""

from AccessControl import Unauthorized
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from datetime import datetime
from datetime import UTC
from ospa.social import _
from ospa.social.communities import api as communities
from ospa.social.core import filenames
from ospa.social.core import security
from ospa.social.core import settings
from ospa.social.core import text as social_text
from ospa.social.core import users
from ospa.social.core.errors import SocialError
from ospa.social.events import AnswerAcceptedEvent
from ospa.social.events import MentionedEvent
from ospa.social.events import PostAddedEvent
from ospa.social.interfaces import IPost
from ospa.social.interfaces import IStreamFolder
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from zope.event import notify
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.lifecycleevent import modified
from zope.schema import ValidationError


POST_TYPE = "Post"
STREAM_FOLDER = "stream"
ADD_PERMISSION = "ospa.social: Add Post"
MODERATE_PERMISSION = "ospa.social: Moderate posts"
HIDE, SHOW = "hide", "show"

# Messages that the REST services give too, when they check before the API.
REPLY_NOT_QUESTION = _("error_reply_question", default="A reply cannot be a question.")
NOT_A_QUESTION = _(
    "error_not_question", default="Only questions have an accepted answer."
)


class PostError(ValidationError, SocialError):
    """A post that cannot be stored as asked; nothing was stored.

    A ``zope.schema`` validation error, so that the add form and
    plone.restapi's deserializer report it like any invalid field.
    """

    def __init__(self, message):
        SocialError.__init__(self, message)

    def doc(self):
        return translate(self.message, context=getRequest())

    def __str__(self):
        return self.doc()


# -- checks ----------------------------------------------------------------


def check_text(value) -> str:
    """Non-empty plain text no longer than the registry allows."""
    if not isinstance(value, str) or not value.strip():
        raise PostError(_("error_post_empty", default="Write something first."))
    limit = settings.post_max_length()
    if len(value) > limit:
        raise PostError(
            _(
                "error_post_too_long",
                default="A post has at most ${max} characters; this one has ${length}.",
                mapping={"max": limit, "length": len(value)},
            )
        )
    return value


def visible_post(uid):
    """The post ``uid`` if the current user may see it, else None."""
    brain = users.visible_brain(uid)
    if brain is None or brain.portal_type != POST_TYPE:
        return None
    return brain.getObject()


def check_reply_target(uid):
    """``uid`` is a post the current user sees, and not itself a reply."""
    if not uid:
        return None
    parent = visible_post(uid)
    if parent is None:
        raise PostError(
            _(
                "error_reply_target",
                default="The post you reply to does not exist or you cannot see it.",
            )
        )
    if parent.in_reply_to:
        raise PostError(
            _(
                "error_reply_to_reply",
                default="Reply to the post itself: replies have no replies.",
            )
        )
    return parent


def check_about(uid):
    """``uid`` is content the current user sees (what a post shares)."""
    if not uid:
        return None
    brain = users.visible_brain(uid)
    if brain is None:
        raise PostError(
            _(
                "error_about_target",
                default="The page you share does not exist or you cannot see it.",
            )
        )
    return brain


def check_attachment(value):
    """An attachment within the size limit and of an allowed type.

    Its file name is made safe here (:func:`.filenames.clean`): this check
    is the field's constraint, the one step every way of attaching a file
    (the API, the forms, plone.restapi) goes through.
    """
    if value is None:
        return None
    filenames.clean(value)
    size = value.getSize() if hasattr(value, "getSize") else len(value.data)
    limit = settings.post_max_attachment_bytes()
    if size > limit:
        raise PostError(
            _(
                "error_attachment_too_big",
                default="Attachments may have at most ${max} MB.",
                mapping={"max": limit // (1024 * 1024)},
            )
        )
    if not size:
        raise PostError(_("error_attachment_empty", default="The file is empty."))
    content_type = (getattr(value, "contentType", "") or "").split(";")[0].strip()
    if content_type.lower() not in settings.post_attachment_types():
        raise PostError(
            _(
                "error_attachment_type",
                default="Files of type ${type} cannot be attached.",
                mapping={"type": content_type or "?"},
            )
        )
    return value


def check_place(container, in_reply_to=None):
    """The container may hold posts, and a reply goes where its post is."""
    if not is_post_container(container):
        raise PostError(
            _(
                "error_post_place",
                default="Posts go into a community or the stream.",
            )
        )
    if in_reply_to:
        parent = check_reply_target(in_reply_to)
        if aq_base(aq_parent(aq_inner(parent))) is not aq_base(aq_inner(container)):
            raise PostError(
                _(
                    "error_reply_place",
                    default="A reply belongs where its post is.",
                )
            )
        return parent
    return None


# -- places ----------------------------------------------------------------


def is_post_container(obj) -> bool:
    return communities.is_community(obj) or IStreamFolder.providedBy(obj)


def stream_folder():
    """``/stream``, where every employee may post to everyone (or None)."""
    folder = api.portal.get().get(STREAM_FOLDER)
    return folder if IStreamFolder.providedBy(folder) else None


def can_post(container) -> bool:
    return (
        container is not None
        and is_post_container(container)
        and security.allowed(ADD_PERMISSION, container)
        and security.allowed("Add portal content", container)
    )


def places() -> list:
    """Where the current user may post: ``/stream``, then their communities."""
    found = []
    stream = stream_folder()
    if stream is not None and can_post(stream):
        found.append(stream)
    for brain in communities.find("mine"):
        community = brain.getObject()
        if can_post(community):
            found.append(community)
    return found


def container_of(post):
    return aq_parent(aq_inner(post))


def community_of(post):
    return communities.community_of(container_of(post))


# -- writing ---------------------------------------------------------------


def create(
    container,
    text: str,
    *,
    question: bool = False,
    in_reply_to: str | None = None,
    about: str | None = None,
    attachment=None,
    filename: str | None = None,
    content_type: str | None = None,
):
    """A new post (or reply) by the current user in ``container``.

    ``attachment`` is a named file, or bytes with ``filename`` and
    ``content_type``.
    """
    if api.user.is_anonymous():
        raise Unauthorized("Log in to post.")
    check_text(text)
    parent = check_place(container, in_reply_to)
    if parent is not None and question:
        raise PostError(REPLY_NOT_QUESTION)
    check_about(about)
    if isinstance(attachment, bytes):
        attachment = NamedBlobFile(
            data=attachment,
            filename=filenames.safe(filename),
            contentType=content_type or "application/octet-stream",
        )
    check_attachment(attachment)
    if not can_post(container):
        raise Unauthorized("You cannot post here.")
    # The name chooser gives a short unique id (content.post.PostName).
    return createContentInContainer(
        container,
        POST_TYPE,
        checkConstraints=True,
        text=text,
        question=bool(question) and parent is None,
        in_reply_to=parent.UID() if parent is not None else None,
        about=about or None,
        attachment=attachment,
    )


def edit(post, text: str, *, question: bool | None = None):
    """The author changes the text (the post is then shown as edited)."""
    if not security.allowed("Modify portal content", post):
        raise Unauthorized("You cannot edit this post.")
    check_text(text)
    post.text = text
    if question is not None and not post.in_reply_to:
        post.question = bool(question)
    modified(post)
    return post


def can_edit(post) -> bool:
    return security.allowed("Modify portal content", post)


def can_delete(post) -> bool:
    return security.allowed("Delete objects", post) and security.allowed(
        "Delete objects", container_of(post)
    )


def delete(post) -> None:
    """The author or a moderator deletes a post; its replies go with it
    (see :func:`post_removed`, which runs however a post is deleted)."""
    if not can_delete(post):
        raise Unauthorized("You cannot delete this post.")
    container_of(post).manage_delObjects([post.getId()])


def can_moderate(post_or_container) -> bool:
    return security.allowed(MODERATE_PERMISSION, post_or_container)


def is_hidden(post) -> bool:
    return api.content.get_state(post, default=None) == "hidden"


def set_hidden(post, hidden: bool) -> bool:
    """A moderator hides a post from everyone but its author and moderators."""
    if not can_moderate(post):
        raise Unauthorized("You cannot moderate this post.")
    if is_hidden(post) == bool(hidden):
        return False
    api.content.transition(post, transition=HIDE if hidden else SHOW)
    return True


# -- questions -------------------------------------------------------------


def _question_of(reply):
    if not reply.in_reply_to:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=reply.in_reply_to)
    if not brains:
        return None
    question = brains[0]._unrestrictedGetObject()
    return question if getattr(question, "question", False) else None


def question_state(post) -> str | None:
    """``open`` or ``answered`` for a question, None for other posts."""
    if not getattr(post, "question", False) or post.in_reply_to:
        return None
    return "answered" if post.accepted_answer else "open"


def can_accept(question) -> bool:
    userid = users.current_userid()
    return bool(userid) and (
        userid in (question.listCreators() or ()) or can_moderate(question)
    )


def accept(question, reply_uid: str | None):
    """Accept a reply as the answer to a question (None withdraws it).

    Only the author of the question or a moderator may; the reply must be a
    visible reply to this question. Returns the accepted reply or None.
    """
    if not IPost.providedBy(question) or question_state(question) is None:
        raise PostError(NOT_A_QUESTION)
    if not can_accept(question):
        raise Unauthorized("Only the author or a moderator accepts an answer.")
    reply = None
    if reply_uid:
        reply = visible_post(reply_uid) if isinstance(reply_uid, str) else None
        if reply is None or reply.in_reply_to != question.UID():
            raise PostError(
                _(
                    "error_not_a_reply",
                    default="Accept one of the replies to this question.",
                )
            )
    new = reply.UID() if reply is not None else None
    if question.accepted_answer != new:
        question.accepted_answer = new
        question.reindexObject(idxs=["question_state"])
        if reply is not None:
            notify(AnswerAcceptedEvent(question, users.current_userid(), reply))
    return reply


# -- events ----------------------------------------------------------------


def post_added(post, event):
    """A new post: tell who was mentioned, and who subscribes to posts."""
    author = (post.listCreators() or (users.current_userid(),))[0]
    _notify_mentions(post, author)
    notify(PostAddedEvent(post, author))


def post_removed(post, event):
    """A post was deleted (not moved): its thread goes with it, and a deleted
    accepted answer reopens its question."""
    if event.newParent is not None:
        return
    container = event.oldParent
    catalog = api.portal.get_tool("portal_catalog")
    if not post.in_reply_to:
        # Whoever wrote the replies: they belong to the deleted post.
        ids = [
            brain.getId
            for brain in catalog.unrestrictedSearchResults(thread_uid=post.UID())
        ]
        for reply_id in ids:
            if reply_id in container:
                container._delObject(reply_id)
        return
    question = _question_of(post)
    if question is not None and question.accepted_answer == post.UID():
        question.accepted_answer = None
        question.reindexObject(idxs=["question_state"])


def post_modified(post, event):
    """Edited text: mark the post edited, mention only the newly mentioned."""
    mentioned = getattr(post, "ospa_mentions", ())
    if getattr(post, "ospa_text", None) not in (None, post.text):
        post.edited = datetime.now(UTC)
    _notify_mentions(post, (post.listCreators() or (None,))[0], already=mentioned)


def _notify_mentions(post, author, already=()):
    mentioned = [
        userid for userid in social_text.mentions(post.text) if userid != author
    ]
    new = [userid for userid in mentioned if userid not in already]
    post.ospa_mentions = tuple(mentioned)
    post.ospa_text = post.text
    if new:
        notify(MentionedEvent(post, author, new))


def hashtag_key(tag: str) -> str:
    """How a hashtag is indexed and compared: without ``#``, case-folded."""
    from ospa.social.following.api import normalise_tag

    return normalise_tag(tag).casefold()
