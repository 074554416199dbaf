"""Moving content into, out of and between communities sets its state.

Generated for every type a community may hold (the Community FTI's
allowed types): who sees the content after the move, its state and the
history entry that says why (``ospa.social.communities.moving``).
"""

from ospa.social.stream import posts
from plone import api
import pytest


ALLOWED = (
    "Document",
    "News Item",
    "Event",
    "File",
    "Image",
    "Folder",
    "Post",
    "Idea Box",
)


def test_the_types_are_the_community_types(portal):
    # The parameters below are the FTI's list; a new type needs its case.
    assert tuple(portal.portal_types["Community"].allowed_content_types) == ALLOWED


def sees(userid, obj) -> bool:
    return api.user.has_permission("View", username=userid, obj=obj)


def make(container, portal_type, userid):
    if portal_type == "Idea Box":
        # Only managers make idea boxes.
        userid = "chef"
    with api.env.adopt_user(username=userid):
        if portal_type == "Post":
            return posts.create(container, f"Beitrag von {userid}")
        return api.content.create(
            container, portal_type, id=f"x-{portal_type.lower().replace(' ', '-')}"
        )


def site_place(portal, portal_type):
    """Where in the site the type may live: the stream for posts."""
    return portal["stream"] if portal_type == "Post" else portal


def move(obj, target):
    with api.env.adopt_roles(["Manager"]):
        return api.content.move(source=obj, target=target)


def last_comment(obj) -> str:
    tool = api.portal.get_tool("portal_workflow")
    for workflow in tool.getWorkflowsFor(obj):
        return tool.getHistoryOf(workflow.getId(), obj)[-1].get("comments") or ""
    return ""


def state(obj):
    return api.content.get_state(obj, default=None)


@pytest.mark.parametrize("portal_type", ALLOWED)
def test_moving_into_a_secret_community_hides_from_employees(
    portal, secret_community, portal_type
):
    community, _ = secret_community
    with api.env.adopt_roles(["Manager"]):
        obj = make(site_place(portal, portal_type), portal_type, "chef")
        if state(obj) == "private":
            api.content.transition(obj, "publish")
    assert sees("erik", obj) or portal_type in ("File", "Image", "Post")
    moved = move(obj, community)
    assert not sees("erik", moved)
    assert sees("mia", moved)
    if portal_type != "Post":
        assert state(moved) == "internal"
        assert "Moved into the community" in last_comment(moved)


@pytest.mark.parametrize("portal_type", ALLOWED)
def test_moving_out_of_a_community_makes_it_private(
    portal, open_community, portal_type
):
    community, _ = open_community
    obj = make(community, portal_type, "mia")
    assert sees("erik", obj)
    # Published once, before it was moved in: that must not come back.
    moved = move(obj, site_place(portal, portal_type))
    if portal_type == "Post":
        # A post keeps its own workflow, which follows the stream.
        return
    assert not sees("erik", moved)
    assert sees("chef", moved)
    if state(moved) is not None:
        assert state(moved) == "private"
        assert "Moved out of a community" in last_comment(moved)


def test_moving_out_does_not_bring_back_an_old_published_state(portal, open_community):
    community, _ = open_community
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(portal, "Document", id="alt", title="Alt")
        api.content.transition(page, "publish")
    page = move(move(page, community), portal)
    assert state(page) == "private"
    assert not sees("erik", page)


@pytest.mark.parametrize("portal_type", ALLOWED)
def test_moving_between_communities_follows_the_new_one(
    portal, open_community, secret_community, portal_type
):
    open_, _ = open_community
    secret, _ = secret_community
    obj = make(secret, portal_type, "mia")
    assert not sees("erik", obj)
    moved = move(obj, open_)
    # More visible than before: the status message says so (below).
    assert sees("erik", moved)
    if portal_type != "Post":
        assert state(moved) == "internal"
        assert open_.Title() in last_comment(moved)
    back = move(moved, secret)
    assert not sees("erik", back)


def test_a_move_says_so_in_a_status_message(portal, open_community):
    from Products.statusmessages.interfaces import IStatusMessage

    _community, page = open_community
    move(page, portal)
    shown = [m.message for m in IStatusMessage(portal.REQUEST).show()]
    assert any("Moved out of a community" in m for m in shown), shown


def may_edit(userid, obj) -> bool:
    return api.user.has_permission("Modify portal content", username=userid, obj=obj)


def created_by(userid, container, cid):
    """A page ``userid`` created (and so owns), wherever they may add."""
    with api.env.adopt_user(username=userid), api.env.adopt_roles(["Manager"]):
        return api.content.create(container, "Document", id=cid, title=cid)


def test_moving_in_leaves_nobody_owner_and_only_roster_authors_edit(
    portal, secret_community
):
    community, _ = secret_community
    outsider = created_by("erik", portal, "von-erik")
    member = created_by("mia", portal, "von-mia")
    assert "Owner" in outsider.get_local_roles_for_userid("erik")
    outsider, member = move(outsider, community), move(member, community)
    assert "Owner" not in outsider.get_local_roles_for_userid("erik")
    assert "Owner" not in member.get_local_roles_for_userid("mia")
    # Erik is on no roster: his own page is as closed to him as the rest.
    assert not sees("erik", outsider)
    assert not may_edit("erik", outsider)
    # Mia is a member: her page stays hers to edit, Erik's is not.
    assert may_edit("mia", member)
    assert not may_edit("mia", outsider)


def test_moving_out_gives_the_author_owner_back(portal, open_community):
    community, _ = open_community
    page = created_by("mia", community, "von-mia")
    assert "Owner" not in page.get_local_roles_for_userid("mia")
    moved = move(page, portal)
    assert "Owner" in moved.get_local_roles_for_userid("mia")
    assert state(moved) == "private"
    assert sees("mia", moved)
    assert may_edit("mia", moved)
    assert not sees("erik", moved)
