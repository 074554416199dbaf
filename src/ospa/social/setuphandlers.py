"""Setup helpers of the GenericSetup profiles."""

from Products.CMFPlone.interfaces import INonInstallable
from zope.interface import implementer
import contextlib


@implementer(INonInstallable)
class HiddenProfiles:
    """Keep the profiles a site admin should not pick from the add-on list."""

    def getNonInstallableProfiles(self):
        """Return the profile ids hidden from the add-ons control panel."""
        return [
            "ospa.social:uninstall",
            "ospa.social:demo",
        ]

    def getNonInstallableProducts(self):
        """Return the packages hidden from the add-ons control panel."""
        return ["ospa.social.upgrades"]


def post_install(context):
    """After the default profile: create the social graph, apply the settings."""
    from ospa.social.core import graph
    from ospa.social.core import settings

    # Created now, so that the first likes do not all write the site.
    graph.get(create=True)
    settings.apply()
    employees_group()
    community_groups()
    communities_folder()
    stream_folder()
    idea_reviewers_group()
    _index_stream()
    _secure_comments()


def _secure_comments():
    """Comments already on the site take the comment workflow of the profile
    (as visible as their content)."""
    from ospa.social.comments import api as comments

    comments.resync_security()


def _index_stream():
    """Existing content enters the stream's indexes (only those indexes)."""
    from ospa.social.core import settings
    from ospa.social.stream import query as stream

    stream.reindex(settings.stream_types())


def employees_group():
    """The virtual group ``ospa-employees`` (ospa.social.employees.pas), in acl_users.

    Every grant "for everyone" goes to it; who is in it is the setting
    Site Setup → Social intranet → Employees.
    """
    from ospa.social.employees import pas
    from plone import api

    return pas.install(api.portal.get())


def community_groups():
    """The groups of the communities (ospa.social.communities.pas), in
    acl_users, their index built from the rosters there are (a reinstall
    finds the communities it left)."""
    from ospa.social.communities import pas
    from plone import api

    return pas.install(api.portal.get())


COMMUNITIES_FOLDER = "communities"


def communities_folder():
    """The folder where employees start communities, created once.

    Everybody with ``ospa.social: Add Community`` (the local role
    ``Employee`` that the employees' group holds here, see
    ospa.social.employees.api) may add a community here
    and nothing else; the admin takes the permission away from Employee to
    stop that. Guests may not: they are no employees. The folder is
    content: uninstalling leaves it and the communities in it.
    """
    from ospa.social.employees import api as employees
    from plone import api
    from plone.base.interfaces.constrains import ENABLED
    from plone.base.interfaces.constrains import ISelectableConstrainTypes

    portal = api.portal.get()
    folder = portal.get(COMMUNITIES_FOLDER)
    if folder is None:
        folder = api.content.create(
            portal,
            "Folder",
            id=COMMUNITIES_FOLDER,
            title="Communities",
            description="Teams, topics and projects of our colleagues.",
        )
        if api.content.get_state(folder) != "published":
            api.content.transition(folder, transition="publish")
    constrains = ISelectableConstrainTypes(folder)
    constrains.setConstrainTypesMode(ENABLED)
    constrains.setLocallyAllowedTypes(["Community"])
    constrains.setImmediatelyAddableTypes(["Community"])
    folder.manage_permission(
        "Add portal content",
        ["Employee", "Contributor", "Owner", "Manager", "Site Administrator"],
        acquire=True,
    )
    # Employee is the employees' local role here, never a site-wide one
    # (see ospa.social.employees.api).
    held = set(folder.get_local_roles_for_userid(employees.GROUP))
    if employees.ROLE not in held:
        folder.manage_setLocalRoles(employees.GROUP, sorted(held | {employees.ROLE}))
        folder.reindexObjectSecurity()
    return folder


STREAM_FOLDER = "stream"


def stream_folder():
    """``/stream``: every employee may post here, and every employee reads it.

    The ``ospa-employees`` group holds Reader and Contributor on it (not
    ``AuthenticatedUsers``: guests of a community are logged in too); the
    ``Stream`` type accepts only posts, and the post workflow gives the
    author (Owner) and moderators the rest. Like the communities folder it
    is content and stays when uninstalling. An unrelated item already at
    ``/stream`` is left alone (then posts go to communities only).
    """
    from ospa.social import logger
    from ospa.social.interfaces import IStreamFolder
    from plone import api
    from plone.dexterity.utils import createContentInContainer

    portal = api.portal.get()
    folder = portal.get(STREAM_FOLDER)
    if folder is None:
        # Not addable anywhere by hand: there is one stream.
        folder = createContentInContainer(
            portal,
            "Stream",
            checkConstraints=False,
            id=STREAM_FOLDER,
            title="Stream",
            description="Short posts and questions to all colleagues.",
        )
        if api.content.get_state(folder, default=None) == "private":
            with contextlib.suppress(api.exc.InvalidParameterError):
                api.content.transition(folder, transition="publish")
    if not IStreamFolder.providedBy(folder):
        logger.warning("/%s exists and is not a stream: not used", STREAM_FOLDER)
        return None
    from ospa.social.employees import api as employees

    folder.manage_setLocalRoles(employees.GROUP, ["Reader", "Contributor"])
    folder.manage_permission(
        "Delete objects",
        ["Contributor", "Editor", "Owner", "Manager", "Site Administrator"],
        acquire=False,
    )
    folder.reindexObjectSecurity()
    return folder


def idea_reviewers_group():
    """The site-wide group whose members review ideas in every idea box.

    It holds the ``Idea Reviewer`` role on the site; admins add people to
    it in the groups control panel. Kept when uninstalling, like all groups.
    """
    from ospa.social.ideas.content import REVIEWER_ROLE
    from ospa.social.ideas.content import REVIEWERS_GROUP
    from plone import api

    group = api.group.get(groupname=REVIEWERS_GROUP)
    if group is None:
        group = api.group.create(
            groupname=REVIEWERS_GROUP,
            title="Idea reviewers",
            description="Review ideas in every idea box they can see.",
        )
    api.group.grant_roles(group=group, roles=[REVIEWER_ROLE])
    return group


def uninstall(context):
    """After the uninstall profile: types lose our behaviours.

    Likes and follows stay stored (annotations on the items, the graph on
    the site): reinstalling finds them again.
    """
    from ospa.social.communities import pas as community_groups
    from ospa.social.core import settings
    from ospa.social.employees import pas
    from plone import api

    settings.remove()
    pas.uninstall(api.portal.get())
    community_groups.uninstall(api.portal.get())
