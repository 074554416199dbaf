"""Lists of communities: one card per community, for REST and Classic UI.

``@communities`` and the card views (``@@my-communities``,
``@@discover-communities``) both call :func:`cards`; what differs is only
how they show it (JSON, or translated titles and local times).
"""

from ospa.social.communities import api as communities


def image_url(community) -> str | None:
    """The community's image (its original scale), or None."""
    if not getattr(community, "image", None):
        return None
    return f"{community.absolute_url()}/@@images/image"


def card(community) -> dict:
    """What a card of a community shows, with the viewer's role.

    ``last_activity`` is a ``DateTime``; the newest change inside the
    community the viewer may see (one catalog query).
    """
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
        "last_activity": communities.last_activity(community),
        "image": image_url(community),
        "role": state["role"],
        "pending": state["pending"],
        "object": community,
    }


def cards(brains) -> list[dict]:
    """The cards of the communities of ``brains`` (from :func:`.api.find`)."""
    return [card(brain.getObject()) for brain in brains]
