"""Who sees which idea: drafts, and ideas in site and community boxes.

Every viewer (anonymous, a user without the Member role, employees, the
author, the community's people, reviewers, a site administrator and a
manager) through every way ideas are listed: the board's query, the
catalog, the activity stream, its count of new items, and the supporters.
"""

from AccessControl import Unauthorized
from ospa.social.ideas import api as ideas
from ospa.social.stream import query as stream
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest


VIEWERS = [
    None,  # anonymous
    "nomember",
    "bert",
    "anna",
    "mia",
    "moritz",
    "olga",
    "rita",
    "gabi",
    "sina",
    "chef",
]
STAFF = {"sina", "chef"}  # Site Administrator, Manager
ROSTER = {"olga", "moritz", "mia"}
# Without the Member role, nomember is no employee (Site Setup → Social
# intranet → Employees): like a guest on no roster, they see no idea box.
EMPLOYEES = {"bert", "anna", "rita", "gabi"} | ROSTER | STAFF

# where -> who sees the submitted idea there
SEES = {
    "site": EMPLOYEES,
    "open": EMPLOYEES,
    "closed": ROSTER | STAFF,
    "secret": ROSTER | STAFF,
}
# the author of the ideas in each place
AUTHORS = {"site": "anna", "open": "mia", "closed": "mia", "secret": "mia"}


def make_place(where, box, community_box, idea_of, act):
    """In ``where`` a submitted idea and a draft, each with a File attached."""
    container = box if where == "site" else community_box(where)
    author = AUTHORS[where]
    submitted = idea_of(author, f"Idee {where}", container=container)
    draft = idea_of(author, f"Entwurf {where}", container=container, submit=False)
    with act(author):
        for idea in (submitted, draft):
            api.content.create(idea, "File", id="anhang", title=f"Anhang {where}")
    return {"box": container, "idea": submitted, "draft": draft}


@pytest.fixture(params=list(SEES))
def place(request, box, community_box, idea_of, act):
    return make_place(request.param, box, community_box, idea_of, act)


@pytest.fixture
def places(box, community_box, idea_of, act):
    return {
        where: make_place(where, box, community_box, idea_of, act) for where in SEES
    }


def uids(brains):
    return {brain.UID for brain in brains}


def where_of(place):
    return place["idea"].Title().split()[-1]


def seen_by(act, check):
    """The viewers for whom ``check()`` is true."""
    found = set()
    for viewer in VIEWERS:
        with act(viewer):
            if check():
                found.add(viewer)
    return found


def test_submitted_ideas_follow_their_box(place, act):
    where = where_of(place)
    idea = place["idea"]
    uid = idea.UID()
    catalog = api.portal.get_tool("portal_catalog")
    expected = SEES[where]
    assert seen_by(act, lambda: uid in uids(ideas.query(place["box"]))) == expected
    assert seen_by(act, lambda: uid in uids(ideas.query())) == expected
    assert seen_by(act, lambda: uid in uids(catalog(portal_type="Idea"))) == expected
    text = f"Idee {where}"
    assert seen_by(act, lambda: uid in uids(catalog(SearchableText=text))) == expected
    attachment = idea["anhang"]
    files = lambda: attachment.UID() in uids(catalog(portal_type="File"))  # noqa: E731
    assert seen_by(act, files) == expected
    assert seen_by(act, lambda: api.user.has_permission("View", obj=attachment)) == (
        expected
    )
    for viewer in VIEWERS:
        with act(viewer):
            if viewer in expected:
                assert ideas.supporters(idea) == []
                assert ideas.history(idea)[-1]["status"] == "submitted"
            else:
                with pytest.raises(Unauthorized):
                    ideas.supporters(idea)


def test_submitted_ideas_in_the_stream(place, act):
    idea = place["idea"]
    drafts = {place["draft"].UID()}

    def in_stream():
        found = {
            i["uid"] for i in stream.query(size=50)["items"] if i["kind"] == "idea"
        }
        # Drafts are in nobody's stream, not even their author's.
        assert not found & drafts
        return idea.UID() in found

    assert seen_by(act, in_stream) == SEES[where_of(place)]


@pytest.mark.parametrize("where", list(SEES))
def test_the_count_of_new_items_counts_what_the_viewer_sees(
    box, community_box, idea_of, act, where
):
    container = box if where == "site" else community_box(where)
    idea = idea_of(AUTHORS[where], f"Neu {where}", container=container, submit=False)
    since = stream.now_ms() - 1
    before = {}
    for viewer in VIEWERS:
        with act(viewer):
            before[viewer] = stream.count_new(since)
    with act(AUTHORS[where]):
        ideas.transition(idea, "submit")
    after = {}
    for viewer in VIEWERS:
        with act(viewer):
            after[viewer] = stream.count_new(since)
    assert {v for v in VIEWERS if after[v] == before[v] + 1} == SEES[where]
    assert {v for v in VIEWERS if after[v] == before[v]} == set(VIEWERS) - SEES[where]


# Who sees a draft: its author and the site's staff. A community's owner
# holds the Owner role on the whole community (as its creator) and so sees
# the drafts there too: see test_community_owners_see_drafts_there below.
def sees_draft(viewer, where):
    """Only the author and the site's staff: not the community's owner."""
    return viewer in {AUTHORS[where]} | STAFF


def test_drafts_only_for_their_author(place, act):
    where = where_of(place)
    draft = place["draft"]
    uid = draft.UID()
    catalog = api.portal.get_tool("portal_catalog")
    expected = {viewer for viewer in VIEWERS if sees_draft(viewer, where)}
    assert seen_by(act, lambda: uid in uids(ideas.query(place["box"]))) == set()
    assert seen_by(act, lambda: uid in uids(catalog(portal_type="Idea"))) == expected
    attachment = draft["anhang"]
    files = lambda: attachment.UID() in uids(catalog(portal_type="File"))  # noqa: E731
    assert seen_by(act, files) == expected
    for viewer in VIEWERS[1:]:
        with act(viewer):
            mine = uids(ideas.query(place["box"], mine=True))
            drafts = uids(ideas.query(place["box"], status="draft"))
        assert (uid in mine) == (viewer == AUTHORS[where])
        assert (uid in drafts) == (viewer in expected)
    for viewer in set(VIEWERS) - expected:
        with act(viewer):
            with pytest.raises(Unauthorized):
                ideas.supporters(draft)
            with pytest.raises(Unauthorized):
                ideas.support(draft)


def test_community_owners_do_not_see_drafts_there(places, act):
    draft = places["open"]["draft"]
    with act("olga"):
        assert not api.user.has_permission("View", obj=draft)


def test_the_owner_of_the_place_does_not_submit_or_withdraw(places, act):
    """Olga owns the community: she neither sees, submits nor withdraws Mia's
    ideas (the workflow offers its author transitions to the local role Idea
    Author only)."""
    draft = places["open"]["draft"]
    idea = places["open"]["idea"]
    workflow = api.portal.get_tool("portal_workflow")
    with act("olga"):
        assert ideas.available_transitions(draft) == []
        with pytest.raises(Unauthorized):
            ideas.transition(draft, "submit")
        with pytest.raises(WorkflowException):
            workflow.doActionFor(draft, "submit")
        with pytest.raises(Unauthorized):
            ideas.transition(idea, "withdraw")
    assert ideas.status(draft) == "draft"
    assert ideas.status(idea) == "submitted"


def test_a_submitted_draft_s_attachments_follow_it(box, idea_of, act):
    draft = idea_of("anna", "Mit Anhang", submit=False)
    with act("anna"):
        attachment = api.content.create(draft, "File", id="plan", title="Plan")
    with act("bert"):
        assert not api.user.has_permission("View", obj=attachment)
    with act("anna"):
        ideas.transition(draft, "submit")
    catalog = api.portal.get_tool("portal_catalog")
    with act("bert"):
        assert api.user.has_permission("View", obj=attachment)
        assert attachment.UID() in uids(catalog(portal_type="File"))
    with act("anna"):
        ideas.transition(draft, "withdraw")
    with act("bert"):
        assert attachment.UID() not in uids(catalog(portal_type="File"))


def test_community_members_submit_and_support_in_their_box(community_box, act):
    container = community_box("closed")
    with act("mia"):
        idea = api.content.create(container, "Idea", title="Für alle Mitglieder")
        ideas.transition(idea, "submit")
    with act("moritz"):
        assert ideas.support(idea)["count"] == 1
    # Not a member: no new ideas there.
    with act("bert"), pytest.raises(Unauthorized):
        api.content.create(container, "Idea", title="Von draußen")
