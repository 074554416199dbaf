"""Supporting ideas: one per person, within the box's limit and deadline.

Through ``ospa.social.ideas.api`` as each person; what REST and the views
answer is tested where they live.
"""

from AccessControl import Unauthorized
from datetime import datetime
from datetime import timedelta
from ospa.social.ideas import api as ideas
from plone import api
import pytest
import transaction


def catalog_count(idea) -> int:
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(UID=idea.UID())[0].support_count


def test_support_counts_and_marks_the_supporter(idea, act):
    assert ideas.count(idea) == 0
    assert catalog_count(idea) == 0
    with act("bert"):
        state = ideas.support(idea)
    assert state["count"] == 1
    assert state["supported"] is True
    assert state["can_support"] is False
    assert state["can_withdraw"] is True
    assert state["limit"] is None
    assert state["remaining"] is None
    assert state["open"] is True
    assert state["deadline"] is None
    with act("carl"):
        assert ideas.support(idea)["count"] == 2
        assert ideas.is_supported(idea)
    assert ideas.count(idea) == 2
    assert catalog_count(idea) == 2
    with act("anna"):
        assert sorted(ideas.supporters(idea)) == ["bert", "carl"]
        assert ideas.support_state(idea)["supported"] is False


def test_supporting_twice_changes_nothing_and_sends_the_same_count(idea, act):
    with act("bert"):
        ideas.support(idea)
        with pytest.raises(ideas.IdeaError) as raised:
            ideas.support(idea)
    assert "already support" in raised.value.text(None)
    with act("bert"):
        state = raised.value.state
    assert state["count"] == 1
    assert state["supported"] is True
    assert ideas.count(idea) == 1
    assert catalog_count(idea) == 1


def test_withdrawing_a_support(idea, act):
    with act("bert"):
        ideas.support(idea)
        state = ideas.unsupport(idea)
        assert state["count"] == 0
        assert state["supported"] is False
        assert state["can_support"] is True
        with pytest.raises(ideas.IdeaError) as raised:
            ideas.unsupport(idea)
    assert "do not support" in raised.value.text(None)
    assert ideas.count(idea) == 0
    assert catalog_count(idea) == 0


def test_the_box_limit_counts_across_its_ideas(box, idea_of, act):
    box.support_limit = 2
    first, second, third = (idea_of("anna", f"Idee {n}") for n in range(3))
    with act("bert"):
        assert ideas.remaining(box) == 2
        assert ideas.support(first)["remaining"] == 1
        assert ideas.support(second)["remaining"] == 0
        assert ideas.why_not(third) is not None
        assert ideas.support_state(third)["can_support"] is False
        with pytest.raises(ideas.IdeaError) as raised:
            ideas.support(third)
        assert "all 2 supports" in raised.value.text(None)
        assert raised.value.state["count"] == 0
        assert ideas.supported_uids(box) == {first.UID(), second.UID()}
    assert ideas.count(third) == 0
    # Others have their own limit.
    with act("carl"):
        assert ideas.remaining(box) == 2
        assert ideas.support(third)["remaining"] == 1


def test_withdrawing_frees_a_place_in_the_limit(box, idea_of, act):
    box.support_limit = 1
    first, second = idea_of("anna", "Eins"), idea_of("anna", "Zwei")
    with act("bert"):
        ideas.support(first)
        assert ideas.why_not(second) is not None
        assert ideas.unsupport(first)["remaining"] == 1
        assert ideas.support(second)["remaining"] == 0
        assert ideas.supported_uids(box) == {second.UID()}


def test_a_deleted_idea_no_longer_counts_against_the_limit(box, idea_of, act):
    box.support_limit = 1
    first, second = idea_of("anna", "Eins"), idea_of("anna", "Zwei")
    with act("bert"):
        ideas.support(first)
        assert ideas.remaining(box) == 0
    with act("chef"):
        api.content.delete(first)
    with act("bert"):
        assert ideas.remaining(box) == 1
        assert ideas.supported_uids(box) == set()
        ideas.support(second)


def test_a_moved_idea_is_not_a_deleted_one(box, idea_of, act):
    """Renaming fires a removed event with a new parent: supports stay."""
    box.support_limit = 3
    first = idea_of("anna", "Eins")
    with act("bert"):
        ideas.support(first)
    transaction.savepoint(optimistic=True)  # renaming needs a _p_jar
    with act("chef"):
        moved = api.content.rename(first, "umbenannt")
    assert ideas.count(moved) == 1
    with act("bert"):
        assert ideas.remaining(box) == 2


def test_no_support_after_the_deadline(box, idea, act):
    with act("bert"):
        ideas.support(idea)
    # Naive datetimes are in the site's zone: a day back is past in any zone.
    box.deadline = datetime.now() - timedelta(days=1)
    assert ideas.is_open(box) is False
    with act("carl"):
        with pytest.raises(ideas.IdeaError) as raised:
            ideas.support(idea)
        assert "deadline" in raised.value.text(None)
        state = ideas.support_state(idea)
        assert state["open"] is False
        assert state["can_support"] is False
        assert state["deadline"] is not None
    with act("bert"):
        # Supports are final: no withdrawing either.
        with pytest.raises(ideas.IdeaError):
            ideas.unsupport(idea)
        assert ideas.support_state(idea)["can_withdraw"] is False
    assert ideas.count(idea) == 1


def test_supports_until_a_deadline_in_the_future(box, idea, act):
    box.deadline = datetime.now() + timedelta(days=1)
    assert ideas.is_open(box)
    with act("bert"):
        assert ideas.support(idea)["open"] is True


def test_no_support_on_a_draft(idea_of, act):
    draft = idea_of("anna", "Entwurf", submit=False)
    # Nobody but the author sees a draft; the author cannot support it either.
    with act("bert"), pytest.raises(Unauthorized):
        ideas.support(draft)
    with act("chef"), pytest.raises(ideas.IdeaError) as raised:
        ideas.support(draft)
    assert "Draft" in raised.value.text(None)
    assert ideas.count(draft) == 0


@pytest.mark.parametrize(
    ("steps", "answer"), [(("accept",), "Machen wir."), (("decline",), "Zu teuer.")]
)
def test_no_support_on_a_decided_idea(idea, act, steps, answer):
    with act("bert"):
        ideas.support(idea)
    with act("rita"):
        for name in steps:
            ideas.transition(idea, name, answer)
    with act("carl"):
        with pytest.raises(ideas.IdeaError):
            ideas.support(idea)
        assert ideas.why_not(idea) is not None
    # Kept as it was decided: no withdrawing.
    with act("bert"), pytest.raises(ideas.IdeaError):
        ideas.unsupport(idea)
    assert ideas.count(idea) == 1


def test_support_in_review(idea, act):
    with act("rita"):
        ideas.transition(idea, "review")
    with act("bert"):
        assert ideas.support(idea)["count"] == 1


def test_no_support_for_your_own_idea(idea, act):
    with act("anna"):
        with pytest.raises(ideas.IdeaError) as raised:
            ideas.support(idea)
        assert "own idea" in raised.value.text(None)
        assert "own idea" in ideas.why_not(idea)
        assert ideas.support_state(idea)["can_support"] is False
    assert ideas.count(idea) == 0


@pytest.mark.parametrize("userid", [None, "nomember"])
def test_anonymous_and_users_without_member_cannot_support(idea, act, userid):
    with act(userid):
        with pytest.raises(Unauthorized):
            ideas.support(idea)
        with pytest.raises(Unauthorized):
            ideas.unsupport(idea)
        state = ideas.support_state(idea)
    assert state["can_support"] is False
    assert ideas.count(idea) == 0


def test_only_ideas_are_supported(box, act):
    with act("bert"), pytest.raises(ideas.NotSupported):
        ideas.support(box)


def test_a_deleted_user_s_supports_vanish(box, idea_of, act):
    box.support_limit = 5
    first, second = idea_of("anna", "Eins"), idea_of("anna", "Zwei")
    for userid in ("bert", "carl"):
        with act(userid):
            ideas.support(first)
    with act("bert"):
        ideas.support(second)
    with act("chef"):
        api.user.delete(username="bert")
    assert ideas.count(first) == 1
    assert ideas.count(second) == 0
    assert catalog_count(first) == 1
    assert catalog_count(second) == 0
    assert ideas.used(box, "bert") == 0
    assert ideas.used(box, "carl") == 1
    with act("anna"):
        assert ideas.supporters(first) == ["carl"]
    # Nothing left to remove.
    assert ideas.remove_user("bert") == 0


def test_supporters_are_paged(idea, act):
    for userid in ("bert", "carl", "rita", "gabi"):
        with act(userid):
            ideas.support(idea)
    with act("anna"):
        everyone = ideas.supporters(idea)
        assert sorted(everyone) == ["bert", "carl", "gabi", "rita"]
        assert ideas.supporters(idea, start=1, size=2) == everyone[1:3]
        assert ideas.supporters(idea, start=10) == []


def test_the_catalog_sorts_by_supports(box, idea_of, act):
    low, high = idea_of("anna", "Wenig"), idea_of("anna", "Viel")
    for userid, supported in (("bert", high), ("carl", high), ("bert", low)):
        with act(userid):
            ideas.support(supported)
    catalog = api.portal.get_tool("portal_catalog")
    ranked = catalog(portal_type="Idea", sort_on="support_count", sort_order="reverse")
    assert [(b.UID, b.support_count) for b in ranked] == [
        (high.UID(), 2),
        (low.UID(), 1),
    ]
