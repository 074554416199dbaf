"""The roster: joining, requests, invitations, roles, owners, groups, events."""

from AccessControl import Unauthorized
from ospa.social.communities import api as communities
from ospa.social.communities.api import CommunityError
from ospa.social.interfaces import ICommunityEvent
from ospa.social.testing import as_user
from plone import api
from zope.component import globalSiteManager
import pytest


@pytest.fixture
def events():
    seen = []

    def record(obj, event):
        seen.append((type(event).__name__, event.userid, event.role))

    globalSiteManager.registerHandler(record, (None, ICommunityEvent))
    yield seen
    globalSiteManager.unregisterHandler(record, (None, ICommunityEvent))


def test_the_creator_is_owner_and_groups_mirror_the_roster(open_community):
    community, _ = open_community
    assert communities.role_of(community, "olga") == "owner"
    assert communities.member_count(community) == 4
    for userid, role in (("olga", "owner"), ("moritz", "moderator"), ("mia", "member")):
        group = communities.group_id(community, role)
        assert userid in {u.getId() for u in api.user.get_users(groupname=group)}
    brain = api.portal.get_tool("portal_catalog")(UID=community.UID())[0]
    assert brain.member_count == 4


def test_open_join_and_leave(open_community, events):
    community, _ = open_community
    with as_user("erik"):
        assert communities.join(community) == "member"
        assert communities.join(community) == "member"
        communities.leave(community)
    assert communities.role_of(community, "erik") is None
    assert events == [
        ("CommunityJoinedEvent", "erik", "member"),
        ("CommunityLeftEvent", "erik", None),
    ]


def test_request_approve_and_decline(closed_community, events):
    community, _ = closed_community
    with as_user("erik"):
        assert communities.join(community, "Ich möchte mitmachen") == "pending"
        assert communities.state(community)["pending"] == "request"
    with as_user("mia"), pytest.raises(Unauthorized):
        communities.approve(community, "erik")
    with as_user("moritz"):
        [request] = communities.pending(community)
        assert request["message"] == "Ich möchte mitmachen"
        communities.approve(community, "erik", "Willkommen")
    assert communities.role_of(community, "erik") == "member"
    with as_user("moritz"), pytest.raises(CommunityError):
        communities.approve(community, "erik")
    assert events[0] == ("CommunityRequestedEvent", "erik", None)
    assert ("CommunityApprovedEvent", "erik", "member") in events


def test_invite_only(secret_community, events):
    community, _ = secret_community
    with as_user("erik"), pytest.raises(Unauthorized):
        # Erik cannot even see a secret community.
        communities.join(community)
    with as_user("moritz"):
        communities.invite(community, "erik", "member", "Komm dazu!")
    with as_user("erik"):
        assert communities.state(community)["pending"] == "invitation"
        assert communities.join(community) == "member"
    assert ("CommunityInvitedEvent", "erik", "member") in events


def test_joining_an_invite_only_community_is_refused(new_community):
    community, _ = new_community("nurmit", "open", "invite")
    with as_user("erik"), pytest.raises(CommunityError) as raised:
        communities.join(community)
    assert "moderators" in raised.value.text()
    assert communities.role_of(community, "erik") is None


def test_a_community_always_keeps_an_owner(open_community):
    community, _ = open_community
    with as_user("olga"):
        with pytest.raises(CommunityError):
            communities.leave(community)
        with pytest.raises(CommunityError):
            communities.set_role(community, "olga", "member")
        communities.set_role(community, "moritz", "owner")
        communities.leave(community)
    assert communities.role_of(community, "olga") is None


def test_moderators_cannot_make_owners(open_community):
    community, _ = open_community
    with as_user("moritz"):
        with pytest.raises(Unauthorized):
            communities.set_role(community, "mia", "owner")
        with pytest.raises(Unauthorized):
            communities.remove(community, "olga")
        communities.set_role(community, "mia", "guest")
    assert communities.role_of(community, "mia") == "guest"


@pytest.mark.parametrize(
    ("call", "args"),
    [
        ("invite", ("niemand", "member")),
        ("invite", ("erik", "kaiser")),
        ("set_role", ("erik", "member")),
        ("approve", ("erik",)),
        ("decline", ("erik",)),
        ("remove", ("erik",)),
    ],
)
def test_bad_roster_changes_are_refused(open_community, call, args):
    community, _ = open_community
    before = dict(communities.roster(community).roles)
    with as_user("olga"), pytest.raises(CommunityError):
        getattr(communities, call)(community, *args)
    assert dict(communities.roster(community).roles) == before


def test_joining_does_not_reindex_the_content(open_community, monkeypatch):
    community, page = open_community
    reindexed = []
    from Products.CMFCore.indexing import processQueue
    from Products.CMFPlone.CatalogTool import CatalogTool

    processQueue()  # what the fixture created is indexed before we watch
    original = CatalogTool.catalog_object

    def spy(self, obj, *args, **kwargs):
        reindexed.append("/".join(obj.getPhysicalPath()))
        return original(self, obj, *args, **kwargs)

    monkeypatch.setattr(CatalogTool, "catalog_object", spy)
    with as_user("erik"):
        communities.join(community)
        communities.leave(community)
    processQueue()
    assert reindexed, "the community's own member count is refreshed"
    assert "/".join(page.getPhysicalPath()) not in reindexed


def test_deleting_a_community_removes_its_groups(open_community):
    community, _ = open_community
    group = communities.group_id(community, "member")
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(community)
    assert api.group.get(groupname=group) is None


def test_deleting_a_user_removes_them_from_every_roster(
    open_community, closed_community
):
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username="mia")
    for community, _ in (open_community, closed_community):
        assert communities.role_of(community, "mia") is None
        assert communities.member_count(community) == 3


def test_uninstall_and_reinstall_keep_communities_working(closed_community, portal):
    from Products.CMFPlone.utils import get_installer

    community, page = closed_community
    installer = get_installer(portal, portal.REQUEST)
    installer.uninstall_product("ospa.social")
    assert "geschlossen" in portal["communities"]
    installer.install_product("ospa.social")
    community = portal["communities"]["geschlossen"]
    assert communities.role_of(community, "olga") == "owner"
    assert api.content.get_state(community) == "closed"
    catalog = api.portal.get_tool("portal_catalog")
    with as_user("erik"):
        assert not catalog(UID=page.UID())
        assert catalog(UID=community.UID())
    with as_user("mia"):
        assert catalog(UID=page.UID())
