"""People and communities of every visibility for the communities tests."""

from ospa.social.testing import CHEF
from ospa.social.testing import create_people
from ospa.social.testing import ERIK
from ospa.social.testing import GERD
from ospa.social.testing import ROSTER
from ospa.social.testing import ROSTER_PEOPLE
from ospa.social.testing import start_community
from plone import api
import pytest


# user id: (full name, site roles)
PEOPLE = {**ROSTER_PEOPLE, "erik": ERIK, "gast": GERD, "chef": CHEF}


@pytest.fixture
def people(portal):
    return create_people(portal, PEOPLE)


def make_community(portal, cid, visibility, join_policy="open", **fields):
    """Olga starts a community; Moritz moderates, Mia is a member, Gerd a
    guest; Mia writes the page ``seite`` in it. Not committed."""
    community = start_community(
        portal,
        "olga",
        cid,
        visibility,
        join_policy,
        roster={**ROSTER, "gast": "guest"},
        description=f"About {cid}",
        **fields,
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
