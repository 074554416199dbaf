"""People, idea boxes and ideas for the ideas integration tests."""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from contextlib import contextmanager
from ospa.social.testing import CHEF
from ospa.social.testing import create_people
from ospa.social.testing import make_community
from ospa.social.testing import ROSTER_PEOPLE
from plone import api
import pytest


PEOPLE = {
    # user id: (full name, site roles)
    "anna": ("Anna Autorin", ["Member"]),
    "bert": ("Bert Beispiel", ["Member"]),
    "carl": ("Carl Colleague", ["Member"]),
    "rita": ("Rita Reviewer", ["Member"]),  # reviewer of the site box
    "gabi": ("Gabi Gruppe", ["Member"]),  # in the group idea-reviewers
    "sina": ("Sina Siteadmin", ["Member", "Site Administrator"]),
    "chef": CHEF,
    "nomember": ("Nora Nobody", []),
    # the community people (ospa.social.testing's make_community)
    **ROSTER_PEOPLE,
}


@pytest.fixture
def people(portal):
    create_people(portal, PEOPLE)
    api.group.add_user(groupname="idea-reviewers", username="gabi")
    return PEOPLE


def make_box(container, bid="ideen", **fields):
    """An idea box, created by the manager Carla."""
    with api.env.adopt_user(username="chef"):
        return api.content.create(
            container, "Idea Box", id=bid, title=f"Ideenbox {bid}", **fields
        )


@pytest.fixture
def box(people, portal):
    """A site-wide idea box; Rita is its reviewer."""
    return make_box(portal, reviewers=["rita"])


def make_idea(box, userid="anna", title="Mehr Licht", submit=True, **fields):
    """An idea written (and, with ``submit``, submitted) by ``userid``."""
    from ospa.social.ideas import api as ideas

    fields.setdefault("problem", "Es ist zu dunkel im Flur.")
    fields.setdefault("benefit", "Niemand stolpert mehr.")
    with api.env.adopt_user(username=userid):
        idea = api.content.create(box, "Idea", title=title, **fields)
        if submit:
            ideas.transition(idea, "submit")
    return idea


@contextmanager
def acting(userid):
    """Act as ``userid``; None is anonymous. The former user comes back."""
    if userid is not None:
        with api.env.adopt_user(username=userid):
            yield
        return
    before = getSecurityManager().getUser()
    newSecurityManager(None, nobody)
    try:
        yield
    finally:
        newSecurityManager(None, before)


def as_user(userid, function, *args, **kwargs):
    """Call ``function`` as ``userid`` (None: anonymous)."""
    with acting(userid):
        return function(*args, **kwargs)


@pytest.fixture
def idea_of(box):
    """``idea_of(userid, title, submit=True, container=box, **fields)``."""

    def make(userid="anna", title="Mehr Licht", submit=True, container=None, **kw):
        return make_idea(container or box, userid, title, submit=submit, **kw)

    return make


@pytest.fixture
def idea(idea_of):
    """Anna's submitted idea in the site box."""
    return idea_of()


@pytest.fixture
def act():
    """``with act(userid):`` runs as that user (None: anonymous)."""
    return acting


@pytest.fixture
def community_box(people, portal):
    """``community_box(visibility)``: a community of Olga's with an idea box."""

    def make(visibility):
        community = make_community(portal, f"c-{visibility}", visibility)
        return make_box(community, "ideen")

    return make


@pytest.fixture
def events():
    """Collect the idea events fired during the test (handler removed after)."""
    from ospa.social.interfaces import IIdeaEvent
    from zope.component import getGlobalSiteManager
    from zope.component import provideHandler

    seen = []

    def handler(event):
        seen.append(event)

    provideHandler(handler, [IIdeaEvent])
    yield seen
    getGlobalSiteManager().unregisterHandler(handler, [IIdeaEvent])


@pytest.fixture
def next_request(portal):
    """Forget what borg.localrole cached on the request, as a new request would.

    Local roles changed in a test are only seen by the next request.
    """
    from zope.annotation.interfaces import IAnnotations

    def forget():
        annotations = IAnnotations(portal.REQUEST)
        for key in list(annotations.keys()):
            if isinstance(key, str) and key.startswith("borg.localrole"):
                del annotations[key]

    return forget
