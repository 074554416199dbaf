"""``@communities`` on the site: mine, to discover, or all I may see.

The list comes from :func:`ospa.social.communities.api.find`, a catalog
query: the catalog's own security filter leaves out what the viewer may
not see (secret communities they are not on), so neither the items nor
``items_total`` give them away.
"""

from AccessControl import Unauthorized
from ospa.social.communities import api as communities
from ospa.social.core import users
from ospa.social.restapi import batching
from ospa.social.restapi.base import SocialService
from plone.restapi.serializer.converters import json_compatible


def image_url(community) -> str | None:
    """The community's image (its original scale), or None."""
    if not getattr(community, "image", None):
        return None
    return f"{community.absolute_url()}/@@images/image"


def community_card(community) -> dict:
    """What a card of a community shows, with the viewer's role."""
    state = communities.state(community)
    return {
        "@id": community.absolute_url(),
        "@type": community.portal_type,
        "UID": community.UID(),
        "title": community.Title(),
        "description": community.Description(),
        "visibility": state["visibility"],
        "join_policy": state["join_policy"],
        "member_count": state["member_count"],
        "subjects": list(community.Subject()),
        "last_activity": json_compatible(communities.last_activity(community)),
        "image": image_url(community),
        "role": state["role"],
        "pending": state["pending"],
    }


class CommunitiesGet(SocialService):
    """``?filter=mine|discover|all&q=``, batched; for logged-in employees."""

    def answer(self):
        if users.current_userid() is None:
            raise Unauthorized("Log in to see the communities.")
        form = self.request.form
        found = communities.find(form.get("filter") or "all", form.get("q") or None)
        start, size = batching.batch_params(self.request)
        result = {
            "@id": batching.canonical_url(self.request),
            "items": [
                community_card(brain.getObject())
                for brain in found[start : start + size]
            ],
            "items_total": len(found),
        }
        return batching.add_batching(result, self.request, start, size, len(found))
