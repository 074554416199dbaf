"""Posts through plone.restapi's own content endpoints.

A post is created with ``POST /<community or stream>`` and ``"@type":
"Post"`` and changed with ``PATCH``; this deserializer adds the checks
that need the place: posts only in communities and ``/stream``, a reply
where its post is, a reply never a question, and a reply stays a reply
of the same post. The field constraints check the text, the attachment
and the targets. Any failure is a 400 and nothing is stored.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from ospa.social import _
from ospa.social.core import filenames
from ospa.social.interfaces import IOspaSocialLayer
from ospa.social.interfaces import IPost
from ospa.social.restapi.base import bad_request
from ospa.social.restapi.content import check_text
from ospa.social.restapi.content import ContentDeserializer
from ospa.social.stream import posts
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.services.content.add import FolderPost
from zExceptions import BadRequest
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer


@implementer(IDeserializeFromJson)
@adapter(IPost, IOspaSocialLayer)
class PostDeserializer(ContentDeserializer):
    def __call__(
        self, validate_all=False, data=None, create=False, mask_validation_errors=True
    ):
        data = self.body(data)
        container = aq_parent(aq_inner(self.context))
        reply_to = data.get("in_reply_to") if create else self.context.in_reply_to
        if create:
            try:
                posts.check_place(
                    container, reply_to if isinstance(reply_to, str) else None
                )
            except posts.PostError as error:
                raise BadRequest(error.doc()) from None
        elif "in_reply_to" in data and (data["in_reply_to"] or None) != reply_to:
            self._fail(
                _(
                    "error_reply_fixed",
                    default="A post cannot become a reply, nor a reply another post's.",
                )
            )
        if reply_to and data.get("question"):
            self._fail(posts.REPLY_NOT_QUESTION)
        check_file(data.get("attachment"), self._fail)
        attachment = data.get("attachment")
        if isinstance(attachment, dict) and isinstance(attachment.get("filename"), str):
            # Cleaned before plone.namedfile validates it: a name with a line
            # break is stored without it rather than refused.
            safe = filenames.safe(attachment["filename"])
            data = {**data, "attachment": {**attachment, "filename": safe}}
        return super().__call__(
            validate_all=validate_all,
            data=data,
            create=create,
            mask_validation_errors=mask_validation_errors,
        )

    def _fail(self, message):
        raise BadRequest(translate(message, context=self.request))


def check_file(value, fail) -> None:
    """A file as plone.restapi reads it, or ``fail``: its deserializer
    answers other shapes (data that is no text, an unknown encoding) with
    a 500 rather than a field error.
    """
    if value is None or value == "":
        return
    texts = ("data", "filename", "content-type")
    if (
        not isinstance(value, dict)
        or any(not isinstance(value.get(k, ""), str) for k in texts)
        or value.get("encoding", "base64") != "base64"
    ):
        fail(
            _(
                "error_attachment_shape",
                default="An attachment must be an object with data (base64 "
                "text), filename and content-type.",
            )
        )


# What plone.restapi's content POST reads itself, before any deserializer:
# ``"@type": 1`` would fail there with a 500 ('int' has no 'lower').
CREATE_KEYS = ("@type", "id", "title", "UID", "translation_of", "language")


class PostsFolderPost(FolderPost):
    """plone.restapi's content ``POST`` on a community or ``/stream``.

    plone.restapi reads the body before its own error handling, so a body
    that is not JSON, or an ``@type``, ``id`` or ``title`` that is not
    text, would be a 500; here it is a 400 like any bad post.
    """

    def reply(self):
        try:
            data = json_body(self.request)
        except (DeserializationError, RecursionError):
            data = None
        if not isinstance(data, dict):
            raise BadRequest(
                translate(
                    _(
                        "error_body_not_object",
                        default="The request body must be a JSON object.",
                    ),
                    context=self.request,
                )
            )
        with bad_request(self.request):
            check_text(data, CREATE_KEYS)
        return super().reply()
