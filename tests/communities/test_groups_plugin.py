"""The community groups come from the rosters (ospa.social.communities.pas).

A roster change is a group change at once; Users and Groups, portal_groups
and ``@groups`` cannot change the groups apart from the roster; copying,
moving, renaming and deleting a community keep the index, the groups and
the local roles consistent; and the index rebuilt from the rosters is the
index the roster API keeps, for any sequence of roster changes.
"""

from .conftest import make_community
from .conftest import PEOPLE
from Acquisition import aq_base
from ospa.social.communities import api as communities
from ospa.social.communities import pas
from ospa.social.testing import as_user
from ospa.social.testing import create_people
from ospa.social.testing import PASSWORD
from plone import api
import contextlib
import pytest
import random
import requests
import transaction


def groups_of(userid) -> set[str]:
    """The community groups PAS gives a freshly built ``userid``."""
    user = api.user.get(userid=userid)
    return {gid for gid in user.getGroups() if pas.parse(gid)}


def members_of(community) -> dict[str, str]:
    """``{user id: role}`` as the groups (portal_groups) have it."""
    found = {}
    gtool = api.portal.get_tool("portal_groups")
    for role in communities.ROLES:
        for userid in gtool.getGroupMembers(communities.group_id(community, role)):
            assert userid not in found
            found[userid] = role
    return found


def roster_of(community) -> dict[str, str]:
    return dict(communities.roster(community).roles)


def assert_consistent(portal):
    """Index, rosters and groups say the same, for every community."""
    assert pas.memberships() == pas.built_from_rosters()
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Community"):
        community = brain._unrestrictedGetObject()
        assert members_of(community) == roster_of(community)
        for userid, role in roster_of(community).items():
            assert communities.group_id(community, role) in groups_of(userid)
        # Exactly its own four groups hold roles on it, and the employees.
        principals = {principal for principal, _roles in community.get_local_roles()}
        own = {communities.group_id(community, role) for role in communities.ROLES}
        assert own <= principals
        assert principals - own <= {communities.EVERYONE}


def test_the_plugin_is_installed_and_answers_for_the_groups(open_community, portal):
    community, _page = open_community
    assert pas.PLUGIN_ID in portal.acl_users.objectIds()
    for interface in pas.INTERFACES:
        assert pas.PLUGIN_ID in portal.acl_users.plugins.listPluginIds(interface)
    # No real groups any more: Plone's source_groups holds none of them.
    assert not [
        gid for gid in portal.acl_users.source_groups.getGroupIds() if pas.parse(gid)
    ]
    group = api.group.get(groupname=communities.group_id(community, "member"))
    assert group is not None
    assert group.getProperty("title") == "Community offen: Members"
    assert {u.getId() for u in group.getGroupMembers()} == {"mia"}
    assert_consistent(portal)


def test_group_titles_are_translated(open_community, portal):
    community, _page = open_community
    title = pas.group_title(community.Title(), "owner", target_language="de")
    assert title == "Community offen: Eigentümer/innen"
    assert pas.group_title("X", "guest", target_language="en") == "X: Guests"


def test_roster_changes_are_group_changes_at_once(open_community, portal):
    community, _page = open_community
    member = communities.group_id(community, "member")
    moderator = communities.group_id(community, "moderator")
    assert member not in groups_of("erik")
    with as_user("erik"):
        communities.join(community)
        # The acting user, in the same request.
        assert member in api.user.get_current().getGroups()
    assert member in groups_of("erik")
    assert communities.my_community_uids("erik") == [community.UID()]
    with as_user("olga"):
        communities.set_role(community, "erik", "moderator")
    assert moderator in groups_of("erik")
    assert member not in groups_of("erik")
    with as_user("olga"):
        communities.remove(community, "erik")
    assert not groups_of("erik")
    assert communities.my_community_uids("erik") == []
    assert_consistent(portal)


def test_whoever_is_invited_sees_the_content_in_the_request_they_accept(
    secret_community,
):
    community, page = secret_community
    with as_user("moritz"):
        communities.invite(community, "erik")
    with as_user("erik"):
        assert not api.user.has_permission("View", obj=page)
        communities.accept(community)
        assert api.user.has_permission("View", obj=page)
        communities.leave(community)
        assert not api.user.has_permission("View", obj=page)


def test_whoever_creates_a_community_sees_it_at_once(people, portal):
    with as_user("erik"):
        community = api.content.create(
            portal["communities"], "Community", id="neu", title="Neu"
        )
        community.visibility = "secret"
        communities.apply_settings(community)
        assert api.user.has_permission("View", obj=community)
        assert communities.role_of(community) == "owner"
        assert [b.UID for b in communities.find("mine")] == [community.UID()]


def _attempt(call):
    """Run a change Plone's tools offer; whether it raised or said no."""
    try:
        return bool(call())
    except (KeyError, ValueError):
        return False


def test_portal_groups_cannot_change_the_groups(open_community, portal):
    community, _page = open_community
    before = roster_of(community)
    gtool = api.portal.get_tool("portal_groups")
    member = communities.group_id(community, "member")
    owner = communities.group_id(community, "owner")
    with api.env.adopt_roles(["Manager"]):
        assert not _attempt(lambda: gtool.addPrincipalToGroup("erik", member))
        assert not _attempt(lambda: gtool.removePrincipalFromGroup("mia", member))
        assert not _attempt(lambda: gtool.removeGroup(owner))
        assert not _attempt(
            lambda: api.group.add_user(groupname=member, username="erik")
        )
        with contextlib.suppress(KeyError, ValueError):
            api.group.delete(groupname=owner)
    assert roster_of(community) == before
    assert members_of(community) == before
    assert api.group.get(groupname=owner) is not None
    assert "olga" in {
        u.getId() for u in api.group.get(groupname=owner).getGroupMembers()
    }
    assert member not in groups_of("erik")
    assert member in groups_of("mia")
    assert_consistent(portal)


def test_users_and_groups_offers_no_change(open_community, portal):
    community, _page = open_community
    member = communities.group_id(community, "member")
    group = api.group.get(groupname=member)
    assert not group.canDelete()
    assert not api.user.get(userid="erik").canAddToGroup(member)
    assert not api.user.get(userid="mia").canRemoveFromGroup(member)
    request = portal.REQUEST
    request.form.update({"groupname": member})
    request.set("groupname", member)
    with api.env.adopt_roles(["Manager"]):
        view = api.content.get_view("usergroup-groupmembership", portal, request)
        html = view()
    assert "Mia Member" in html
    assert roster_of(community)["mia"] == "member"


def test_a_copy_is_a_new_community_with_new_groups(secret_community, portal):
    community, page = secret_community
    with as_user("moritz"):
        copy = api.content.copy(source=community, target=portal["communities"])
    assert roster_of(copy) == {"moritz": "owner"}
    assert members_of(copy) == {"moritz": "owner"}
    assert communities.group_id(copy, "owner") in groups_of("moritz")
    assert communities.group_id(copy, "member") not in groups_of("mia")
    assert communities.group_id(community, "member") in groups_of("mia")
    assert not api.user.has_permission("View", username="mia", obj=copy["seite"])
    assert api.user.has_permission("View", username="mia", obj=page)
    assert_consistent(portal)


def test_move_and_rename_keep_groups_and_roles(secret_community, portal):
    community, _page = secret_community
    before = roster_of(community)
    uid = community.UID()
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(portal, "Folder", id="archiv", title="Archiv")
        moved = api.content.move(source=community, target=folder)
        renamed = api.content.rename(obj=moved, new_id="umbenannt")
        renamed.setTitle("Umbenannt")
        renamed.reindexObject()
    assert renamed.UID() == uid
    assert roster_of(renamed) == before
    assert members_of(renamed) == before
    assert api.user.has_permission("View", username="mia", obj=renamed["seite"])
    assert not api.user.has_permission("View", username="erik", obj=renamed)
    group = api.group.get(groupname=communities.group_id(renamed, "member"))
    assert group.getProperty("title") == "Umbenannt: Members"
    assert_consistent(portal)


def test_deleting_a_community_takes_its_groups_off_the_index(
    open_community, closed_community, portal
):
    community, _page = open_community
    uid = community.UID()
    member = communities.group_id(community, "member")
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(community)
    assert api.group.get(groupname=member) is None
    assert all(uid not in found for found in pas.memberships().values())
    assert member not in groups_of("mia")
    assert communities.my_community_uids("mia") == [closed_community[0].UID()]
    assert_consistent(portal)


def test_deleting_a_folder_of_communities(open_community, portal):
    inner, _page = open_community
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(portal, "Folder", id="bereich", title="Bereich")
        inner = api.content.move(source=inner, target=folder)
        api.content.delete(folder)
    assert inner.UID() not in communities.my_community_uids("mia")
    assert_consistent(portal)


def test_deleting_a_user_takes_them_off_the_index(open_community, portal):
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username="mia")
    assert "mia" not in pas.memberships()
    assert_consistent(portal)


def test_uninstall_and_reinstall_rebuild_the_index(closed_community, portal):
    from Products.CMFPlone.utils import get_installer

    _community, page = closed_community
    before = pas.memberships()
    installer = get_installer(portal, portal.REQUEST)
    installer.uninstall_product("ospa.social")
    assert pas.PLUGIN_ID not in portal.acl_users.objectIds()
    assert not groups_of("moritz")
    installer.install_product("ospa.social")
    assert pas.memberships() == before
    # Moritz moderates (Mia wrote the page: authorship follows the roster).
    assert api.user.has_permission("View", username="moritz", obj=page)
    assert_consistent(portal)


# -- the rule: the index is what the rosters say ---------------------------


OPERATIONS = ("join", "leave", "add", "set_role", "remove", "copy", "delete", "move")


def _drop(alive, community):
    alive[:] = [c for c in alive if aq_base(c) is not aq_base(community)]


def _operate(rng, portal, alive, log):
    """One random roster or content operation on one of ``alive``."""
    operation = rng.choice(OPERATIONS)
    userid = rng.choice(["erik", "mia", "gast", "moritz"])
    if not alive:
        operation = "create"
    if operation == "create":
        with as_user("olga"):
            community = api.content.create(
                portal["communities"],
                "Community",
                title=f"Zufall {len(log)}",
                visibility=rng.choice(communities.VISIBILITIES),
            )
        alive.append(community)
        log.append(("create", community.getId()))
        return
    community = rng.choice(alive)
    log.append((operation, community.getId(), userid))
    try:
        if operation == "join":
            with as_user(userid):
                communities.join(community)
        elif operation == "leave":
            with as_user(userid):
                communities.leave(community)
        elif operation in ("add", "set_role"):
            owners = [u for u, r in roster_of(community).items() if r == "owner"]
            with as_user(owners[0]):
                role = rng.choice(communities.ROLES)
                if operation == "add":
                    communities.add(community, userid, role)
                elif userid in roster_of(community):
                    communities.set_role(community, userid, role)
        elif operation == "remove":
            owners = [u for u, r in roster_of(community).items() if r == "owner"]
            with as_user(owners[0]):
                if userid in roster_of(community):
                    communities.remove(community, userid)
        elif operation == "copy":
            with as_user(userid), api.env.adopt_roles(["Manager"]):
                alive.append(
                    api.content.copy(source=community, target=portal["communities"])
                )
        elif operation == "delete":
            _drop(alive, community)
            with api.env.adopt_roles(["Manager"]):
                api.content.delete(community)
        elif operation == "move":
            _drop(alive, community)
            target = portal["communities"] if rng.random() < 0.5 else portal
            with api.env.adopt_roles(["Manager"]):
                if community.aq_parent is target:
                    alive.append(api.content.rename(community, new_id=f"r{len(log)}"))
                else:
                    alive.append(api.content.move(source=community, target=target))
    except (communities.CommunityError, api.exc.InvalidParameterError) as error:
        log.append(("refused", type(error).__name__))
    except Exception as error:  # Unauthorized and the like: a refusal
        if type(error).__name__ not in ("Unauthorized", "Forbidden"):
            raise
        log.append(("refused", type(error).__name__))


@pytest.mark.parametrize("seed", range(4))
def test_the_rebuilt_index_is_the_kept_index(people, portal, seed):
    rng = random.Random(seed)
    alive, log = [], []
    for _step in range(40):
        _operate(rng, portal, alive, log)
        kept = pas.memberships()
        assert kept == pas.built_from_rosters(), log[-3:]
    kept = pas.memberships()
    pas.get_plugin()._memberships.clear()
    assert pas.memberships() == {}
    pas.rebuild()
    assert pas.memberships() == kept, log
    assert_consistent(portal)


# -- over REST ---------------------------------------------------------------


@pytest.fixture
def rest_world(functional_portal):
    portal = functional_portal
    create_people(portal, PEOPLE)
    found = {
        visibility: make_community(portal, cid, visibility, "open")[0]
        for cid, visibility in (("offen", "open"), ("geheim", "secret"))
    }
    transaction.commit()
    return portal, found


JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def test_at_groups_lists_them_to_managers_only(rest_world):
    portal, found = rest_world
    base = portal.absolute_url()
    secret = found["secret"]
    response = requests.get(
        f"{base}/@groups?query=community-",
        headers=JSON,
        auth=("chef", PASSWORD),
        timeout=60,
    )
    assert response.status_code == 200, response.text
    listed = {group["id"] for group in response.json()}
    for community in found.values():
        assert {communities.group_id(community, r) for r in communities.ROLES} <= listed
    owner = communities.group_id(secret, "owner")
    response = requests.get(
        f"{base}/@groups/{owner}", headers=JSON, auth=("chef", PASSWORD), timeout=60
    )
    assert response.status_code == 200
    assert response.json()["members"]["items"] == ["olga"]
    assert response.json()["title"] == "Community geheim: Owners"
    # A member lists no groups at all, so nothing of the secret community.
    for path in ("@groups", "@groups?query=community-", f"@groups/{owner}"):
        response = requests.get(
            f"{base}/{path}", headers=JSON, auth=("erik", PASSWORD), timeout=60
        )
        assert response.status_code in (401, 403), path
        assert secret.UID() not in response.text
        assert "geheim" not in response.text
    # The vocabularies employees may read hide the secret community's groups.
    response = requests.get(
        f"{base}/@vocabularies/plone.app.vocabularies.Groups?title=community",
        headers=JSON,
        auth=("erik", PASSWORD),
        timeout=60,
    )
    assert response.status_code == 200
    assert communities.group_id(found["open"], "member") in response.text
    assert secret.UID() not in response.text
    assert "geheim" not in response.text


def test_at_groups_cannot_change_them(rest_world):
    portal, found = rest_world
    base = portal.absolute_url()
    community = found["secret"]
    before = roster_of(community)
    member = communities.group_id(community, "member")
    owner = communities.group_id(community, "owner")
    attempts = (
        ("patch", member, {"users": {"erik": True}}),
        ("patch", member, {"users": {"mia": False}}),
        ("delete", owner, None),
    )
    for method, groupid, body in attempts:
        # Plone's source_groups, the only group manager, holds no such group
        # and raises (KeyError, answered 503 by Zope), as it does for any
        # group it does not hold (AuthenticatedUsers, ospa-employees).
        response = getattr(requests, method)(
            f"{base}/@groups/{groupid}",
            headers=JSON,
            json=body,
            auth=("chef", PASSWORD),
            timeout=60,
        )
        assert response.status_code >= 400, (method, groupid, response.status_code)
    transaction.begin()
    assert roster_of(community) == before
    assert members_of(community) == before
    # The site goes on answering, and the group is still there.
    response = requests.get(
        f"{base}/@groups/{owner}", headers=JSON, auth=("chef", PASSWORD), timeout=60
    )
    assert response.status_code == 200
    assert response.json()["members"]["items"] == ["olga"]
