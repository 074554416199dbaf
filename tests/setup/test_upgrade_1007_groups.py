"""1006 → 1007: the community groups come from the rosters.

A site as 1006 left it: no plugin, and four real groups per community in
``source_groups`` whose members the roster API copied there. After the
upgrade every roster member has the same rights as before, the index says
what the rosters say and ``source_groups`` holds no community group.
"""

from ospa.social.communities import api as communities
from ospa.social.communities import pas
from ospa.social.testing import create_people
from ospa.social.testing import ERIK
from ospa.social.testing import GERD
from ospa.social.testing import ROSTER
from ospa.social.testing import ROSTER_PEOPLE
from ospa.social.testing import start_community
from ospa.social.upgrades import v1007_groups
from plone import api
from zope.annotation.interfaces import IAnnotations
import pytest


PROFILE = "ospa.social:default"
PEOPLE = {**ROSTER_PEOPLE, "gast": GERD, "erik": ERIK}
PERMISSIONS = (
    "View",
    "Access contents information",
    "Add portal content",
    "Modify portal content",
    "Delete objects",
    "Review portal content",
    "Change local roles",
)


@pytest.fixture
def world(portal):
    create_people(portal, PEOPLE)
    found = []
    for cid, visibility in (("offen", "open"), ("zu", "closed"), ("geheim", "secret")):
        community = start_community(
            portal, "olga", cid, visibility, roster={**ROSTER, "gast": "guest"}
        )
        with api.env.adopt_user(username="mia"):
            page = api.content.create(community, "Document", id="seite", title="S")
        found.append((community, page))
    return found


def as_1006(portal, world):
    """What 1006 had: real groups with the roster's members, no plugin."""
    pas.uninstall(portal)
    with api.env.adopt_roles(["Manager"]):
        for community, _page in world:
            for role in communities.ROLES:
                groupname = communities.group_id(community, role)
                api.group.create(groupname=groupname, title=groupname)
            for userid, role in communities.roster(community).roles.items():
                portal.portal_groups.addPrincipalToGroup(
                    userid, communities.group_id(community, role)
                )
    portal.portal_setup.setLastVersionForProfile(PROFILE, "1006")


def rights(portal, world) -> dict:
    """Who may do what on each community and its page."""
    annotations = IAnnotations(portal.REQUEST)
    for key in list(annotations.keys()):
        # borg.localrole remembers local-role checks for the request.
        if isinstance(key, str) and key.startswith("borg.localrole"):
            del annotations[key]
    return {
        (userid, "/".join(obj.getPhysicalPath()), permission): bool(
            api.user.has_permission(permission, username=userid, obj=obj)
        )
        for userid in PEOPLE
        for pair in world
        for obj in pair
        for permission in PERMISSIONS
    }


def test_the_upgrade_keeps_everybody_s_rights(portal, world):
    as_1006(portal, world)
    assert pas.PLUGIN_ID not in portal.acl_users.objectIds()
    assert v1007_groups.old_groups(portal)
    before = rights(portal, world)
    # The old groups give the rights (not something else).
    assert before[("mia", "/".join(world[2][1].getPhysicalPath()), "View")]
    assert not before[("erik", "/".join(world[2][1].getPhysicalPath()), "View")]

    setup = portal.portal_setup
    pending = setup.listUpgrades(PROFILE)[0]
    assert (pending[0] if isinstance(pending, list) else pending)["dest"] == ("1007",)
    setup.upgradeProfile(PROFILE, dest="1007")

    assert setup.getLastVersionForProfile(PROFILE) == ("1007",)
    assert pas.PLUGIN_ID in portal.acl_users.objectIds()
    assert v1007_groups.old_groups(portal) == []
    assert pas.memberships() == pas.built_from_rosters()
    assert rights(portal, world) == before
    for community, _page in world:
        group = api.group.get(groupname=communities.group_id(community, "member"))
        assert group.getProperty("title") == f"{community.Title()}: Members"
        assert {u.getId() for u in group.getGroupMembers()} == {"mia"}
    # The roster goes on deciding.
    community, page = world[2]
    with api.env.adopt_user(username="olga"):
        communities.add(community, "erik", "member")
    assert api.user.has_permission("View", username="erik", obj=page)


def test_the_upgrade_runs_twice_without_harm(portal, world):
    as_1006(portal, world)
    v1007_groups.upgrade(None)
    kept = pas.memberships()
    v1007_groups.upgrade(None)
    assert pas.memberships() == kept
    assert v1007_groups.old_groups(portal) == []
