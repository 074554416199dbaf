"""``@@social-follow``: follow and unfollow without JavaScript (POST + CSRF token)."""

from ospa.social import _
from ospa.social.browser.actions import SocialActionView
from ospa.social.core.errors import SocialError
from ospa.social.following import api as following
from plone import api


class FollowView(SocialActionView):
    """``@@social-follow`` on the site: ``kind``, ``target``, ``action``."""

    actions = ("follow", "unfollow")

    def act(self, action):
        form = self.request.form
        self.kind = form.get("kind")
        self.target = form.get("target")
        if action == "follow":
            following.follow(self.kind, self.target)
        else:
            following.unfollow(self.kind, self.target)
        # Both calls validated kind and target: a tag is looked up normalised.
        if self.kind == "tag":
            self.target = following.normalise_tag(self.target)
        self.target = self.target.strip()
        title = self.title()
        if action == "follow":
            return _(
                "msg_followed",
                default="You follow ${title} now.",
                mapping={"title": title},
            )
        return _(
            "msg_unfollowed",
            default="You no longer follow ${title}.",
            mapping={"title": title},
        )

    def title(self) -> str:
        described = following.describe(self.kind, self.target)
        return described["title"] if described else self.target

    def fallback_url(self) -> str:
        described = None
        kind = getattr(self, "kind", None)
        target = getattr(self, "target", None)
        if isinstance(kind, str) and isinstance(target, str):
            try:
                described = following.describe(kind, target)
            except SocialError:
                described = None
        if described and described.get("url"):
            return described["url"]
        return f"{api.portal.get().absolute_url()}/@@following"
