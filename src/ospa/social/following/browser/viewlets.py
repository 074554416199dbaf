"""The follow button on author pages."""

from ospa.social.core import users
from ospa.social.following import api as following
from ospa.social.following.browser.button import can_follow
from ospa.social.following.browser.button import FollowButtonMixin
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import quote


class AuthorFollowViewlet(FollowButtonMixin, ViewletBase):
    """Follow another person from their author page (``@@author/<userid>``).

    Plone's author template fills the whole ``content`` slot and renders no
    viewlet manager of its own, so this viewlet is registered in
    ``plone.abovecontent`` (rendered by main_template just above the
    content) for the author view only.
    """

    index = ViewPageTemplateFile("templates/author_follow.pt")

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
