"""The social bar below content: recommend, likers, comments, follow."""

from AccessControl import Unauthorized
from ospa.social.browser.utils import person
from ospa.social.browser.utils import token
from ospa.social.comments import api as comments
from ospa.social.core import users
from ospa.social.following import api as following
from ospa.social.following.browser.button import can_follow
from ospa.social.following.browser.button import FollowButtonMixin
from ospa.social.interfaces import IFollowable
from ospa.social.interfaces import ILikeable
from ospa.social.likes import api as likes
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import quote


class SocialBarViewlet(FollowButtonMixin, ViewletBase):
    """Recommend, likers, comment count and follow for likeable/followable content.

    Registered in ``plone.belowcontentbody``. Every button is a plain form
    posting to ``@@social-like`` / ``@@social-follow``; ``social.js`` sends
    the same forms with ``fetch`` and updates the bar in place.
    """

    index = ViewPageTemplateFile("templates/social_bar.pt")

    @property
    def likeable(self) -> bool:
        return ILikeable.providedBy(self.context)

    @property
    def followable(self) -> bool:
        return IFollowable.providedBy(self.context)

    @property
    def available(self) -> bool:
        return self.likeable or self.followable

    def update(self):
        super().update()
        self.anonymous = users.current_userid() is None
        self.context_url = self.context.absolute_url()
        self.token = token()

    def render(self):
        return self.index() if self.available else ""

    # likes

    def like(self) -> dict:
        state = likes.state(self.context)
        try:
            ids = likes.likers(self.context)
        except Unauthorized:
            ids = []
        state["likers"] = [person(userid) for userid in ids]
        return state

    # comments

    def comments(self) -> dict | None:
        if not comments.enabled(self.context):
            return None
        return {
            "count": comments.count(self.context),
            "url": comments.url(self.context),
        }

    # following

    def follow(self) -> str:
        kind, target = following.target_of(self.context)
        count = following.followers_count(kind, target)
        if not can_follow():
            return self.follow_count_template(count=count)
        return self.follow_button(kind, target, self.context_url, count=count)

    def login_url(self) -> str:
        return f"{self.site_url}/login?came_from={quote(self.context_url)}"
