"""The board of a box (sorts, filters, cards), its reviewers, the stream."""

from DateTime import DateTime
from ospa.social.ideas import api as ideas
from ospa.social.stream import query as stream
from plone import api
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
import pytest
import transaction


@pytest.fixture
def board(box, idea_of, act):
    """Four ideas of Anna's and Bert's, dated one day apart, one a draft.

    ``alt`` (oldest) has 1 support, ``mitte`` 3, ``neu`` (newest) none;
    ``entwurf`` is Bert's draft.
    """
    made = {}
    for days, (key, author, tags) in enumerate(
        [
            ("alt", "anna", ("Kantine",)),
            ("mitte", "anna", ("Kantine", "IT")),
            ("neu", "bert", ("it",)),
        ]
    ):
        idea = idea_of(author, key.title(), subject=tags)
        idea.creation_date = DateTime() - (3 - days)
        idea.reindexObject(idxs=["created"])
        made[key] = idea
    made["entwurf"] = idea_of("bert", "Entwurf", submit=False, subject=("Kantine",))
    for userid in ("bert", "carl", "rita"):
        with act(userid):
            ideas.support(made["mitte"])
    with act("carl"):
        ideas.support(made["alt"])
    return made


def ids(brains):
    return [brain.getId for brain in brains]


def test_sorted_by_supports_newest_and_changed(box, board, act):
    with act("carl"):
        assert ids(ideas.query(box)) == ["mitte", "alt", "neu"]
        assert ids(ideas.query(box, sort="supports")) == ["mitte", "alt", "neu"]
        assert ids(ideas.query(box, sort="newest")) == ["neu", "mitte", "alt"]
    # A change of status brings an idea to the top of "recently changed".
    with act("rita"):
        ideas.transition(board["alt"], "review")
    with act("carl"):
        assert ids(ideas.query(box, sort="changed"))[0] == "alt"
        assert ids(ideas.query(box, sort="newest")) == ["neu", "mitte", "alt"]


def test_filtered_by_status_and_tag(box, board, act):
    with act("rita"):
        ideas.transition(board["mitte"], "accept", "Ja.")
    with act("carl"):
        assert ids(ideas.query(box, status="accepted")) == ["mitte"]
        assert ids(ideas.query(box, status="submitted")) == ["alt", "neu"]
        assert ids(ideas.query(box, status="declined")) == []
        assert ids(ideas.query(box, tag="Kantine")) == ["mitte", "alt"]
        assert ids(ideas.query(box, tag="Kantine", status="accepted")) == ["mitte"]
        assert ideas.tags(box) == ["IT", "it", "Kantine"]


def test_drafts_only_in_my_ideas(box, board, act):
    with act("bert"):
        assert "entwurf" not in ids(ideas.query(box))
        assert "entwurf" not in ids(ideas.query(box, tag="Kantine"))
        assert sorted(ids(ideas.query(box, mine=True))) == ["entwurf", "neu"]
        assert ids(ideas.query(box, status="draft")) == ["entwurf"]
        assert ids(ideas.query(box, mine=True, status="draft")) == ["entwurf"]
    with act("anna"):
        assert sorted(ids(ideas.query(box, mine=True))) == ["alt", "mitte"]
        assert ids(ideas.query(box, status="draft")) == []
    with act(None), pytest.raises(ideas.Unauthorized):
        ideas.query(box, mine=True)


@pytest.mark.parametrize(
    "arguments",
    [{"sort": "popular"}, {"status": "published"}, {"tag": "x" * 101}, {"tag": 3}],
)
def test_bad_board_parameters(box, act, arguments):
    with act("carl"), pytest.raises(ideas.IdeaError):
        ideas.query(box, **arguments)


def test_cards_show_what_the_board_needs(box, board, act):
    with act("carl"):
        mine = ideas.supported_uids(box)
        cards = {c["uid"]: c for c in (ideas.card(b, mine) for b in ideas.query(box))}
    assert mine == {board["mitte"].UID(), board["alt"].UID()}
    card = cards[board["mitte"].UID()]
    assert card["title"] == "Mitte"
    assert card["status"] == "submitted"
    assert card["status_title"] == "Submitted"
    assert card["supports"] == 3
    assert card["supported"] is True
    assert card["comments"] == 0
    assert card["tags"] == ["Kantine", "IT"]
    assert card["author"]["id"] == "anna"
    assert card["@id"] == board["mitte"].absolute_url()
    assert card["changed"] == ideas.status_changed_ms(board["mitte"])
    assert cards[board["neu"].UID()]["supported"] is False


def test_cards_count_the_comments(box, idea, act):
    from plone.app.discussion.interfaces import IConversation
    from zope.component import createObject

    comment = createObject("plone.Comment")
    comment.text = "Gute Idee!"
    with act("bert"):
        IConversation(idea).addComment(comment)
    assert len(IConversation(idea)) == 1
    with act("carl"):
        [brain] = ideas.query(box)
        assert ideas.card(brain)["comments"] == 1


def test_the_reviewers_field_is_the_local_role(box, act, next_request):
    assert box.reviewers == ["rita"]
    assert "Idea Reviewer" in box.get_local_roles_for_userid("rita")
    box.manage_setLocalRoles("bert", ["Editor"])
    box.reviewers = ["bert", "idea-reviewers"]
    assert box.reviewers == ["bert", "idea-reviewers"]
    assert box.get_local_roles_for_userid("rita") == ()
    assert sorted(box.get_local_roles_for_userid("bert")) == ["Editor", "Idea Reviewer"]
    box.reviewers = []
    assert box.reviewers == []
    # Other local roles stay.
    assert box.get_local_roles_for_userid("bert") == ("Editor",)
    assert "Reader" in box.get_local_roles_for_userid("ospa-employees")


def test_new_reviewers_reindex_the_ideas_security(box, idea_of, act, next_request):
    catalog = api.portal.get_tool("portal_catalog")
    idea = idea_of("anna", "Geprüft")
    box.manage_delLocalRoles(["ospa-employees"])
    box.reindexObjectSecurity()
    next_request()
    with act("carl"):
        assert not catalog(UID=idea.UID())
    box.manage_setLocalRoles("carl", ["Reader"])  # not reindexed by itself
    transaction.savepoint(optimistic=True)  # a stored box, as in a real edit
    box.reviewers = ["carl"]
    # The edit form and REST PATCH fire this after setting the fields.
    notify(ObjectModifiedEvent(box))
    next_request()
    with act("carl"):
        assert [b.UID for b in catalog(UID=idea.UID())] == [idea.UID()]


def test_a_box_reviewer_reviews_only_what_they_see(community_box, act, next_request):
    """The reviewer role grants the review, not the view, of a closed box."""
    container = community_box("closed")
    container.reviewers = ["rita"]
    next_request()
    with act("mia"):
        idea = api.content.create(container, "Idea", title="Intern")
        ideas.transition(idea, "submit")
    catalog = api.portal.get_tool("portal_catalog")
    with act("rita"):
        assert not catalog(UID=idea.UID())
        with pytest.raises(ideas.Unauthorized):
            ideas.transition(idea, "review")
    container.manage_setLocalRoles("rita", ["Idea Reviewer", "Reader"])
    container.reindexObjectSecurity()
    next_request()
    with act("rita"):
        assert [b.UID for b in catalog(UID=idea.UID())] == [idea.UID()]
        assert ideas.transition(idea, "review") == "in_review"


def test_the_sharing_page_offers_the_reviewer_role():
    from plone.app.workflow.interfaces import ISharingPageRole
    from zope.component import getUtility

    role = getUtility(ISharingPageRole, name="Idea Reviewer")
    assert role.title.default == "Can review ideas"
    assert role.required_interface is ideas.IIdeaBox


def test_the_reviewers_group_reviews_everywhere(portal):
    assert "Idea Reviewer" in api.group.get_roles(groupname="idea-reviewers")


def stream_ideas(userid):
    with api.env.adopt_user(username=userid):
        return [i for i in stream.query(size=50)["items"] if i["kind"] == "idea"]


def test_ideas_in_the_stream(box, idea_of, act):
    first = idea_of("anna", "Zuerst", description="Kurz gesagt: mehr Licht.")
    second = idea_of("anna", "Danach")
    items = stream_ideas("carl")
    assert [i["uid"] for i in items] == [second.UID(), first.UID()]
    item = items[1]
    assert item["verb"] == "submitted"
    assert item["idea"]["status"] == "submitted"
    assert item["idea"]["answer"] is None
    assert item["object"]["text"] == "Kurz gesagt: mehr Licht."
    assert item["counts"]["supports"] == 0
    with act("carl"):
        ideas.support(first)
    with act("rita"):
        ideas.transition(first, "accept", "Wird im Mai umgesetzt.")
    items = stream_ideas("carl")
    assert [i["uid"] for i in items] == [first.UID(), second.UID()]
    assert items[0]["verb"] == "accepted"
    assert items[0]["idea"]["status"] == "accepted"
    assert items[0]["idea"]["status_title"] == "Accepted"
    assert items[0]["idea"]["answer"] == "Wird im Mai umgesetzt."
    assert items[0]["counts"]["supports"] == 1
    with act("anna"):
        ideas.transition(second, "withdraw")
    assert [i["uid"] for i in stream_ideas("carl")] == [first.UID()]
    assert [i["uid"] for i in stream_ideas("anna")] == [first.UID()]


@pytest.mark.parametrize(
    ("steps", "verb"),
    [
        ((("review", None),), "review_started"),
        ((("decline", "Nein."),), "declined"),
        ((("accept", "Ja."), ("implement", None)), "implemented"),
    ],
)
def test_the_stream_says_what_happened(idea, act, steps, verb):
    with act("rita"):
        for name, answer in steps:
            ideas.transition(idea, name, answer)
    assert stream_ideas("carl")[0]["verb"] == verb
