"""Viewlets: the social bar below content, the follow button on author pages."""

from AccessControl import Unauthorized
from ospa.social.api import comments
from ospa.social.api import following
from ospa.social.api import likes
from ospa.social.api import users
from ospa.social.browser.utils import can_follow
from ospa.social.browser.utils import FollowButtonMixin
from ospa.social.browser.utils import person
from ospa.social.browser.utils import token
from ospa.social.interfaces import IFollowable
from ospa.social.interfaces import ILikeable
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import quote


FOLLOW_TEMPLATE = "templates/follow_button.pt"
COUNT_TEMPLATE = "templates/followers_count.pt"


class SocialBarViewlet(FollowButtonMixin, ViewletBase):
    """Recommend, likers, comment count and follow for likeable/followable content.

    Registered in ``plone.belowcontentbody``. Every button is a plain form
    posting to ``@@social-like`` / ``@@social-follow``; ``social.js`` sends
    the same forms with ``fetch`` and updates the bar in place.
    """

    index = ViewPageTemplateFile("templates/social_bar.pt")
    follow_template = ViewPageTemplateFile(FOLLOW_TEMPLATE)
    follow_count_template = ViewPageTemplateFile(COUNT_TEMPLATE)

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


class AuthorFollowViewlet(FollowButtonMixin, ViewletBase):
    """Follow another person from their author page (``@@author/<userid>``).

    Plone's author template fills the whole ``content`` slot and renders no
    viewlet manager of its own, so this viewlet is registered in
    ``plone.abovecontent`` (rendered by main_template just above the
    content) for the author view only.
    """

    index = ViewPageTemplateFile("templates/author_follow.pt")
    follow_template = ViewPageTemplateFile(FOLLOW_TEMPLATE)
    follow_count_template = ViewPageTemplateFile(COUNT_TEMPLATE)

    @property
    def userid(self) -> str | None:
        userid = getattr(self.view, "username", None)
        return userid if isinstance(userid, str) and userid else None

    @property
    def available(self) -> bool:
        userid = self.userid
        return (
            userid is not None
            and users.current_userid() is not None
            and users.exists(userid)
        )

    def render(self):
        return self.index() if self.available else ""

    def is_me(self) -> bool:
        return self.userid == users.current_userid()

    def follow(self) -> str:
        userid = self.userid
        count = following.followers_count("user", userid)
        if self.is_me() or not can_follow():
            return self.follow_count_template(count=count)
        came_from = f"{self.site_url}/author/{quote(userid)}"
        title = users.summary(userid)["fullname"]
        return self.follow_button("user", userid, came_from, count=count, title=title)
