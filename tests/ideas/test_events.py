"""The idea events, for the notifications: supports, threshold, status."""

from ospa.social.ideas import api as ideas
from ospa.social.interfaces import IIdeaStatusChangedEvent
from ospa.social.interfaces import IIdeaSupportedEvent
from ospa.social.interfaces import IIdeaSupportThresholdEvent
from ospa.social.interfaces import IIdeaUnsupportedEvent
from plone import api
import pytest


def of(events, interface):
    return [event for event in events if interface.providedBy(event)]


def test_supported_and_unsupported_events(idea, act, events):
    with act("bert"):
        ideas.support(idea)
    with act("carl"):
        ideas.support(idea)
        ideas.unsupport(idea)
    # An unsupport is a kind of support event (as unfollow is of follow).
    everything = of(events, IIdeaSupportedEvent)
    assert len(everything) == 3
    supported = [e for e in everything if not IIdeaUnsupportedEvent.providedBy(e)]
    assert [(e.object, e.userid, e.count) for e in supported] == [
        (idea, "bert", 1),
        (idea, "carl", 2),
    ]
    unsupported = of(events, IIdeaUnsupportedEvent)
    assert [(e.object, e.userid, e.count) for e in unsupported] == [(idea, "carl", 1)]


def test_refused_supports_fire_nothing(idea, act, events):
    with act("anna"), pytest.raises(ideas.IdeaError):
        ideas.support(idea)
    with act("bert"):
        ideas.support(idea)
        with pytest.raises(ideas.IdeaError):
            ideas.support(idea)
    assert len(of(events, IIdeaSupportedEvent)) == 1


def test_the_threshold_event_fires_once(idea, act, events):
    api.portal.set_registry_record("ospa.social.idea_support_threshold", 3)
    assert not of(events, IIdeaSupportThresholdEvent)
    for userid in ("bert", "carl"):
        with act(userid):
            ideas.support(idea)
    assert not of(events, IIdeaSupportThresholdEvent)
    with act("rita"):
        ideas.support(idea)
    reached = of(events, IIdeaSupportThresholdEvent)
    assert [(e.object, e.userid, e.count, e.threshold) for e in reached] == [
        (idea, "rita", 3, 3)
    ]
    # Down and up again, and beyond: it was reached already.
    with act("rita"):
        ideas.unsupport(idea)
        ideas.support(idea)
    with act("gabi"):
        ideas.support(idea)
    assert len(of(events, IIdeaSupportThresholdEvent)) == 1


def test_the_threshold_is_per_idea(idea_of, act, events):
    api.portal.set_registry_record("ospa.social.idea_support_threshold", 1)
    first, second = idea_of("anna", "Eins"), idea_of("anna", "Zwei")
    with act("bert"):
        ideas.support(first)
        ideas.support(second)
    reached = of(events, IIdeaSupportThresholdEvent)
    assert [e.object for e in reached] == [first, second]


def test_status_changed_events(idea_of, act, events):
    idea = idea_of("anna", "Neu", submit=False)
    with act("anna"):
        ideas.transition(idea, "submit")
    with act("rita"):
        ideas.transition(idea, "review")
        ideas.transition(idea, "accept", "  Wir setzen es um.  ")
        ideas.transition(idea, "implement")
    changed = of(events, IIdeaStatusChangedEvent)
    assert [
        (e.object, e.userid, e.old, e.new, e.transition, e.answer) for e in changed
    ] == [
        (idea, "anna", "draft", "submitted", "submit", ""),
        (idea, "rita", "submitted", "in_review", "review", ""),
        (idea, "rita", "in_review", "accepted", "accept", "Wir setzen es um."),
        (idea, "rita", "accepted", "implemented", "implement", ""),
    ]


def test_a_refused_status_change_fires_nothing(idea, act, events):
    with act("rita"), pytest.raises(ideas.IdeaError):
        ideas.transition(idea, "decline", "")
    assert not of(events, IIdeaStatusChangedEvent)
