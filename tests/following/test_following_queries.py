"""following() in a few queries equals describing each target on its own.

The targets are drawn: content the viewer sees and content they do not,
communities of every visibility, tags carried by visible, by invisible
and by no content (as subjects and as hashtags of posts), people who
exist and who do not. What the viewer may not see stays out, exactly as
the per-target :func:`following.describe` decides.
"""

from hypothesis import given
from hypothesis import strategies as st
from ospa.social.core import graph
from ospa.social.core.storage import FOLLOW_KINDS
from ospa.social.following import api as following
from ospa.social.stream import posts
from ospa.social.testing import make_community
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from tests.fixtures.examples import on_a_layer
import pytest


@pytest.fixture
def world(people, portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    for userid in ("olga", "moritz", "mia"):
        api.user.create(
            email=f"{userid}@example.org", username=userid, password="x" * 12
        )
    shown = api.content.create(
        portal, "Document", id="offen", title="Offen", subject=["Sichtbar", "beide"]
    )
    api.content.transition(shown, "publish")
    hidden = api.content.create(
        portal, "Document", id="zu", title="Zu", subject=["Versteckt", "beide"]
    )
    communities = {v: make_community(portal, f"f-{v}", v) for v in ("open", "secret")}
    with api.env.adopt_user(username="mia"):
        posts.create(portal["stream"], "Heute #Kaffee für alle")
        posts.create(communities["secret"], "Nur hier #Geheimtag")
    setRoles(portal, TEST_USER_ID, ["Member"])
    return {
        "content": [shown.UID(), hidden.UID(), "keine-uid"],
        "community": [c.UID() for c in communities.values()] + [shown.UID()],
        "tag": ["Sichtbar", "Versteckt", "beide", "kaffee", "Geheimtag", "nichts"],
        "user": ["anna", "bert", "niemand", "mia"],
    }


def _reference(userid) -> dict:
    """The old following(): one describe() per target."""
    store = graph.get()
    result = {}
    for kind in FOLLOW_KINDS:
        mine = store.following[kind].get(userid) if store is not None else None
        described = (following.describe(kind, t) for t in (mine or ()))
        result[kind] = [item for item in described if item is not None]
    return result


@on_a_layer(25)
@given(data=st.data())
def test_following_equals_describing_each_target(world, data):
    viewer = data.draw(st.sampled_from(("anna", "mia", "chef", "nomember")))
    store = graph.get(create=True)
    for kind in FOLLOW_KINDS:
        # Written directly: follow() refuses what the viewer cannot see,
        # but what they follow may become invisible later.
        mine = store.following[kind].ensure(viewer)
        for target in list(mine):
            mine.discard(target)
        for target in data.draw(st.lists(st.sampled_from(world[kind]), unique=True)):
            mine.add(target)
    with api.env.adopt_user(username=viewer):
        if not following.can_follow():
            return
        assert following.following() == _reference(viewer)
        for kind in FOLLOW_KINDS:
            assert following.following(kind) == {kind: _reference(viewer)[kind]}
