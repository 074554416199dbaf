"""People, content and HTTP sessions for the authorisation and CSRF sweeps.

The functional layer gives each test its own stacked storage: what a test
commits is gone after it. Each sweep is therefore one test that builds the
world once (``world``) and makes all its calls against it.

Who is who:

- ``anon``: nobody logged in;
- ``nomember``: logged in without the Member role (Nora);
- ``member``: Erik, an employee (Member) on no community roster;
- ``cmember``: Mia, member of every community;
- ``moderator``: Moritz, moderator of every community;
- ``author``: Anna, who wrote the posts and ideas (Member, on no roster);
- ``reviewer``: Rita, reviewer of the idea box (Member);
- ``manager``: Carla Chef (Manager).

Olga (Member) owns the communities and Bert (Member) replies to Anna's
question; neither is a role of the sweep.
"""

from DateTime import DateTime
from ospa.social.ideas import api as ideas
from ospa.social.stream import posts
from ospa.social.testing import CHEF_EMPLOYEE
from ospa.social.testing import create_users
from ospa.social.testing import ERIK
from ospa.social.testing import PASSWORD
from ospa.social.testing import registered_services  # noqa: F401
from ospa.social.testing import registered_views  # noqa: F401
from ospa.social.testing import ROSTER
from ospa.social.testing import start_community
from ospa.social.testing import sync  # noqa: F401
from ospa.social.testing import token_for  # noqa: F401
from pathlib import Path
from plone import api
import pytest
import requests
import transaction
import yaml


HERE = Path(__file__).resolve().parent
ACCESS = HERE / "access.yaml"

# role of the sweep: the user id (None: anonymous)
ROLES = {
    "anon": None,
    "nomember": "nomember",
    "member": "erik",
    "cmember": "mia",
    "moderator": "moritz",
    "author": "anna",
    "reviewer": "rita",
    "manager": "chef",
}
# user id: (full name, site roles)
PEOPLE = {
    "nomember": ("Nora Nobody", ()),
    "erik": ERIK,
    "mia": ("Mia Member", ("Member",)),
    "moritz": ("Moritz Moderator", ("Member",)),
    "anna": ("Anna Albers", ("Member",)),
    "rita": ("Rita Review", ("Member",)),
    "chef": CHEF_EMPLOYEE,
    "olga": ("Olga Owner", ("Member",)),
    "bert": ("Bert Behrens", ("Member",)),
}
COMMUNITIES = (
    ("open", "offen", "open"),
    ("closed", "geschlossen", "request"),
    ("secret", "geheim", "invite"),
)
# idea key: the transitions after its creation by Anna (None: a draft)
IDEAS = {
    "draft": None,
    "submitted": ("submit",),
    "in_review": ("submit", "review"),
    "accepted": ("submit", "accept"),
    "declined": ("submit", "decline"),
    "implemented": ("submit", "accept", "implement"),
}
ANSWER = "Danke, wir haben entschieden."


def load_access() -> dict:
    """The expected-access table (``access.yaml``)."""
    return yaml.safe_load(ACCESS.read_text())


def create_people():
    create_users(PEOPLE)


def build_world(portal) -> dict:
    """Everything the sweeps call, committed; ``{context name: object}``."""
    create_people()
    found = {"site": portal, "stream": portal["stream"]}
    with api.env.adopt_user(username="chef"):
        news = api.content.create(
            portal, "News Item", id="kantine", title="Kantine", subject=["Kantine"]
        )
        api.content.transition(news, "publish")
        found["news"] = news
        found["private"] = api.content.create(
            portal, "Document", id="intern", title="Intern"
        )
        box = api.content.create(
            portal, "Idea Box", id="ideen", title="Ideenbox", reviewers=["rita"]
        )
        found["box"] = box
    for key, cid, policy in COMMUNITIES:
        community = start_community(portal, "olga", cid, key, policy, roster=ROSTER)
        found[key] = community
        with api.env.adopt_user(username="mia"):
            found[f"{key}_post"] = posts.create(community, f"Beitrag in {cid} #Kantine")
    with api.env.adopt_user(username="anna"):
        found["post"] = posts.create(portal["stream"], "Hallo #Kantine, fragt @bert")
        found["spare"] = posts.create(portal["stream"], "Gleich wieder weg")
        found["question"] = posts.create(
            portal["stream"], "Wo ist der Schlüssel?", question=True
        )
    with api.env.adopt_user(username="bert"):
        found["reply"] = posts.create(
            portal["stream"], "Im Kasten.", in_reply_to=found["question"].UID()
        )
    for key, transitions in IDEAS.items():
        with api.env.adopt_user(username="anna"):
            idea = api.content.create(
                box,
                "Idea",
                id=f"idee-{key}",
                title=f"Idee {key}",
                problem=f"Problem {key}",
                benefit="Alle freuen sich.",
            )
        for name in transitions or ():
            user = "anna" if name in ideas.AUTHOR_TRANSITIONS else "rita"
            answer = ANSWER if name in ideas.ANSWER_REQUIRED else None
            with api.env.adopt_user(username=user):
                ideas.transition(idea, name, answer)
        idea.creation_date = DateTime() - 1
        found[f"idea_{key}"] = idea
    transaction.commit()
    return found


# -- the registry -------------------------------------------------------------

# The registry look-ups live in ospa.social.testing (the leak sweeps use
# them too); imported here for the sweeps of this folder.


# -- fixtures -----------------------------------------------------------------


@pytest.fixture
def world(functional_portal) -> dict:
    """People and content of the sweeps, committed (gone after the test)."""
    return build_world(functional_portal)


@pytest.fixture
def sessions(functional_portal):
    """``sessions[role]``: a requests session logged in as that role's user."""
    made = {}
    for role, userid in ROLES.items():
        session = requests.Session()
        if userid:
            session.auth = (userid, PASSWORD)
        made[role] = session
    yield made
    for session in made.values():
        session.close()
