"""Copies are new communities; the upgrade takes Owner from existing ones."""

from ospa.social.communities import api as communities
from ospa.social.upgrades import v1005_owners
from plone import api


def roles_of(obj, permission) -> set[str]:
    return {
        entry["name"]
        for entry in obj.rolesOfPermission(permission)
        if entry["selected"]
    }


def group_members(community) -> dict[str, str]:
    found = {}
    for role in communities.ROLES:
        group = api.group.get(groupname=communities.group_id(community, role))
        for user in group.getGroupMembers():
            found[user.getId()] = role
    return found


def test_a_copy_is_a_new_community_of_whoever_copied_it(secret_community, portal):
    community, _page = secret_community
    before = dict(communities.roster(community).roles)
    with api.env.adopt_user(username="moritz"):
        copy = api.content.copy(source=community, target=portal["communities"])
    assert copy.UID() != community.UID()
    assert dict(communities.roster(copy).roles) == {"moritz": "owner"}
    assert dict(communities.roster(copy).pending) == {}
    assert communities.member_count(copy) == 1
    assert group_members(copy) == {"moritz": "owner"}
    # Only its own groups hold roles on it: none of the original's, no Owner.
    principals = {principal for principal, _roles in copy.get_local_roles()}
    assert principals == {
        communities.group_id(copy, role) for role in communities.ROLES
    }
    assert dict(communities.roster(community).roles) == before
    assert group_members(community) == before
    for userid in ("olga", "mia", "gast"):
        assert not api.user.has_permission("View", username=userid, obj=copy)
        assert not api.user.has_permission("View", username=userid, obj=copy["seite"])


def test_the_upgrade_takes_owner_from_community_content(open_community, portal):
    community, page = open_community
    # As 1004 left them: the creators' Owner, and the workflows' map to it.
    community.manage_setLocalRoles("olga", ["Owner"])
    page.manage_setLocalRoles("mia", ["Owner"])
    page.manage_permission("Modify portal content", ["Owner", "Manager"], 0)
    page.reindexObjectSecurity()
    v1005_owners.upgrade(None)
    assert community.get_local_roles_for_userid("olga") == ()
    assert page.get_local_roles_for_userid("mia") == ()
    assert "Owner" not in roles_of(page, "Modify portal content")
    assert "Community Author" in roles_of(page, "Modify portal content")
    assert roles_of(community, "Change local roles") == {
        "Editor",
        "Manager",
        "Site Administrator",
    }
    assert api.user.has_permission("Modify portal content", username="mia", obj=page)
    with api.env.adopt_user(username="olga"):
        communities.add(community, "erik", "owner")
    with api.env.adopt_user(username="olga"):
        communities.leave(community)
    for permission in ("Modify portal content", "Change local roles"):
        assert not api.user.has_permission(permission, username="olga", obj=page)
        assert not api.user.has_permission(permission, username="olga", obj=community)
    with api.env.adopt_user(username="mia"):
        communities.leave(community)
    assert not api.user.has_permission(
        "Modify portal content", username="mia", obj=page
    )
