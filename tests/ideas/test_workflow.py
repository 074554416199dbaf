"""The idea workflow: who changes the status, the official answers, history."""

from AccessControl import Unauthorized
from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from ospa.social.ideas import api as ideas
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
import pytest


REVIEWERS = ["rita", "gabi", "sina", "chef"]  # local, group, site admin, manager
NOT_REVIEWERS = ["anna", "bert", "nomember"]


def test_the_whole_lifecycle(idea_of, act):
    idea = idea_of("anna", "Lebenszyklus", submit=False)
    assert ideas.status(idea) == "draft"
    with act("anna"):
        assert ideas.available_transitions(idea) == ["submit"]
        assert ideas.transition(idea, "submit") == "submitted"
        assert ideas.available_transitions(idea) == ["withdraw"]
    with act("rita"):
        assert ideas.available_transitions(idea) == ["review", "accept", "decline"]
        assert ideas.transition(idea, "review") == "in_review"
        assert ideas.available_transitions(idea) == ["accept", "decline"]
        answer = "Gute Idee: Die Haustechnik tauscht die Lampen im Mai."
        assert ideas.transition(idea, "accept", answer) == "accepted"
        assert ideas.available_transitions(idea) == ["implement"]
        assert ideas.transition(idea, "implement") == "implemented"
        assert ideas.available_transitions(idea) == []
    with act("anna"):
        assert ideas.available_transitions(idea) == []
    with act("bert"):
        history = ideas.history(idea)
        official = ideas.official_answer(idea)
        info = ideas.info(idea)
    assert [(h["action"], h["status"]) for h in history] == [
        ("create", "draft"),
        ("submit", "submitted"),
        ("review", "in_review"),
        ("accept", "accepted"),
        ("implement", "implemented"),
    ]
    assert [h["actor"]["id"] for h in history[1:]] == ["anna", "rita", "rita", "rita"]
    assert history[3]["actor"]["fullname"] == "Rita Reviewer"
    assert [h["answer"] for h in history] == ["", "", "", answer, ""]
    assert history[3]["action_title"] == "Accepted"
    assert history[4]["status_title"] == "Implemented"
    times = [DateTime(h["time"]) for h in history]
    assert times == sorted(times)
    assert DateTime() - times[-1] < 1 / 24  # within the hour
    assert official["answer"] == answer
    assert official["actor"]["id"] == "rita"
    assert info["status"] == "implemented"
    assert info["status_title"] == "Implemented"
    assert info["answer"] == official
    assert info["history"] == history
    assert info["box"]["uid"] == idea.__parent__.UID()


@pytest.mark.parametrize("via_review", [False, True])
def test_decline_with_an_answer(idea, act, via_review):
    with act("rita"):
        if via_review:
            ideas.transition(idea, "review")
        assert ideas.transition(idea, "decline", "Das Budget ist verplant.") == (
            "declined"
        )
        assert ideas.available_transitions(idea) == []
    assert ideas.official_answer(idea)["answer"] == "Das Budget ist verplant."
    assert ideas.official_answer(idea)["action"] == "decline"


@pytest.mark.parametrize("name", ["accept", "decline"])
@pytest.mark.parametrize("answer", [None, "", "   \n "])
def test_accept_and_decline_need_an_answer(idea, act, name, answer):
    with act("rita"), pytest.raises(ideas.IdeaError) as raised:
        ideas.transition(idea, name, answer)
    assert "official answer" in raised.value.text(None)
    assert ideas.status(idea) == "submitted"
    assert ideas.official_answer(idea) is None
    assert len(ideas.history(idea)) == 2


def test_answers_must_be_short_texts(idea, act):
    with act("rita"):
        with pytest.raises(ideas.IdeaError):
            ideas.transition(idea, "accept", "x" * (ideas.MAX_ANSWER + 1))
        with pytest.raises(ideas.IdeaError):
            ideas.transition(idea, "accept", ["Ja"])
    assert ideas.status(idea) == "submitted"


@pytest.mark.parametrize("name", ["accept", "decline"])
def test_the_workflow_tool_also_demands_an_answer(idea, act, name):
    """The toolbar and plone.restapi's @workflow call the tool directly."""
    workflow = api.portal.get_tool("portal_workflow")
    with act("rita"):
        with pytest.raises(WorkflowException) as raised:
            workflow.doActionFor(idea, name)
        assert "official answer" in str(raised.value)
        with pytest.raises(WorkflowException):
            workflow.doActionFor(idea, name, comment="  ")
        assert ideas.status(idea) == "submitted"
        workflow.doActionFor(idea, name, comment="Entschieden im Gremium.")
    assert ideas.official_answer(idea)["answer"] == "Entschieden im Gremium."


def test_withdraw_only_without_supports(idea, act):
    with act("bert"):
        ideas.support(idea)
    with act("anna"), pytest.raises(ideas.IdeaError) as raised:
        ideas.transition(idea, "withdraw")
    assert "cannot be withdrawn" in raised.value.text(None)
    assert ideas.status(idea) == "submitted"
    workflow = api.portal.get_tool("portal_workflow")
    with act("anna"), pytest.raises(WorkflowException):
        workflow.doActionFor(idea, "withdraw")
    assert ideas.status(idea) == "submitted"
    with act("bert"):
        ideas.unsupport(idea)
    with act("anna"):
        assert ideas.transition(idea, "withdraw") == "draft"
        # Back to a draft, and submitted again later.
        assert ideas.transition(idea, "submit") == "submitted"


def test_only_the_author_submits_and_withdraws(idea_of, act):
    draft = idea_of("anna", "Entwurf", submit=False)
    idea = idea_of("anna", "Eingereicht")
    # A reviewer does not see the draft at all.
    with act("rita"), pytest.raises(Unauthorized):
        ideas.transition(draft, "submit")
    for userid in ("bert", "rita"):
        with act(userid), pytest.raises(Unauthorized):
            ideas.transition(idea, "withdraw")
    assert ideas.status(draft) == "draft"
    assert ideas.status(idea) == "submitted"


def test_no_submission_after_the_deadline(box, idea_of, act):
    draft = idea_of("anna", "Zu spät", submit=False)
    box.deadline = datetime.now() - timedelta(minutes=5)
    with act("anna"):
        with pytest.raises(ideas.IdeaError) as raised:
            ideas.transition(draft, "submit")
        assert "deadline" in raised.value.text(None)
        with pytest.raises(WorkflowException):
            api.portal.get_tool("portal_workflow").doActionFor(draft, "submit")
    assert ideas.status(draft) == "draft"
    box.deadline = datetime.now() + timedelta(days=7)
    with act("anna"):
        assert ideas.transition(draft, "submit") == "submitted"


def test_reviewers_decide_after_the_deadline(box, idea, act):
    """The deadline closes submissions and supports, not the review."""
    box.deadline = datetime.now() - timedelta(days=1)
    with act("rita"):
        ideas.transition(idea, "review")
        assert ideas.transition(idea, "accept", "Kommt.") == "accepted"


@pytest.mark.parametrize("reviewer", REVIEWERS)
def test_reviewers_review_accept_and_implement(idea, act, reviewer):
    with act(reviewer):
        assert "review" in ideas.available_transitions(idea)
        ideas.transition(idea, "review")
        ideas.transition(idea, "accept", "Ja.")
        assert ideas.transition(idea, "implement") == "implemented"
    assert [h["actor"]["id"] for h in ideas.history(idea)[2:]] == [reviewer] * 3


@pytest.mark.parametrize("userid", NOT_REVIEWERS)
@pytest.mark.parametrize("name", ["review", "accept", "decline"])
def test_others_cannot_change_the_status(idea, act, userid, name):
    with act(userid):
        assert ideas.available_transitions(idea) in ([], ["withdraw"])
        with pytest.raises(Unauthorized):
            ideas.transition(idea, name, "Ich entscheide das.")
        with pytest.raises(WorkflowException):
            api.portal.get_tool("portal_workflow").doActionFor(
                idea, name, comment="Ich entscheide das."
            )
    assert ideas.status(idea) == "submitted"


def test_anonymous_cannot_change_the_status(idea, act):
    with act(None), pytest.raises(Unauthorized):
        ideas.transition(idea, "review")
    assert ideas.status(idea) == "submitted"


def test_box_reviewers_review_only_their_box(portal, box, act):
    with act("chef"):
        second = api.content.create(portal, "Idea Box", id="zweite", title="Zweite")
    with act("anna"):
        elsewhere = api.content.create(second, "Idea", title="Woanders")
        ideas.transition(elsewhere, "submit")
    with act("rita"), pytest.raises(Unauthorized):
        ideas.transition(elsewhere, "review")
    with act("gabi"):
        assert ideas.transition(elsewhere, "review") == "in_review"


def test_the_author_accepts_their_own_idea_only_as_a_reviewer(
    box, idea, act, next_request
):
    with act("anna"), pytest.raises(Unauthorized):
        ideas.transition(idea, "accept", "Finde ich gut.")
    box.reviewers = ["rita", "anna"]
    next_request()
    with act("anna"):
        assert ideas.transition(idea, "accept", "Finde ich gut.") == "accepted"


def test_impossible_and_unknown_transitions(idea, act):
    with act("rita"):
        with pytest.raises(ideas.IdeaError) as raised:
            ideas.transition(idea, "implement")
        assert "not possible while the idea is Submitted" in raised.value.text(None)
        with pytest.raises(ideas.IdeaError) as raised:
            ideas.transition(idea, "publish")
        assert "Unknown status change" in raised.value.text(None)
        ideas.transition(idea, "decline", "Nein.")
        with pytest.raises(ideas.IdeaError):
            ideas.transition(idea, "accept", "Doch.")
    assert ideas.status(idea) == "declined"


def test_the_history_is_for_everyone_who_sees_the_idea(idea, act):
    with act("rita"):
        ideas.transition(idea, "decline", "Passt nicht zur Strategie.")
    for userid in ("bert", "nomember", "chef"):
        with act(userid):
            assert ideas.official_answer(idea)["answer"] == "Passt nicht zur Strategie."
    with act("bert"):
        assert ideas.support_state(idea)["can_support"] is False
