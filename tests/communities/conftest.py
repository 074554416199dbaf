"""People and communities of every visibility for the communities tests."""

from ospa.social.testing import create_people
from ospa.social.testing import ROSTER
from ospa.social.testing import start_community
from plone import api
import pytest


PEOPLE = {
    # user id: (full name, site roles)
    "olga": ("Olga Owner", ["Member"]),
    "moritz": ("Moritz Moderator", ["Member"]),
    "mia": ("Mia Member", ["Member"]),
    "erik": ("Erik Employee", ["Member"]),
    "gast": ("Gerd Gast", ["Member"]),
    "chef": ("Carla Chef", ["Manager"]),
}


@pytest.fixture
def people(portal):
    return create_people(portal, PEOPLE)


def make_community(portal, cid, visibility, join_policy="open"):
    """Olga starts a community; Moritz moderates, Mia is a member."""
    community = start_community(
        portal,
        "olga",
        cid,
        visibility,
        join_policy,
        roster={**ROSTER, "gast": "guest"},
        description=f"About {cid}",
    )
    with api.env.adopt_user(username="mia"):
        page = api.content.create(
            community, "Document", id="seite", title=f"Seite {cid}"
        )
    return community, page


@pytest.fixture
def new_community(people, portal):
    """Make another community: ``new_community(id, visibility, join_policy)``."""

    def make(cid, visibility, join_policy="open"):
        return make_community(portal, cid, visibility, join_policy)

    return make


@pytest.fixture
def open_community(people, portal):
    return make_community(portal, "offen", "open")


@pytest.fixture
def closed_community(people, portal):
    return make_community(portal, "geschlossen", "closed", "request")


@pytest.fixture
def secret_community(people, portal):
    return make_community(portal, "geheim", "secret", "invite")
