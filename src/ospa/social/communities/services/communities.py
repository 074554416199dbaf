"""``@communities`` on the site: mine, to discover, or all I may see.

The list comes from :func:`ospa.social.communities.api.find`, a catalog
query: the catalog's own security filter leaves out what the viewer may
not see (secret communities they are not on), so neither the items nor
``items_total`` give them away.
"""

from ospa.social.communities import api as communities
from ospa.social.communities import listing
from ospa.social.core import users
from ospa.social.restapi import batching
from ospa.social.restapi.base import SocialService
from plone.restapi.serializer.converters import json_compatible


def community_card(card: dict) -> dict:
    """A card of :func:`.listing.card` as JSON."""
    found = {key: value for key, value in card.items() if key != "brain"}
    found["last_activity"] = json_compatible(card["last_activity"])
    return found


class CommunitiesGet(SocialService):
    """``?filter=mine|discover|all&q=``, batched; for logged-in employees."""

    def answer(self):
        users.required_userid("Log in to see the communities.")
        form = self.request.form
        found = communities.find(form.get("filter") or "all", form.get("q") or None)
        start, size = batching.batch_params(self.request)
        result = {
            "@id": batching.canonical_url(self.request),
            "items": [
                community_card(card)
                for card in listing.cards(found[start : start + size])
            ],
            "items_total": len(found),
        }
        return batching.add_batching(result, self.request, start, size, len(found))
