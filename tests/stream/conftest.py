"""People, communities of every visibility and posts for the stream tests."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
import pytest


PEOPLE = {
    # user id: (full name, site roles)
    "olga": ("Olga Owner", ["Member"]),
    "moritz": ("Moritz Moderator", ["Member"]),
    "mia": ("Mia Member", ["Member"]),
    "erik": ("Erik Employee", ["Member"]),
    "chef": ("Carla Chef", ["Manager"]),
}


@pytest.fixture
def people(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    for userid, (fullname, roles) in PEOPLE.items():
        api.user.create(
            email=f"{userid}@example.org",
            username=userid,
            password="secret12345",
            roles=roles,
            properties={"fullname": fullname},
        )
    setRoles(portal, TEST_USER_ID, ["Member"])
    return PEOPLE


def make_community(portal, cid, visibility):
    """Olga starts a community; Moritz moderates, Mia is a member."""
    from ospa.social.api import communities

    with api.env.adopt_user(username="olga"):
        community = api.content.create(
            portal["communities"],
            "Community",
            id=cid,
            title=f"Community {cid}",
            visibility=visibility,
            join_policy="open",
        )
        communities.add(community, "moritz", "moderator")
        communities.add(community, "mia", "member")
    return community


@pytest.fixture
def places(people, portal):
    """The stream folder and an open, a closed and a secret community."""
    return {
        "stream": portal["stream"],
        "open": make_community(portal, "offen", "open"),
        "closed": make_community(portal, "geschlossen", "closed"),
        "secret": make_community(portal, "geheim", "secret"),
    }


def post_as(userid, container, text, **kwargs):
    from ospa.social.api import posts

    with api.env.adopt_user(username=userid):
        return posts.create(container, text, **kwargs)


def stream_as(userid, filter="all", **kwargs):
    from ospa.social.api import stream

    with api.env.adopt_user(username=userid):
        return stream.query(filter, **kwargs)
