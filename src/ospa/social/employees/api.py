"""Who the employees are: the one definition of "everyone" in the intranet.

An intranet is for its employees; external partners are guests of single
communities. Every grant "for everyone" (open communities, ``/stream``,
idea boxes outside communities) therefore goes to the group
``ospa-employees``, never to ``AuthenticatedUsers``: guests are
authenticated too.

Nobody is put into that group by hand. The PAS plugin of
:mod:`ospa.social.employees.pas` makes it virtual (as PlonePAS's ``auto_group`` makes
``AuthenticatedUsers``): a user is in it when they hold one of the site
roles of the setting ``ospa.social.employee_roles`` (``Member`` by default,
the role Plone gives every user it creates and the one Plone's own
``intranet_workflow`` uses for staff) or belong to one of the groups of
``ospa.social.employee_groups`` (an LDAP/AD staff group). Where a
permission is for employees but not for whoever can read a place (seeing
that a closed community exists, starting a community), the group holds the
local role ``Employee`` (on open and closed communities, on the
communities folder), which the community workflow and the rolemap name.
It is never a site-wide role of the group: plone.api stores the roles a
user has through groups as their own when it changes their roles, and an
``Employee`` stored so would outlast the person's place among employees.

Because the catalog's security tokens are the user's roles and
``user:<group>`` for each of their groups, a change of the setting or of
someone's roles takes effect at their next request, with nothing
re-indexed.
"""

from plone import api


GROUP = "ospa-employees"
# The local role of GROUP where employees may more than readers.
ROLE = "Employee"
ROLES_RECORD = "ospa.social.employee_roles"
GROUPS_RECORD = "ospa.social.employee_groups"
DEFAULT_ROLES = ("Member",)


def _clean(values) -> frozenset[str]:
    return frozenset(
        value.strip() for value in values or () if isinstance(value, str) and value
    ) - {"", GROUP, ROLE}


def definition(registry) -> tuple[frozenset[str], frozenset[str]]:
    """The roles and the groups that make an employee, from ``registry``.

    Before the records exist (an upgrade not run yet) the default applies.
    ``ospa-employees`` and ``Employee`` themselves are ignored: being an
    employee cannot depend on being one.
    """
    roles = registry.get(ROLES_RECORD, None) if registry is not None else None
    groups = registry.get(GROUPS_RECORD, None) if registry is not None else None
    return _clean(DEFAULT_ROLES if roles is None else roles), _clean(groups)


def is_employee(user=None) -> bool:
    """Whether ``user`` (by default the current one) is an employee.

    Site managers count as employees: they see everything anyway.
    """
    if user is None:
        if api.user.is_anonymous():
            return False
        user = api.user.get_current()
    groups = user.getGroups() if hasattr(user, "getGroups") else ()
    roles = user.getRoles() if hasattr(user, "getRoles") else ()
    return GROUP in groups or bool({"Manager", "Site Administrator"} & set(roles))
