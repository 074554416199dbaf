"""The form targets of the stream: post, reply, edit, delete, hide, accept.

Like ``@@social-like`` (:class:`SocialActionView`) they are for browsers
without JavaScript: POST only, with the CSRF token; they call
:mod:`ospa.social.stream.posts` and redirect back with a status message
(:data:`~ospa.social.stream.browser.views.DONE`). ``social.js`` calls the
REST services instead (content POST/PATCH/DELETE, ``@workflow``,
``@answer``) and fetches the thread as HTML (``?fragment=thread`` of the
post). Bad input is an error message; ``Unauthorized`` is left to Plone.

- ``@@stream-post`` on a community, on ``/stream`` or on the site (with
  ``place``, the UID of a community or of ``/stream``; a reply goes where
  its post is): ``text``, ``question``, ``in_reply_to``, ``about``,
  ``attachment`` (a file upload);
- ``@@post-edit`` (``text``), ``@@post-delete``, ``@@post-hide``
  (``action=hide`` or ``show``) and ``@@post-accept`` (``action=accept``
  with ``reply``, the UID of a reply, or ``action=withdraw``) on a post.
"""

from ospa.social import _
from ospa.social.browser.actions import SocialActionView
from ospa.social.browser.utils import form_string
from ospa.social.browser.utils import form_text
from ospa.social.browser.utils import safe_url
from ospa.social.core import settings
from ospa.social.core import users
from ospa.social.interfaces import ICommunity
from ospa.social.interfaces import IStreamFolder
from ospa.social.stream import posts
from ospa.social.stream.browser.views import DONE
from ospa.social.stream.posts import PostError
import mimetypes


GENERIC_TYPES = ("", "application/octet-stream")


def read_upload(upload):
    """``(data, filename, content_type)`` of a file upload, or Nones.

    Reads at most one byte more than an attachment may have: the API then
    refuses a bigger file with its message.
    """
    filename = getattr(upload, "filename", None)
    if not upload or not filename or not hasattr(upload, "read"):
        return None, None, None
    filename = filename.replace("\\", "/").rsplit("/", 1)[-1]
    data = upload.read(settings.post_max_attachment_bytes() + 1)
    headers = getattr(upload, "headers", None)
    content_type = ""
    if headers is not None:
        content_type = (headers.get("Content-Type") or "").split(";")[0].strip()
    if content_type.lower() in GENERIC_TYPES:
        content_type = mimetypes.guess_type(filename)[0] or content_type
    return data, filename, content_type or None


class StreamActionView(SocialActionView):
    """A stream form target; ``action`` defaults to the only one."""

    def __call__(self):
        form = self.request.form
        if len(self.actions) == 1 and not form.get("action"):
            form["action"] = self.actions[0]
        return super().__call__()


class StreamPostView(StreamActionView):
    """``@@stream-post``: a new post or reply."""

    actions = ("post",)

    def container(self, place, reply_to):
        if place:
            brain = users.visible_brain(place)
            found = brain.getObject() if brain is not None else None
            if found is None or not posts.is_post_container(found):
                raise PostError(
                    _(
                        "error_post_place",
                        default="Posts go into a community or the stream.",
                    )
                )
            return found
        if ICommunity.providedBy(self.context) or IStreamFolder.providedBy(
            self.context
        ):
            return self.context
        if reply_to:
            parent = posts.visible_post(reply_to)
            if parent is not None:
                return posts.container_of(parent)
        return posts.stream_folder()

    def act(self, action):
        form = self.request.form
        reply_to = form_string(form.get("in_reply_to")) or None
        container = self.container(form_string(form.get("place")), reply_to)
        data, filename, content_type = read_upload(form.get("attachment"))
        self.post = posts.create(
            container,
            form_text(form.get("text")),
            question=bool(form.get("question")) and not reply_to,
            in_reply_to=reply_to,
            about=form_string(form.get("about")) or None,
            attachment=data,
            filename=filename,
            content_type=content_type,
        )
        if reply_to:
            return DONE["reply"]
        return DONE["question" if self.post.question else "post"]

    def fallback_url(self) -> str:
        post = getattr(self, "post", None)
        if post is not None:
            return post.absolute_url()
        return self.context.absolute_url()


class PostEditView(StreamActionView):
    """``@@post-edit``: the author changes the text."""

    actions = ("edit",)

    def act(self, action):
        posts.edit(self.context, form_text(self.request.form.get("text")))
        return DONE["edit"]


class PostDeleteView(StreamActionView):
    """``@@post-delete``: the author or a moderator deletes a post."""

    actions = ("delete",)

    def act(self, action):
        post = self.context
        self.uid = post.UID()
        self.url = post.absolute_url()
        container = posts.container_of(post)
        if ICommunity.providedBy(container):
            self.container_url = f"{container.absolute_url()}/@@community-stream"
        else:
            self.container_url = container.absolute_url()
        posts.delete(post)
        return DONE["delete"]

    def redirect(self):
        url = safe_url(self.request.form.get("came_from"))
        gone = getattr(self, "url", None)
        if (
            url
            and gone
            and (
                url == gone or url.startswith(f"{gone}/") or url.startswith(f"{gone}?")
            )
        ):
            url = None
        if getattr(self, "uid", None) is None:
            url = url or self.context.absolute_url()
        self.request.response.redirect(url or self.container_url, status=303)
        return ""


class PostHideView(StreamActionView):
    """``@@post-hide``: a moderator hides a post, or shows it again."""

    actions = ("hide", "show")

    def act(self, action):
        posts.set_hidden(self.context, action == "hide")
        return DONE[action]


class PostAcceptView(StreamActionView):
    """``@@post-accept`` on a question: accept a reply, or withdraw."""

    actions = ("accept", "withdraw")

    def act(self, action):
        reply = form_string(self.request.form.get("reply"))
        if action == "accept":
            if not reply:
                raise PostError(
                    _(
                        "error_not_a_reply",
                        default="Accept one of the replies to this question.",
                    )
                )
            posts.accept(self.context, reply)
        else:
            posts.accept(self.context, None)
        return DONE[action]
