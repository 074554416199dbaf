"""Errors the API raises for bad input."""

from zope.i18n import translate
from zope.i18nmessageid import Message


class SocialError(ValueError):
    """The request cannot be carried out as asked; nothing was changed.

    ``message`` is a translatable message id; :meth:`text` gives it in the
    language of a request.
    """

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message

    def text(self, request=None) -> str:
        return translate(self.message, context=request)


class NotSupported(SocialError):
    """The object does not offer this feature (its type lacks the behaviour)."""


class InvalidTarget(SocialError):
    """A kind, user, tag or UID that does not exist or cannot be used."""


def shown(value, length: int = 50) -> str:
    """What a refusal repeats of a value sent in: a string, cut short."""
    return value[:length] if isinstance(value, str) else "?"


def check_choice(value, choices, error, message, name: str):
    """``value`` if it is one of ``choices``, else ``error`` with
    ``message`` (a message id with ``${name}`` for the value sent)."""
    if not isinstance(value, str) or value not in choices:
        raise error(Message(message, mapping={name: shown(value)}))
    return value
