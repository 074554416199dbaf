"""Cards of communities from the catalog (listing.py) against the objects."""

from hypothesis import given
from hypothesis import strategies as st
from ospa.social.communities import api as communities
from ospa.social.communities import listing
from ospa.social.core.storage import Latest
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.namedfile.file import NamedBlobImage
from tests.fixtures.examples import on_a_layer
from ZODB.FileStorage import FileStorage
from zope.component import createObject
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
import base64
import itertools
import pytest
import time
import transaction
import ZODB


PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
RELATIONS = (
    "none",
    "member",
    "guest",
    "moderator",
    "requested",
    "invited",
    "withdrawn",
)
VIEWERS = ("erik", "olga", "mia", "chef")
_numbers = itertools.count()


def _reference(community) -> dict:
    """The card as the old code built it: the object, the roster, a query.

    The last activity is the newest change of anything inside for who may
    see the content (the documented difference: not only what they may
    see), the community's own otherwise.
    """
    state = communities.state(community)
    catalog = api.portal.get_tool("portal_catalog")
    own = catalog(UID=community.UID())[0].modified
    last = own
    if state["can_see_content"]:
        newest = catalog.unrestrictedSearchResults(
            path="/".join(community.getPhysicalPath()),
            sort_on="modified",
            sort_order="reverse",
        )[0].modified
        last = max(own, newest)
    return {
        "@id": community.absolute_url(),
        "@type": community.portal_type,
        "UID": community.UID(),
        "title": community.Title(),
        "description": community.Description(),
        "visibility": state["visibility"],
        "join_policy": state["join_policy"],
        "member_count": state["member_count"],
        "subjects": list(community.Subject()),
        "last_activity": last.ISO8601(),
        "image": (
            f"{community.absolute_url()}/@@images/image"
            if getattr(community, "image", None)
            else None
        ),
        "role": state["role"],
        "pending": state["pending"],
    }


def _card(uid) -> dict | None:
    for card in listing.cards(communities.find("all")):
        if card["UID"] == uid:
            found = {key: value for key, value in card.items() if key != "brain"}
            found["last_activity"] = found["last_activity"].ISO8601()
            return found
    return None


def _world(visibility, policy, relation, image):
    number = next(_numbers)
    if relation in ("requested", "withdrawn") and visibility == "secret":
        relation = "invited"
    if relation in ("requested", "withdrawn"):
        policy = "request"
    with api.env.adopt_user(username="olga"):
        community = api.content.create(
            api.portal.get()["communities"],
            "Community",
            id=f"l{number}",
            title=f"Liste {number}",
            description="Worum es geht",
            subject=["eins", "zwei"],
            visibility=visibility,
            join_policy=policy,
        )
        communities.add(community, "mia", "member")
        if relation in ("member", "guest", "moderator"):
            communities.add(community, "erik", relation)
        elif relation == "invited":
            communities.invite(community, "erik")
    if relation in ("requested", "withdrawn"):
        with api.env.adopt_user(username="erik"):
            communities.join(community)
            if relation == "withdrawn":
                communities.withdraw(community)
    with api.env.adopt_user(username="mia"):
        api.content.create(community, "Document", title="Seite")
    if image:
        community.image = NamedBlobImage(data=PIXEL, filename="bild.png")
        community.reindexObject()
    return community


@on_a_layer(20)
@given(
    visibility=st.sampled_from(communities.VISIBILITIES),
    policy=st.sampled_from(communities.JOIN_POLICIES),
    relation=st.sampled_from(RELATIONS),
    image=st.booleans(),
)
def test_cards_from_the_catalog_equal_the_objects(
    people, visibility, policy, relation, image
):
    community = _world(visibility, policy, relation, image)
    for viewer in VIEWERS:
        with api.env.adopt_user(username=viewer):
            card = _card(community.UID())
            if not communities.can_see(community):
                assert card is None, viewer
                continue
            assert card == _reference(community), (viewer, relation)


def test_who_may_not_see_the_content_sees_no_activity_inside(closed_community, portal):
    community, _page = closed_community
    own = api.portal.get_tool("portal_catalog")(UID=community.UID())[0].modified
    later = time.time() + 3600
    listing.data().activity[community.UID()].record(later)
    with api.env.adopt_user(username="erik"):
        [card] = listing.cards(communities.find("all"))
        assert card["last_activity"] == own
    with api.env.adopt_user(username="mia"):
        [card] = listing.cards(communities.find("all"))
        assert card["last_activity"].timeTime() == pytest.approx(later)


def test_pages_edits_and_comments_are_activity(open_community, portal):
    community, page = open_community
    register = listing.data().activity[community.UID()]

    def newer(action, pause=0.01):
        before = register.value
        time.sleep(pause)
        action()
        assert register.value > before

    with api.env.adopt_user(username="mia"):
        newer(lambda: api.content.create(community, "Document", title="Noch eine"))
        newer(lambda: notify(ObjectModifiedEvent(page)))

    def comment():
        found = createObject("plone.Comment")
        found.text = "Gut so."
        found.author_username = "mia"
        with api.env.adopt_roles(["Manager"]):
            IConversation(page).addComment(found)

    # plone.app.discussion dates comments in whole seconds.
    newer(comment, pause=1.1)


def test_a_community_deleted_takes_its_register(open_community, portal):
    community, _page = open_community
    uid = community.UID()
    assert uid in listing.data().activity
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(community)
    assert uid not in listing.data().activity


def test_a_request_withdrawn_shows_no_badge_and_is_forgotten_on_join(
    closed_community, portal
):
    community, _page = closed_community
    with api.env.adopt_user(username="erik"):
        communities.join(community)
        [card] = listing.cards(communities.find("all"))
        assert card["pending"] == "request"
        communities.withdraw(community)
        [card] = listing.cards(communities.find("all"))
        assert card["pending"] is None
    with api.env.adopt_user(username="erik"):
        communities.join(community)
    with api.env.adopt_user(username="olga"):
        communities.approve(community, "erik")
    assert community.UID() not in listing.pending_uids("erik")


def test_parallel_activity_in_one_community_does_not_conflict(tmp_path):
    """Two transactions each record a newer time: both commit, the newest stays."""
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    try:
        first = db.open(transaction_manager=transaction.TransactionManager())
        first.root()["latest"] = Latest(1.0)
        first.transaction_manager.commit()
        second = db.open(transaction_manager=transaction.TransactionManager())
        first.root()["latest"].record(5.0)
        second.root()["latest"].record(3.0)
        first.transaction_manager.commit()
        second.transaction_manager.commit()
        third = db.open(transaction_manager=transaction.TransactionManager())
        assert third.root()["latest"].value == 5.0
    finally:
        db.close()
