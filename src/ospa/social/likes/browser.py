"""``@@social-like``: recommend content without JavaScript (POST + CSRF token)."""

from ospa.social import _
from ospa.social.browser.actions import SocialActionView
from ospa.social.likes import api as likes
from zope.i18nmessageid import Message


# The status message of each action; ``${title}`` is the content's title.
DONE = {
    "like": _("msg_liked", default="You recommend “${title}”."),
    "unlike": _("msg_unliked", default="You no longer recommend “${title}”."),
}


class LikeView(SocialActionView):
    """``@@social-like`` on content: ``action=like`` or ``action=unlike``."""

    actions = ("like", "unlike")

    def act(self, action):
        if action == "like":
            likes.like(self.context)
        else:
            likes.unlike(self.context)
        return Message(DONE[action], mapping={"title": self.context.Title()})
