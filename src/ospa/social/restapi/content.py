"""plone.restapi's content deserializer for ospa.social's types: a 400,
not a 500, for a value of the wrong JSON type.

plone.restapi turns a field deserializer's ``ValueError`` and
``ValidationError`` into a 400 that names the field; anything else
escapes as a 500: a rich text given ``5`` (``argument of type 'int' is
not iterable``), a choice given a list (``unhashable type``), and so on
for each kind of field. Rather than keep a table of the JSON types each
field deserializer reads, every value sent is first tried with the field's
own deserializer (the one plone.restapi will use); what fails there with
anything but plone.restapi's own errors is a 400 naming the field. The
trial stores nothing, and after a refusal the real run never starts, so
the object is unchanged.

A few deserializers take any JSON value without failing (:data:`SHAPES`):
the rich text one stores a list as its text (and the object then fails
to serialize: a 500 on every later ``GET``), the boolean one reads any
string as ``False``. For those the JSON type is checked first.

Registered (``configure.zcml``) for Community, Idea, Idea Box and the
stream folder; :class:`ospa.social.stream.services.posts.PostDeserializer` builds
on it for posts.
"""

from ospa.social import _
from ospa.social.core.errors import SocialError
from ospa.social.restapi.base import bad_request
from ospa.social.restapi.base import json_object
from plone.app.textfield.interfaces import IRichText
from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import IFieldDeserializer
from plone.supermodel.utils import mergedTaggedValueDict
from z3c.form.interfaces import IDataManager
from zExceptions import BadRequest
from zope.component import queryMultiAdapter
from zope.interface import implementer
from zope.schema import getFields
from zope.schema.interfaces import IBool
from zope.schema.interfaces import IInt
from zope.schema.interfaces import ValidationError


def _rich_text(value) -> bool:
    if isinstance(value, str):
        return True
    return (
        isinstance(value, dict)
        and isinstance(value.get("data"), str)
        and all(isinstance(value.get(k, ""), str) for k in ("content-type", "encoding"))
    )


# The JSON a field takes, for the fields whose deserializer takes anything.
SHAPES = (
    (IRichText, _rich_text),
    (IBool, lambda value: isinstance(value, bool)),
    (IInt, lambda value: not isinstance(value, bool)),
)
# What a field deserializer raises for a value it cannot read at all. Not
# ``Exception``: a ConflictError must still reach the publisher's retry.
UNREADABLE = (TypeError, AttributeError, LookupError, RecursionError, OverflowError)


def wrong_type(name) -> SocialError:
    return SocialError(
        _(
            "error_field_type",
            default="${field}: this kind of value does not fit the field.",
            mapping={"field": str(name)[:50]},
        )
    )


def check_text(data: dict, names) -> None:
    """Each of ``names`` in ``data`` is text (or null), or a SocialError."""
    for name in names:
        if data.get(name) is not None and not isinstance(data[name], str):
            raise wrong_type(name)


@implementer(IDeserializeFromJson)
def field_messages(errors: list) -> str:
    """plone.restapi's field errors as one text a person reads: the add-on's
    own errors (:class:`SocialError`) say all there is to say; Zope's generic
    ones ("Required input is missing.") are named by their field."""
    texts = []
    for each in errors:
        if not isinstance(each, dict):
            texts.append(str(each))
            continue
        message = str(each.get("message") or "")
        field = each.get("field")
        if field and not isinstance(each.get("error"), SocialError):
            message = f"{field}: {message}"
        texts.append(message)
    return " ".join(text for text in texts if text)


class ContentDeserializer(DeserializeFromJson):
    """plone.restapi's deserializer, with a 400 for unreadable values."""

    def __call__(
        self, validate_all=False, data=None, create=False, mask_validation_errors=True
    ):
        data = self.body(data)
        with bad_request(self.request):
            self.check_types(data)
        try:
            # Unmasked, to tell the add-on's errors from Zope's; only the
            # text below leaves this method, whatever the masking asked.
            return super().__call__(
                validate_all=validate_all,
                data=data,
                create=create,
                mask_validation_errors=False,
            )
        except BadRequest as error:
            found = error.args[0] if error.args else None
            if not isinstance(found, list):
                raise
            # plone.restapi answers with the Python repr of its list of
            # field errors; a person reads the messages (social.js shows them).
            raise BadRequest(field_messages(found)) from None

    def body(self, data) -> dict:
        """``data`` or the request's JSON body: a JSON object, or a 400."""
        if data is None:
            return json_object(self.request)
        if not isinstance(data, dict):
            with bad_request(self.request):
                raise SocialError(
                    _(
                        "error_body_not_object",
                        default="The request body must be a JSON object.",
                    )
                )
        return data

    def check_types(self, data: dict) -> None:
        """Try each value sent with its field's deserializer, skipping the
        fields plone.restapi skips (read-only, not writable, no permission);
        a value it cannot read at all is a :class:`SocialError`."""
        for schema in iterSchemata(self.context):
            permissions = mergedTaggedValueDict(schema, WRITE_PERMISSIONS_KEY)
            for name, field in getFields(schema).items():
                if name not in data or data[name] is None or field.readonly:
                    continue
                manager = queryMultiAdapter((self.context, field), IDataManager)
                if not manager.canWrite() or not self.check_permission(
                    permissions.get(name)
                ):
                    continue
                for interface, fits in SHAPES:
                    if interface.providedBy(field) and not fits(data[name]):
                        raise wrong_type(name)
                deserializer = queryMultiAdapter(
                    (field, self.context, self.request), IFieldDeserializer
                )
                if deserializer is None:
                    continue
                try:
                    deserializer(data[name])
                except (ValueError, ValidationError):
                    # plone.restapi reports these itself, with the field.
                    pass
                except UNREADABLE:
                    raise wrong_type(name) from None
