"""``@following`` on the site: what I follow; following and unfollowing."""

from ospa.social.following import api as following
from ospa.social.restapi.base import json_object
from ospa.social.restapi.base import SocialService
from ospa.social.restapi.base import WriteService
from plone import api
from urllib.parse import urlencode


class FollowingGet(SocialService):
    """What the current user follows, by kind (``?kind=`` for one kind)."""

    def answer(self):
        kind = self.request.form.get("kind") or None
        found = following.following(kind=kind)
        url = f"{api.portal.get().absolute_url()}/@following"
        return {
            "@id": f"{url}?{urlencode({'kind': kind})}" if kind else url,
            "items": found,
            "counts": {each: len(items) for each, items in found.items()},
        }


def shown_target(kind, target) -> str:
    """The target as the API stores it (after the API has accepted it)."""
    if kind == "tag":
        return following.normalise_tag(target)
    return target.strip()


class _Change(WriteService):
    def change(self, kind, target) -> None:
        raise NotImplementedError

    def answer(self):
        data = json_object(self.request)
        kind, target = data.get("kind"), data.get("target")
        self.change(kind, target)
        target = shown_target(kind, target)
        return {
            "kind": kind,
            "target": target,
            "following": following.is_following(kind, target),
            "followers_count": following.followers_count(kind, target),
        }


class FollowingPost(_Change):
    """Follow ``{"kind": ..., "target": ...}``; following twice changes nothing."""

    def change(self, kind, target):
        following.follow(kind, target)


class FollowingDelete(_Change):
    """Stop following; what is not followed stays not followed."""

    def change(self, kind, target):
        following.unfollow(kind, target)
