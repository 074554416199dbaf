"""Errors the API raises for bad input."""

from zope.i18n import translate


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
