"""Fixtures of the social layer's integration tests: people and content."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
import pytest


@pytest.fixture
def people(portal):
    """Two employees (Member), one user without the Member role, a manager."""
    made = {}
    setRoles(portal, TEST_USER_ID, ["Manager"])
    for userid, fullname, roles in (
        ("anna", "Anna Albers", ["Member"]),
        ("bert", "Bert Behrens", ["Member"]),
        ("nomember", "Nora Nobody", []),
        ("chef", "Carla Chef", ["Manager"]),
    ):
        made[userid] = api.user.create(
            email=f"{userid}@example.org",
            username=userid,
            password="secret12345",
            roles=roles,
            properties={"fullname": fullname},
        )
    # A user created without roles still gets Member: take it away.
    api.user.revoke_roles(username="nomember", roles=["Member"])
    setRoles(portal, TEST_USER_ID, ["Member"])
    return made


@pytest.fixture
def news(portal):
    """Published news, as the Intranet 1.0 had it before ospa.social came."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    item = api.content.create(portal, "News Item", id="kantine", title="Kantine")
    api.content.transition(item, "publish")
    setRoles(portal, TEST_USER_ID, ["Member"])
    return item


@pytest.fixture
def private_page(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    item = api.content.create(portal, "Document", id="intern", title="Intern")
    setRoles(portal, TEST_USER_ID, ["Member"])
    return item
