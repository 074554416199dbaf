"""Fixtures of the REST tests: people and content on the functional site.

The WSGI server runs in another thread with its own connection: whatever a
fixture creates is committed before a test talks HTTP to it.
"""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import pytest
import requests
import transaction


PASSWORD = "secret12345"
JSON = {"Accept": "application/json"}
SEND_JSON = {"Accept": "application/json", "Content-Type": "application/json"}


@pytest.fixture
def site_url(functional_portal) -> str:
    return functional_portal.absolute_url()


def as_manager():
    """Act as the site owner (the functional site has nobody logged in)."""
    return api.env.adopt_user(username=SITE_OWNER_NAME)


def create_user(userid, fullname, roles=("Member",)):
    """A user with exactly ``roles`` (a new user gets Member unless taken away)."""
    with as_manager():
        api.user.create(
            email=f"{userid}@example.org",
            username=userid,
            password=PASSWORD,
            roles=list(roles),
            properties={"fullname": fullname},
        )
        if "Member" not in roles:
            api.user.revoke_roles(username=userid, roles=["Member"])


@pytest.fixture
def people(functional_portal):
    """Two members, one user without the Member role and a manager."""
    for userid, fullname, roles in (
        ("anna", "Anna Albers", ("Member",)),
        ("bert", "Bert Behrens", ("Member",)),
        ("nomember", "Nora Nobody", ()),
        ("chef", "Carla Chef", ("Member", "Manager")),
    ):
        create_user(userid, fullname, roles)
    transaction.commit()
    return ("anna", "bert", "nomember", "chef")


@pytest.fixture
def news(functional_portal):
    """Published news, tagged ``Kantine``: likeable, followable, commentable."""
    with as_manager():
        item = api.content.create(
            functional_portal,
            "News Item",
            id="kantine",
            title="Kantine",
            subject=["Kantine"],
        )
        api.content.transition(item, "publish")
    transaction.commit()
    return item


@pytest.fixture
def private_page(functional_portal):
    """A page never published: only managers (and its owner) see it."""
    with as_manager():
        item = api.content.create(
            functional_portal, "Document", id="intern", title="Intern"
        )
    transaction.commit()
    return item


@pytest.fixture
def folder(functional_portal):
    """A published folder: a type without the social behaviours."""
    with as_manager():
        item = api.content.create(
            functional_portal, "Folder", id="ablage", title="Ablage"
        )
        api.content.transition(item, "publish")
    transaction.commit()
    return item


class Client:
    """``requests`` as one user (or anonymous), JSON in and out."""

    def __init__(self, base, auth=None):
        self.base = base
        self.auth = auth

    def _url(self, path):
        if path.startswith("http"):
            return path
        return f"{self.base}/{path.lstrip('/')}" if path else self.base

    def request(self, method, path, body=None, data=None, params=None):
        headers = SEND_JSON if body is not None or data is not None else JSON
        return requests.request(
            method,
            self._url(path),
            headers=headers,
            auth=self.auth,
            json=body,
            data=data,
            params=params,
            timeout=60,
        )

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)

    def patch(self, path, **kwargs):
        return self.request("PATCH", path, **kwargs)


@pytest.fixture
def client(site_url):
    """``client("anna")``, ``client(None)`` for anonymous, ``client("admin")``."""

    def make(userid=None):
        if userid is None:
            return Client(site_url)
        if userid == "admin":
            return Client(site_url, (SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
        return Client(site_url, (userid, PASSWORD))

    return make


def _assert_error(response, status, kind=None):
    """A JSON error of plone.restapi: the status, ``type`` and ``message``."""
    assert response.status_code in (
        status if isinstance(status, tuple) else (status,)
    ), response.text
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body.get("type"), str), body
    assert body["type"], body
    assert isinstance(body.get("message"), str), body
    assert body["message"], body
    if kind is not None:
        assert body["type"] == kind, body
    return body


@pytest.fixture
def assert_error():
    """``assert_error(response, 400, "BadRequest")``: returns the body."""
    return _assert_error


@pytest.fixture
def crowd(functional_portal):
    """25 members, ``fan00`` to ``fan24``, for lists longer than a page."""
    userids = [f"fan{number:02d}" for number in range(25)]
    for userid in userids:
        create_user(userid, f"Fan {userid[3:]}")
    transaction.commit()
    return userids


# -- communities -----------------------------------------------------------

# user id: (full name, site roles); ``leitung`` manages the site.
COMMUNITY_PEOPLE = {
    "olga": ("Olga Owner", ("Member",)),
    "moritz": ("Moritz Moderator", ("Member",)),
    "mia": ("Mia Member", ("Member",)),
    "erik": ("Erik Employee", ("Member",)),
    "gast": ("Gerd Gast", ("Member",)),
    "leitung": ("Lena Leitung", ("Member", "Manager")),
}
# visibility: (id, join policy, unique word of its title, of its page's title)
COMMUNITIES = {
    "open": ("offen", "open", "Quokka", "Kolibri"),
    "closed": ("geschlossen", "request", "Narwal", "Pinguin"),
    "secret": ("geheim", "invite", "Axolotl", "Tukan"),
}


@pytest.fixture
def community_people(functional_portal):
    """Olga (owner), Moritz (moderator), Mia (member) of every community of
    ``communities``; Erik and Gerd are employees on no roster; Lena manages
    the site.
    """
    for userid, (fullname, roles) in COMMUNITY_PEOPLE.items():
        create_user(userid, fullname, roles)
    transaction.commit()
    return tuple(COMMUNITY_PEOPLE)


def make_community(portal, visibility, cid=None, join_policy=None, word=None):
    """Olga starts a community; Moritz moderates, Mia is a member and has
    written a page in it. Not committed.
    """
    from ospa.social.communities import api as communities

    default_id, default_policy, default_word, page_word = COMMUNITIES[visibility]
    cid = cid or default_id
    word = word or default_word
    with api.env.adopt_user(username="olga"):
        community = api.content.create(
            portal["communities"],
            "Community",
            id=cid,
            title=f"Community {word}",
            description=f"About {word}",
            subject=["Tiere"],
            visibility=visibility,
            join_policy=join_policy or default_policy,
        )
        communities.add(community, "moritz", "moderator")
        communities.add(community, "mia", "member")
    with api.env.adopt_user(username="mia"):
        api.content.create(
            community, "Document", id="seite", title=f"Seite {page_word}"
        )
    return community


@pytest.fixture
def communities(community_people, functional_portal):
    """One community of each visibility, by visibility (committed):
    ``offen`` (join at once), ``geschlossen`` (ask to join) and ``geheim``
    (by invitation), each with the page ``seite``.
    """
    found = {
        visibility: make_community(functional_portal, visibility)
        for visibility in COMMUNITIES
    }
    transaction.commit()
    return found


@pytest.fixture
def new_community(community_people, functional_portal):
    """``new_community("open", "nurmit", "invite", "Wombat")``: committed."""

    def make(visibility, cid, join_policy, word):
        community = make_community(
            functional_portal, visibility, cid, join_policy, word
        )
        transaction.commit()
        return community

    return make
