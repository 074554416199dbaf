"""``@followers``: who follows an item, a person, a community or a tag."""

from ospa.social.core import users
from ospa.social.following import api as following
from ospa.social.restapi import batching
from ospa.social.restapi.base import SocialService


def followers_info(request, url, kind, target) -> dict:
    """Count, the page of followers the viewer may list, and my own follow."""
    start, size = batching.batch_params(request)
    found = following.followers(kind, target, start, size)
    # The API has accepted the target: a string, a tag as it is stored.
    shown = following.normalise_tag(target) if kind == "tag" else target.strip()
    result = {
        "@id": url,
        "kind": kind,
        "target": shown,
        "count": found["count"],
        "items": found["items"],
        "following": following.is_following(kind, shown),
    }
    if found["items"] is not None:
        result["items_total"] = found["count"]
        batching.add_batching(result, request, start, size, found["count"])
    return result


class ContentFollowersGet(SocialService):
    """The followers of this item (a 400 if it cannot be followed)."""

    def answer(self):
        kind, target = following.target_of(self.context)
        url = f"{self.context.absolute_url()}/@followers"
        return followers_info(self.request, url, kind, target)


class SiteFollowersGet(SocialService):
    """``?kind=&target=``; by default the followers of the current user."""

    def answer(self):
        form = self.request.form
        kind = form.get("kind") or "user"
        target = form.get("target")
        if not target and kind == "user":
            target = users.required_userid("Log in to see your followers.")
        url = batching.canonical_url(self.request)
        return followers_info(self.request, url, kind, target)
