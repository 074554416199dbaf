"""``@@social-like``: recommend content without JavaScript (POST + CSRF token)."""

from ospa.social import _
from ospa.social.browser.actions import SocialActionView
from ospa.social.likes import api as likes


class LikeView(SocialActionView):
    """``@@social-like`` on content: ``action=like`` or ``action=unlike``."""

    actions = ("like", "unlike")

    def act(self, action):
        if action == "like":
            likes.like(self.context)
            title = self.context.Title()
            return _(
                "msg_liked",
                default="You recommend “${title}”.",
                mapping={"title": title},
            )
        likes.unlike(self.context)
        title = self.context.Title()
        return _(
            "msg_unliked",
            default="You no longer recommend “${title}”.",
            mapping={"title": title},
        )
