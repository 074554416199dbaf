"""``@@following``: what the current user follows, with unfollow buttons."""

from ospa.social import _
from ospa.social.following import api as following
from ospa.social.following.browser.button import FollowButtonMixin
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


GROUPS = (
    ("user", _("heading_following_people", default="People")),
    ("community", _("heading_following_communities", default="Communities")),
    ("tag", _("heading_following_tags", default="Tags")),
    ("content", _("heading_following_content", default="Content")),
)


class FollowingView(FollowButtonMixin, BrowserView):
    """The people, communities, tags and content I follow, grouped by kind.

    Anonymous visitors (and users who may not follow) get Plone's login or
    insufficient-privileges page: the API raises ``Unauthorized``.
    """

    index = ViewPageTemplateFile("templates/following.pt")

    def __call__(self):
        # Before anything is rendered, so that Unauthorized leads to login.
        self.followed = following.following()
        self.url = f"{self.context.absolute_url()}/@@following"
        return self.index()

    def groups(self) -> list[dict]:
        return [
            {
                "kind": kind,
                "title": translate(title, context=self.request),
                "entries": self.followed.get(kind, []),
            }
            for kind, title in GROUPS
            if self.followed.get(kind)
        ]
