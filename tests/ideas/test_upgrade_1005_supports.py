"""The 1005 upgrade moves each box's per-person supports to the new records."""

from ospa.social.core.storage import PersonalSetMap
from ospa.social.core.storage import SetMap
from ospa.social.ideas import api as ideas
from ospa.social.upgrades import v1005_supports
from plone import api
from Products.GenericSetup.upgrade import _upgrade_registry
from zope.annotation.interfaces import IAnnotations
import pytest


PROFILE = "ospa.social:default"


def as_before_1005(box, supports):
    """Put ``{userid: ideas}`` into the box's 1004 structure, a SetMap."""
    annotations = IAnnotations(box)
    old = annotations[v1005_supports.OLD_KEY] = SetMap()
    for userid, found in supports.items():
        for idea in found:
            old.ensure(userid).add(idea.UID())
    return annotations


def test_the_step_is_registered_from_1004_to_1005(integration):
    steps = _upgrade_registry.getUpgradeStepsForProfile(PROFILE).values()
    # An <upgradeSteps> group is a list of (id, step) pairs.
    found = [
        single
        for step in steps
        for single in ([s for _id, s in step] if isinstance(step, list) else [step])
        if single.handler is v1005_supports.upgrade
    ]
    assert len(found) == 1
    assert found[0].source == ("1004",)
    assert found[0].dest == ("1005",)


def test_old_supports_count_against_the_limit_again(box, idea_of, act):
    box.support_limit = 2
    first, second, third = (idea_of("anna", f"Idee {n}") for n in range(3))
    with act("bert"):
        ideas.support(first)
        ideas.support(second)
    with act("carl"):
        ideas.support(first)
        ideas.support(third)
    # The 1004 state: Bert's supports and Carl's first one in the old
    # SetMap; Carl's support of the third idea was made after the new code
    # started and before the upgrade ran.
    annotations = as_before_1005(box, {"bert": [first, second], "carl": [first]})
    annotations[ideas.BOX_SUPPORTS_KEY] = fresh = PersonalSetMap()
    fresh.add("carl", third.UID())
    assert ideas.used(box, "bert") == 0

    v1005_supports.upgrade(None)

    assert v1005_supports.OLD_KEY not in annotations
    assert ideas.supported_uids(box, "bert") == {first.UID(), second.UID()}
    assert ideas.supported_uids(box, "carl") == {first.UID(), third.UID()}
    assert ideas.used(box, "bert") == 2
    with act("bert"):
        assert ideas.remaining(box) == 0
        with pytest.raises(ideas.IdeaError) as raised:
            ideas.support(third)
        assert "all 2 supports" in raised.value.text(None)
        # Withdrawing still frees a place.
        assert ideas.unsupport(first)["remaining"] == 1
        assert ideas.support(third)["remaining"] == 0
    assert ideas.supported_uids(box, "bert") == {second.UID(), third.UID()}


def test_deleting_a_migrated_idea_frees_the_place(box, idea_of, act):
    box.support_limit = 1
    first, second = idea_of("anna", "Eins"), idea_of("anna", "Zwei")
    with act("bert"):
        ideas.support(first)
    IAnnotations(box).pop(ideas.BOX_SUPPORTS_KEY)
    as_before_1005(box, {"bert": [first]})

    v1005_supports.upgrade(None)

    assert ideas.remaining(box, "bert") == 0
    with act("chef"):
        api.content.delete(first)
    assert ideas.remaining(box, "bert") == 1
    with act("bert"):
        ideas.support(second)


def test_running_it_twice_changes_nothing(box, idea_of, act):
    idea = idea_of("anna", "Eins")
    with act("bert"):
        ideas.support(idea)
    IAnnotations(box).pop(ideas.BOX_SUPPORTS_KEY)
    as_before_1005(box, {"bert": [idea]})

    v1005_supports.upgrade(None)
    v1005_supports.upgrade(None)

    assert ideas.supported_uids(box, "bert") == {idea.UID()}
    assert ideas.used(box, "bert") == 1


def test_a_box_without_supports_gets_its_records(box):
    IAnnotations(box).pop(ideas.BOX_SUPPORTS_KEY)

    v1005_supports.upgrade(None)

    assert isinstance(ideas.box_supports(box), PersonalSetMap)
