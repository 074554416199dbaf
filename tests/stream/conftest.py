"""People, communities of every visibility and posts for the stream tests."""

from ospa.social.testing import CHEF
from ospa.social.testing import create_people
from ospa.social.testing import ERIK
from ospa.social.testing import make_community
from ospa.social.testing import ROSTER_PEOPLE
from plone import api
import pytest


# user id: (full name, site roles)
PEOPLE = {**ROSTER_PEOPLE, "erik": ERIK, "chef": CHEF}


@pytest.fixture
def people(portal):
    return create_people(portal, PEOPLE)


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
    from ospa.social.stream import posts

    with api.env.adopt_user(username=userid):
        return posts.create(container, text, **kwargs)


def stream_as(userid, filter="all", **kwargs):
    from ospa.social.stream import query as stream

    with api.env.adopt_user(username=userid):
        return stream.query(filter, **kwargs)
