"""The follow button every page shares."""

from ospa.social.browser.utils import token
from ospa.social.following import api as following
from plone import api
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


def can_follow() -> bool:
    """Whether the current user may follow at all (the API decides each case)."""
    return following.can_follow()


class FollowButtonMixin:
    """Renders the follow/unfollow form and the followers count."""

    follow_template = ViewPageTemplateFile("templates/follow_button.pt")
    follow_count_template = ViewPageTemplateFile("templates/followers_count.pt")

    def follow_button(self, kind, target, came_from, count=None, title=None):
        portal_url = api.portal.get().absolute_url()
        return self.follow_template(
            kind=kind,
            target=target,
            following=following.is_following(kind, target),
            action_url=f"{portal_url}/@@social-follow",
            rest_url=f"{portal_url}/@following",
            came_from=came_from,
            token=token(),
            count=count,
            title=title,
        )
