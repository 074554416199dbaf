"""The employees' PAS plugin asks about people, not about their groups."""

from ospa.social.employees import api as employees
from ospa.social.employees import pas
from ospa.social.testing import create_people
from plone import api


def _fresh(userid):
    acl = api.portal.get_tool("acl_users")
    return acl.getUserById(userid)


def test_groups_nested_in_the_employees_group_setting_still_count(portal):
    create_people(portal, {"gerd": ("Gerd Gast", ())})
    api.group.create(groupname="staff", title="Staff")
    api.group.create(groupname="team", title="Team")
    api.group.add_user(groupname="team", username="gerd")
    portal.acl_users.source_groups.addPrincipalToGroup("team", "staff")
    assert employees.GROUP not in _fresh("gerd").getGroups()
    api.portal.set_registry_record(employees.GROUPS_RECORD, ["staff"])
    assert employees.GROUP in _fresh("gerd").getGroups()
    # The group itself is no employee, nor asked about as one.
    plugin = portal.acl_users[pas.PLUGIN_ID]
    group = api.group.get(groupname="team").getGroup()
    assert plugin.getGroupsForPrincipal(group) == ()


def test_a_member_of_many_groups_is_worked_out_once(portal, monkeypatch):
    """RecursiveGroupsPlugin passes each group as a plain PropertiedUser:
    those are not worked out as people (their roles and groups again)."""
    create_people(portal, {"mia": ("Mia Member", ["Member"])})
    for number in range(8):
        api.group.create(groupname=f"g{number}", title=f"G {number}")
        api.group.add_user(groupname=f"g{number}", username="mia")
    calls = []
    original = pas.EmployeesPlugin._qualifies

    def counting(self, principal, request):
        calls.append(principal.getId())
        return original(self, principal, request)

    monkeypatch.setattr(pas.EmployeesPlugin, "_qualifies", counting)
    assert employees.GROUP in _fresh("mia").getGroups()
    assert set(calls) == {"mia"}
