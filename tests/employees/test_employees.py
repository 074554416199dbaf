"""Who the employees are is read from the setting, at once, without indexing.

``ospa.social.employee_roles`` (default ``Member``) and
``ospa.social.employee_groups`` define the virtual group ``ospa-employees``
(ospa.social.employees.pas); every grant "for everyone" names that group, so that a
change of the setting shows in what the catalog finds at the next look-up
of the user, and nothing is re-indexed.
"""

from ospa.social.employees import api as employees
from ospa.social.testing import create_people
from plone import api
from Products.CMFCore.indexing import processQueue
from zope.annotation.interfaces import IAnnotations
import pytest


PEOPLE = {
    "erik": ("Erik Employee", ("Member",)),
    "gast": ("Gerd Gast", ()),
    "olga": ("Olga Owner", ("Member",)),
}


@pytest.fixture
def people(portal):
    """Erik (Member), Gerd (no role), Olga; a group ``staff``; and a post of
    Olga's in ``/stream``, which every employee reads."""
    from ospa.social.stream import posts

    create_people(portal, PEOPLE)
    api.group.create(groupname="staff", title="Staff")
    with api.env.adopt_user(username="olga"):
        posts.create(portal["stream"], "Moin zusammen #Wombat")
    # Indexed now, not by the first search of a test that counts indexing.
    processQueue()
    return PEOPLE


@pytest.fixture
def no_reindexing(portal, monkeypatch):
    """Fails the test if anything is (re)indexed while it runs."""
    catalog = api.portal.get_tool("portal_catalog")
    calls = []
    original = catalog.catalog_object

    def recording(obj, *args, **kwargs):
        calls.append("/".join(obj.getPhysicalPath()))
        return original(obj, *args, **kwargs)

    monkeypatch.setattr(catalog, "catalog_object", recording)
    return calls


def groups_of(userid) -> list[str]:
    return api.user.get(userid=userid).getUser().getGroups()


def tokens_of(userid) -> set[str]:
    catalog = api.portal.get_tool("portal_catalog")
    return set(catalog._listAllowedRolesAndUsers(api.user.get(userid=userid)))


def stream_found_by(userid) -> bool:
    """Whether the catalog's security filter lets ``userid`` find the post in
    ``/stream``, and the stream's own query (its fast path) shows it."""
    from ospa.social.stream import query as stream

    with api.env.adopt_user(username=userid):
        found = bool(api.content.find(portal_type="Post", path="/plone/stream"))
        shown = any("Wombat" in str(item) for item in stream.query()["items"])
    assert found == shown
    return found


def set_definition(roles, groups):
    api.portal.set_registry_record(employees.ROLES_RECORD, list(roles))
    api.portal.set_registry_record(employees.GROUPS_RECORD, list(groups))


def test_by_default_employees_are_the_users_with_the_member_role(people):
    assert api.portal.get_registry_record(employees.ROLES_RECORD) == ["Member"]
    assert api.portal.get_registry_record(employees.GROUPS_RECORD) == []
    assert employees.GROUP in groups_of("erik")
    assert employees.GROUP not in groups_of("gast")
    # Employee is the group's local role, never a site-wide one.
    assert "Employee" not in api.user.get_roles(username="erik")


def test_taking_member_away_with_plone_api_ends_being_an_employee(people, portal):
    """plone.api stores the roles a user has through groups as their own
    when it changes their roles: no group role may outlive the definition."""
    with api.env.adopt_user(username="olga"):
        closed = api.content.create(
            portal["communities"], "Community", id="zu", visibility="closed"
        )
    communities_folder = portal["communities"]
    assert api.user.has_permission("View", username="erik", obj=closed)
    assert api.user.has_permission(
        "ospa.social: Add Community", username="erik", obj=communities_folder
    )
    api.user.revoke_roles(username="erik", roles=["Member"])
    # A new request: nothing of erik's old roles kept in caches.
    IAnnotations(portal.REQUEST).clear()
    assert employees.GROUP not in groups_of("erik")
    assert not api.user.has_permission("View", username="erik", obj=closed)
    assert not api.user.has_permission(
        "ospa.social: Add Community", username="erik", obj=communities_folder
    )


def test_catalog_tokens_name_the_group_so_the_stream_follows_it(people):
    assert f"user:{employees.GROUP}" in tokens_of("erik")
    assert f"user:{employees.GROUP}" not in tokens_of("gast")
    assert stream_found_by("erik")
    assert not stream_found_by("gast")


def test_the_role_variant_takes_effect_without_reindexing(people, no_reindexing):
    set_definition(["Reviewer"], [])
    assert not stream_found_by("erik")
    api.user.grant_roles(username="gast", roles=["Reviewer"])
    assert employees.GROUP in groups_of("gast")
    assert stream_found_by("gast")
    assert no_reindexing == []


def test_the_group_variant_takes_effect_without_reindexing(people, no_reindexing):
    set_definition([], ["staff"])
    assert not stream_found_by("erik")
    assert not stream_found_by("gast")
    api.group.add_user(groupname="staff", username="gast")
    assert employees.GROUP in groups_of("gast")
    assert stream_found_by("gast")
    api.group.remove_user(groupname="staff", username="gast")
    assert not stream_found_by("gast")
    assert no_reindexing == []


def test_roles_from_a_group_count_as_well(people):
    api.group.grant_roles(groupname="staff", roles=["Member"])
    api.group.add_user(groupname="staff", username="gast")
    assert employees.GROUP in groups_of("gast")


def test_an_empty_definition_makes_nobody_an_employee(people):
    set_definition([], [])
    assert employees.GROUP not in groups_of("erik")
    assert not stream_found_by("erik")


def test_the_definition_cannot_name_itself(people):
    set_definition(["Employee"], [employees.GROUP])
    assert employees.GROUP not in groups_of("erik")


def test_the_group_is_found_like_a_group_with_its_title(people):
    group = api.group.get(groupname=employees.GROUP)
    assert group is not None
    assert group.getProperty("title") == "Employees"
    found = api.portal.get_tool("acl_users").searchGroups(id=employees.GROUP)
    assert [entry["groupid"] for entry in found] == [employees.GROUP]


def test_a_guest_is_no_employee_and_may_add_no_community(people, portal):
    folder = portal["communities"]
    with api.env.adopt_user(username="gast"):
        assert not employees.is_employee()
        assert not api.user.has_permission("ospa.social: Add Community", obj=folder)
    with api.env.adopt_user(username="erik"):
        assert employees.is_employee()
        assert api.user.has_permission("ospa.social: Add Community", obj=folder)
