"""People and content on the functional WSGI server, for the social UI tests.

The functional layer gives each test its own stacked storage: what a test
commits is gone after it.
"""

from ospa.social.testing import sync  # noqa: F401
from ospa.social.testing import token_for  # noqa: F401
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import re
import requests
import transaction


PASSWORD = "secret12345"
TOKEN = re.compile(r'name="_authenticator"[^>]*value="([0-9a-f]+)"')


@pytest.fixture
def site(functional_portal):
    """The site, with two members, a user without Member role and a manager."""
    with api.env.adopt_roles(["Manager"]):
        for userid, fullname, roles in (
            ("anna", "Anna Albers", ["Member"]),
            ("bert", "Bert Behrens", ["Member"]),
            ("nomember", "Nora Nobody", []),
            ("chef", "Carla Chef", ["Manager"]),
        ):
            api.user.create(
                email=f"{userid}@example.org",
                username=userid,
                password=PASSWORD,
                properties={"fullname": fullname},
            )
            # A new user always gets Member: set the roles afterwards.
            api.user.revoke_roles(username=userid, roles=["Member"])
            if roles:
                api.user.grant_roles(username=userid, roles=roles)
        news = api.content.create(
            functional_portal, "News Item", id="kantine", title="Kantine"
        )
        api.content.transition(news, "publish")
        folder = api.content.create(
            functional_portal, "Folder", id="ablage", title="Ablage"
        )
        api.content.transition(folder, "publish")
    transaction.commit()
    return functional_portal


@pytest.fixture
def news(site):
    return site["kantine"]


@pytest.fixture
def browse(site):
    """A requests session logged in (HTTP basic auth) as ``userid``."""
    sessions = []

    def make(userid=None):
        session = requests.Session()
        if userid == "admin":
            session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        elif userid:
            session.auth = (userid, PASSWORD)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()


def token_of(session, url) -> str:
    """The CSRF token a page's forms give the session's user."""
    response = session.get(url, timeout=30)
    assert response.status_code == 200, response.status_code
    found = TOKEN.search(response.text)
    assert found, "no _authenticator on the page"
    return found.group(1)
