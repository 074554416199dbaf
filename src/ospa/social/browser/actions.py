"""The base of the add-on's form targets (``@@social-like``, ``@@social-follow``,
the stream's and the communities' forms).

They are the forms' targets for a browser without JavaScript, and they
answer HTML only: POST with the CSRF token (``_authenticator``), then a
redirect back (303) with a status message. ``social.js`` calls the REST
services instead; this is no second JSON API. Bad input
(:class:`SocialError`) is an error message on the page it came from;
``Unauthorized`` is left to Plone (login, insufficient privileges).
"""

from ospa.social import _
from ospa.social.browser.utils import safe_url
from ospa.social.core.errors import SocialError
from plone.protect.authenticator import check as check_csrf
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zope.i18n import translate


class SocialActionView(BrowserView):
    """POST-only, CSRF-checked; subclasses implement :meth:`act`."""

    actions = ()

    def __call__(self):
        request = self.request
        if request.get("REQUEST_METHOD", "GET").upper() != "POST":
            return self.method_not_allowed()
        check_csrf(request)
        action = request.form.get("action")
        try:
            if action not in self.actions:
                raise SocialError(
                    _(
                        "error_unknown_action",
                        default="Unknown action ${action}: use ${actions}.",
                        mapping={
                            "action": str(action)[:50],
                            "actions": " / ".join(self.actions),
                        },
                    )
                )
            message = self.act(action)
        except SocialError as error:
            return self.failed(error)
        if message is not None:
            IStatusMessage(request).add(message, type="info")
        return self.redirect()

    def act(self, action):  # pragma: no cover - abstract
        """Carry out ``action``; return the status message (or None)."""
        raise NotImplementedError

    def fallback_url(self) -> str:
        return self.context.absolute_url()

    def redirect(self):
        url = safe_url(self.request.form.get("came_from")) or self.fallback_url()
        self.request.response.redirect(url, status=303)
        return ""

    def failed(self, error: SocialError):
        text = error.text(self.request)
        IStatusMessage(self.request).add(text, type="error")
        return self.redirect()

    def method_not_allowed(self):
        response = self.request.response
        response.setHeader("Allow", "POST")
        text = translate(
            _("error_post_only", default="Send this form with POST."),
            context=self.request,
        )
        response.setStatus(405)
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return text
