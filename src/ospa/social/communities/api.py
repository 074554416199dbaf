"""Communities: the roster, joining and leaving, visibility.

The roster lives on the community (an annotation) and is what four PAS
groups per community, one per roster role, hold: the add-on's group plugin
(:mod:`ospa.social.communities.pas`) answers PAS from the rosters, through
an index this module keeps. The groups hold local roles on the community,
granted once when it is created, so that joining, leaving or changing a
role only changes group membership: the catalog's security index names the
groups, and nothing inside the community is re-indexed.

Visibility is enforced by the workflow of the community and of its content
(``profiles/default/workflows``): ``open`` also gives every employee (the
``ospa-employees`` group of :mod:`ospa.social.employees.api`) the Reader
role on the community; ``closed`` lets employees (the local role
``Employee`` of that group) see the community but not its content;
``secret`` hides the community from everyone not on its roster. Guests
are on a roster and no employees: they see their communities and nothing
else.
"""

from AccessControl import getSecurityManager
from AccessControl import Unauthorized
from Acquisition import aq_base
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import UTC
from ospa.social import _
from ospa.social.communities import pas
from ospa.social.core import search
from ospa.social.core import security
from ospa.social.core import tree
from ospa.social.core import users
from ospa.social.core.errors import check_choice
from ospa.social.core.errors import shown
from ospa.social.core.errors import SocialError
from ospa.social.employees import api as employees
from ospa.social.events import CommunityApprovedEvent
from ospa.social.events import CommunityDeclinedEvent
from ospa.social.events import CommunityInvitedEvent
from ospa.social.events import CommunityJoinedEvent
from ospa.social.events import CommunityLeftEvent
from ospa.social.events import CommunityRequestedEvent
from ospa.social.events import CommunityRoleChangedEvent
from ospa.social.interfaces import ICommunity
from persistent import Persistent
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.event import notify


ROLES = pas.ROLES  # owner, moderator, member, guest
MODERATING = ("owner", "moderator")
VISIBILITIES = ("open", "closed", "secret")
JOIN_POLICIES = ("open", "request", "invite")
MESSAGE_NOT_TEXT = _("error_message_text", default="The message must be text.")

# Local roles each roster role's group holds on the community.
LOCAL_ROLES = {
    "owner": ("Reader", "Contributor", "Editor", "Reviewer"),
    "moderator": ("Reader", "Contributor", "Editor", "Reviewer"),
    "member": ("Reader", "Contributor"),
    "guest": ("Reader", "Contributor"),
}
# With "members edit each other's pages", members and guests also hold this
# role; only the page workflow maps Modify portal content to it.
PAGE_EDITOR = "Community Page Editor"
# Someone invited to a community sees the community itself (to accept),
# not its content; only the community workflow maps View to this role.
INVITEE = "Community Invitee"
# "Everyone" in an intranet: the employees, never AuthenticatedUsers.
EVERYONE = employees.GROUP
# What the employees hold on a community of each visibility: Reader shows
# the content of an open one (inherited inside), Employee only the
# community itself (the community workflow maps View to it; the content
# workflows do not).
EMPLOYEE_ROLES = {
    "open": sorted(("Reader", employees.ROLE)),
    "closed": [employees.ROLE],
    "secret": [],
}
ROSTER_KEY = "ospa.social.roster"
MANAGE_PERMISSION = "ospa.social: Manage communities"
MAX_MESSAGE = 2000


class Roster(Persistent):
    """Who belongs to a community, and who is waiting to."""

    def __init__(self):
        self.roles = OOBTree()  # user id -> roster role
        self.pending = OOBTree()  # user id -> request or invitation
        self.size = Length(0)


class CommunityError(SocialError):
    """A roster change that is not possible; nothing was changed."""


# -- reading ---------------------------------------------------------------


def is_community(obj) -> bool:
    return ICommunity.providedBy(obj)


def community_of(obj):
    """The community ``obj`` is (in), or None."""
    return tree.enclosing(obj, ICommunity)


def roster(community, create: bool = False) -> Roster | None:
    annotations = IAnnotations(community)
    found = annotations.get(ROSTER_KEY)
    if found is None and create:
        found = annotations[ROSTER_KEY] = Roster()
    return found


def role_of(community, userid: str | None = None) -> str | None:
    userid = userid or users.current_userid()
    found = roster(community)
    return found.roles.get(userid) if found is not None and userid else None


def pending_of(community, userid: str | None = None) -> dict | None:
    """The open request or invitation of ``userid``, if any."""
    userid = userid or users.current_userid()
    found = roster(community)
    entry = found.pending.get(userid) if found is not None and userid else None
    return dict(entry) if entry is not None else None


def member_count(community) -> int:
    found = roster(community)
    return found.size() if found is not None else 0


def group_id(community, role: str) -> str:
    return pas.group_id(community.UID(), role)


def can_see(community) -> bool:
    return security.allowed("View", community)


def can_see_content(community) -> bool:
    """Members, and every employee in an open community, see what is inside."""
    if api.user.is_anonymous():
        return False
    if role_of(community) is not None or _is_site_manager(community):
        return True
    return community.visibility == "open" and can_see(community)


def _is_site_manager(community) -> bool:
    return security.allowed(MANAGE_PERMISSION, community)


def can_moderate(community) -> bool:
    return role_of(community) in MODERATING or _is_site_manager(community)


def _check_visible(community):
    if not can_see(community):
        raise Unauthorized("You may not see this community.")


def _check_moderator(community) -> str:
    userid = _check_user()
    _check_visible(community)
    if not can_moderate(community):
        raise Unauthorized("Only the community's moderators may do this.")
    return userid


def _check_user() -> str:
    userid = users.current_userid()
    if userid is None:
        raise Unauthorized("Log in first.")
    return userid


def members(community) -> list[dict]:
    """The roster, owners first, with full names; for those who see content."""
    _check_visible(community)
    if not can_see_content(community):
        raise Unauthorized("Only members see who belongs to this community.")
    found = roster(community)
    order = {role: index for index, role in enumerate(ROLES)}
    entries = [
        {**users.summary(userid), "role": role}
        for userid, role in (found.roles.items() if found is not None else ())
    ]
    return sorted(entries, key=lambda e: (order[e["role"]], e["fullname"].lower()))


def pending(community, kind: str | None = None) -> list[dict]:
    """Open requests and invitations; moderators only."""
    _check_moderator(community)
    found = roster(community)
    result = []
    for userid, entry in found.pending.items() if found is not None else ():
        if kind is None or entry["kind"] == kind:
            result.append({**users.summary(userid), **dict(entry)})
    return result


def state(community) -> dict:
    """What a header or a card needs for the current user."""
    userid = users.current_userid()
    waiting = pending_of(community, userid) if userid else None
    return {
        "visibility": community.visibility,
        "join_policy": community.join_policy,
        "member_count": member_count(community),
        "role": role_of(community, userid) if userid else None,
        "pending": waiting["kind"] if waiting else None,
        "can_moderate": bool(userid) and can_moderate(community),
        "can_see_content": can_see_content(community),
    }


# -- the groups and local roles --------------------------------------------


def setup(community, creator: str) -> None:
    """A community was created (or copied): local roles, the creator as its
    only owner.

    Its groups (the plugin of :mod:`ospa.social.communities.pas` makes
    them from the roster) are the only ones to hold roles on it: Plone's
    Owner of the creator would be inherited by everything inside and
    outlive their place on the roster, and a copy brings the roster, the
    groups' local roles and the invitations of the original. A copy is a
    new community: whoever made it is its owner, on a new roster, in
    groups of its new UID.
    """
    groupnames = [group_id(community, role) for role in ROLES]
    for role, groupname in zip(ROLES, groupnames, strict=True):
        community.manage_setLocalRoles(groupname, list(LOCAL_ROLES[role]))
    # apply_settings decides about the employees' grant.
    stale = [
        principal
        for principal, _roles in community.get_local_roles()
        if principal not in groupnames and principal != EVERYONE
    ]
    if stale:
        community.manage_delLocalRoles(stale)
    copied = roster(community)
    if copied is not None:
        # A copy's roster is the original's: none of it counts here.
        pas.forget_community(community.UID(), list(copied.roles.keys()))
    IAnnotations(community)[ROSTER_KEY] = found = Roster()
    if creator:
        _set(community, found, creator, "owner")
    if not apply_settings(community) and stale:
        community.reindexObjectSecurity()


def teardown(community) -> None:
    """A community was deleted: its groups go with it (off the index)."""
    found = roster(community)
    if found is not None:
        pas.forget_community(community.UID(), list(found.roles.keys()))


def apply_settings(community) -> bool:
    """Make workflow state and local roles match visibility and page editing.

    Returns whether the visibility changed (then the community's content is
    re-indexed for security: the one case where that is needed).
    """
    visibility = (
        community.visibility if community.visibility in VISIBILITIES else "open"
    )
    for role in ("member", "guest"):
        roles = set(LOCAL_ROLES[role])
        if community.members_edit_pages:
            roles.add(PAGE_EDITOR)
        community.manage_setLocalRoles(group_id(community, role), sorted(roles))
    workflow = api.portal.get_tool("portal_workflow")
    changed = False
    if workflow.getInfoFor(community, "review_state", None) != visibility:
        with api.env.adopt_roles(["Manager"]):
            workflow.doActionFor(community, f"make_{visibility}")
        changed = True
    wanted = EMPLOYEE_ROLES[visibility]
    if sorted(community.get_local_roles_for_userid(EVERYONE)) != wanted:
        if wanted:
            community.manage_setLocalRoles(EVERYONE, wanted)
        else:
            community.manage_delLocalRoles([EVERYONE])
        changed = True
    if changed:
        community.reindexObjectSecurity()
    return changed


def _set(community, found: Roster, userid: str, role: str | None) -> str | None:
    """Put ``userid`` into ``role`` (None: off the roster), and so into the
    group of that role (the index of the group plugin)."""
    before = found.roles.get(userid)
    if before == role:
        return before
    pas.record(userid, community.UID(), role)
    _forget_cached_roles(community, userid)
    _regroup_current_user(
        userid,
        group_id(community, before) if before is not None else None,
        group_id(community, role) if role is not None else None,
    )
    if role is None:
        del found.roles[userid]
        found.size.change(-1)
    else:
        found.roles[userid] = role
        if before is None:
            found.size.change(1)
    _forget_pending(community, found, userid)
    # The community's own listing metadata; never its content.
    community.reindexObject(idxs=["member_count"])
    if before is None or role is None:
        _reindex_authored(community, userid, joined=role is not None)
    return before


def _reindex_authored(community, userid: str, joined: bool):
    """Someone joined or left: the security entries of their own items.

    Authorship (:mod:`ospa.social.communities.authors`) holds while on the roster and
    gives ``View`` on a few states (a hidden post, a draft idea), so the
    catalog names the author on those items. Only the items that name
    them (when leaving) or that they created (when joining) are
    re-indexed: the cost follows what the person wrote, never the size of
    the community.
    """
    catalog = api.portal.get_tool("portal_catalog")
    query = {"path": "/".join(community.getPhysicalPath())}
    if joined:
        query["Creator"] = userid
    else:
        query["allowedRolesAndUsers"] = f"user:{userid}"
    for brain in catalog.unrestrictedSearchResults(**query):
        if community.UID() == brain.UID:
            continue
        brain._unrestrictedGetObject().reindexObject(idxs=["allowedRolesAndUsers"])


def _forget_pending(community, found: Roster, userid: str):
    entry = found.pending.pop(userid, None)
    if entry is not None and entry["kind"] == "invitation":
        _set_invitee(community, userid, False)
    return entry


def _forget_cached_roles(community, userid: str):
    """borg.localrole caches local-role checks on the request: drop those of
    ``userid`` in the community, so the rest of this request sees the change.
    """
    request = getattr(community, "REQUEST", None)
    annotations = IAnnotations(request, None) if request is not None else None
    if annotations is None:
        return
    # The keys read "borg.localrole.workspace.checkLocalRolesAllowed:(userid,
    # path, roles)"; the community's path is a prefix of its content's.
    prefix = (
        "borg.localrole.workspace.checkLocalRolesAllowed:"
        f"({userid!r}, {repr(community.getPhysicalPath())[:-1]}"
    )
    for key in list(annotations.keys()):
        if isinstance(key, str) and key.startswith(prefix):
            del annotations[key]


def _regroup_current_user(userid: str, left: str | None, joined: str | None):
    """The user of this request moved between a community's groups.

    PAS reads a user's groups once per request, when it authenticates
    them, and keeps them on the user object: the index of the group plugin
    changes for every user built after this, not for the one already
    acting. Without this, whoever creates or joins a community would not
    see it (the groups are the only source of their rights) until their
    next request, and one who left would.
    """
    user = getSecurityManager().getUser()
    groups = getattr(aq_base(user), "_groups", None)
    if user is None or user.getId() != userid or not isinstance(groups, dict):
        return
    if left is not None:
        groups.pop(left, None)
    if joined is not None:
        groups[joined] = 1


def _set_invitee(community, userid: str, invited: bool):
    """Let an invitee see the community (only it) until they answer."""
    roles = set(community.get_local_roles_for_userid(userid))
    wanted = roles | {INVITEE} if invited else roles - {INVITEE}
    if wanted == roles:
        return
    if wanted:
        community.manage_setLocalRoles(userid, sorted(wanted))
    else:
        community.manage_delLocalRoles([userid])
    _forget_cached_roles(community, userid)
    # Only the community's own security entry; its content does not map
    # View to the invitee role.
    community.reindexObject(idxs=["allowedRolesAndUsers"])


def _owners(found: Roster) -> list[str]:
    return [userid for userid, role in found.roles.items() if role == "owner"]


def _check_keeps_an_owner(found: Roster, userid: str, new_role: str | None):
    leaving_owner = found.roles.get(userid) == "owner" and new_role != "owner"
    if leaving_owner and _owners(found) == [userid]:
        raise CommunityError(
            _(
                "error_last_owner",
                default="A community always keeps an owner: "
                "make someone else owner first.",
            )
        )


def _check_role(role) -> str:
    return check_choice(
        role,
        ROLES,
        CommunityError,
        _(
            "error_unknown_role",
            default="Unknown role ${role}: use owner, moderator, member or guest.",
        ),
        "role",
    )


def _check_message(message) -> str:
    if message is None:
        return ""
    if not isinstance(message, str):
        raise CommunityError(MESSAGE_NOT_TEXT)
    return message.strip()[:MAX_MESSAGE]


def _about(userid) -> dict:
    """The ``${user}`` of a refusal, from whatever was sent as a user id."""
    return {"user": shown(userid)}


def _check_on_roster(found: Roster, userid) -> str:
    if not isinstance(userid, str) or userid not in found.roles:
        raise CommunityError(
            _(
                "error_not_member",
                default="${user} is not on the roster.",
                mapping=_about(userid),
            )
        )
    return userid


def _check_known_user(userid) -> str:
    if not isinstance(userid, str) or not users.exists(userid):
        raise CommunityError(
            _(
                "error_unknown_user",
                default="There is no user ${user}.",
                mapping=_about(userid),
            )
        )
    return userid


def _pending_entry(kind, actor, message, role="member"):
    return PersistentMapping(
        {
            "kind": kind,
            "by": actor,
            "message": message,
            "role": role,
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )


# -- changing the roster ---------------------------------------------------


def join(community, message: str | None = None) -> str:
    """The current user joins, asks to join or accepts an invitation.

    Returns ``"member"`` (or the invited role) when they are in, ``"pending"``
    when a moderator has to decide.
    """
    userid = _check_user()
    _check_visible(community)
    message = _check_message(message)
    found = roster(community, create=True)
    if userid in found.roles:
        return found.roles[userid]
    waiting = found.pending.get(userid)
    if waiting is not None and waiting["kind"] == "invitation":
        role = waiting["role"]
        _set(community, found, userid, role)
        notify(CommunityJoinedEvent(community, userid, userid, role, message))
        return role
    policy = community.join_policy
    if policy == "open":
        _set(community, found, userid, "member")
        notify(CommunityJoinedEvent(community, userid, userid, "member", message))
        return "member"
    if policy == "request":
        if waiting is None:
            found.pending[userid] = _pending_entry("request", userid, message)
            notify(CommunityRequestedEvent(community, userid, userid, None, message))
        return "pending"
    raise CommunityError(
        _(
            "error_invite_only",
            default="Only its moderators can add people to this community.",
        )
    )


def check_leavable(community) -> None:
    """That the current user is on the roster or waiting: what a person who
    asks to leave is told otherwise. (``leave`` itself is idempotent, as
    ``DELETE @members/<me>`` is.)"""
    userid = _check_user()
    if role_of(community, userid) is None and pending_of(community, userid) is None:
        raise CommunityError(
            _(
                "error_community_not_in",
                default="You are not a member of this community.",
            )
        )


def leave(community) -> None:
    """The current user leaves (or withdraws a request, declines an invitation)."""
    userid = _check_user()
    _check_visible(community)
    found = roster(community, create=True)
    if userid in found.roles:
        _check_keeps_an_owner(found, userid, None)
        _set(community, found, userid, None)
        notify(CommunityLeftEvent(community, userid, userid, None, ""))
        return
    waiting = _forget_pending(community, found, userid)
    if waiting is not None and waiting["kind"] == "invitation":
        notify(CommunityDeclinedEvent(community, userid, userid, None, ""))


def accept(community, message=None) -> str:
    """The current user accepts their invitation; return their role.

    Accepting again once on the roster changes nothing.
    """
    userid = _check_user()
    _check_visible(community)
    role = role_of(community, userid)
    if role is not None:
        return role
    waiting = pending_of(community, userid)
    if waiting is None or waiting["kind"] != "invitation":
        raise CommunityError(
            _(
                "error_not_invited",
                default="You have not been invited to this community.",
            )
        )
    return join(community, message)


def withdraw(community) -> str:
    """The current user declines their invitation or withdraws their request.

    Returns which it was: ``"invitation"`` or ``"request"``.
    """
    userid = _check_user()
    _check_visible(community)
    waiting = pending_of(community, userid)
    if waiting is None:
        raise CommunityError(
            _(
                "error_no_pending",
                default="${user} has neither asked to join nor been invited.",
                mapping={"user": userid[:50]},
            )
        )
    leave(community)
    return waiting["kind"]


def invite(community, userid: str, role: str = "member", message=None) -> None:
    """A moderator invites ``userid``; they become ``role`` when they accept."""
    actor = _check_moderator(community)
    userid = _check_known_user(userid)
    role = _check_role(role)
    _check_may_grant(community, role)
    message = _check_message(message)
    found = roster(community, create=True)
    if userid in found.roles:
        raise CommunityError(
            _(
                "error_already_member",
                default="${user} is already on the roster.",
                mapping={"user": userid},
            )
        )
    waiting = found.pending.get(userid)
    if waiting is not None and waiting["kind"] == "request":
        # They asked already: inviting them is approving them.
        approve(community, userid, message)
        if role != "member":
            set_role(community, userid, role)
        return
    found.pending[userid] = _pending_entry("invitation", actor, message, role)
    _set_invitee(community, userid, True)
    notify(CommunityInvitedEvent(community, userid, actor, role, message))


def add(community, userid: str, role: str = "member") -> None:
    """A moderator puts ``userid`` on the roster at once (no invitation)."""
    _check_moderator(community)
    userid = _check_known_user(userid)
    role = _check_role(role)
    _check_may_grant(community, role)
    found = roster(community, create=True)
    if found.roles.get(userid) == role:
        return
    if userid in found.roles:
        set_role(community, userid, role)
        return
    _set(community, found, userid, role)
    notify(CommunityJoinedEvent(community, userid, users.current_userid(), role, ""))


def approve(community, userid: str, message=None) -> None:
    actor = _check_moderator(community)
    message = _check_message(message)
    found = roster(community, create=True)
    waiting = found.pending.get(userid) if isinstance(userid, str) else None
    if waiting is None or waiting["kind"] != "request":
        raise CommunityError(
            _(
                "error_no_request",
                default="${user} has not asked to join.",
                mapping=_about(userid),
            )
        )
    _set(community, found, userid, "member")
    notify(CommunityApprovedEvent(community, userid, actor, "member", message))
    notify(CommunityJoinedEvent(community, userid, actor, "member", message))


def decline(community, userid: str, message=None) -> None:
    """A moderator declines a request (or withdraws an invitation); for
    oneself, declining is :func:`withdraw` (one's invitation or request)."""
    if isinstance(userid, str) and userid and userid == users.current_userid():
        withdraw(community)
        return
    actor = _check_moderator(community)
    message = _check_message(message)
    found = roster(community, create=True)
    if not isinstance(userid, str) or userid not in found.pending:
        raise CommunityError(
            _(
                "error_no_pending",
                default="${user} has neither asked to join nor been invited.",
                mapping=_about(userid),
            )
        )
    _forget_pending(community, found, userid)
    notify(CommunityDeclinedEvent(community, userid, actor, None, message))


def can_grant_moderation(community) -> bool:
    """Owners (and site managers) alone make owners and moderators."""
    return role_of(community) == "owner" or _is_site_manager(community)


def _check_may_grant(community, role):
    if role in MODERATING and not can_grant_moderation(community):
        raise Unauthorized("Only owners may make owners and moderators.")


def set_role(community, userid: str, role: str) -> None:
    actor = _check_moderator(community)
    role = _check_role(role)
    found = roster(community, create=True)
    _check_on_roster(found, userid)
    if role == found.roles[userid]:
        return
    _check_may_grant(community, role)
    _check_may_grant(community, found.roles[userid])
    _check_keeps_an_owner(found, userid, role)
    _set(community, found, userid, role)
    notify(CommunityRoleChangedEvent(community, userid, actor, role, ""))


def remove(community, userid: str) -> None:
    """Take ``userid`` off the roster: themselves, or a moderator does it."""
    if userid == users.current_userid():
        return leave(community)
    actor = _check_moderator(community)
    found = roster(community, create=True)
    if (
        isinstance(userid, str)
        and userid not in found.roles
        and userid in found.pending
    ):
        return decline(community, userid)
    _check_on_roster(found, userid)
    _check_may_grant(community, found.roles[userid])
    _check_keeps_an_owner(found, userid, None)
    _set(community, found, userid, None)
    notify(CommunityLeftEvent(community, userid, actor, None, ""))


def remove_user_everywhere(userid: str) -> int:
    """A user was deleted: off every roster, every pending list."""
    catalog = api.portal.get_tool("portal_catalog")
    removed = 0
    for brain in catalog.unrestrictedSearchResults(
        object_provides=ICommunity.__identifier__
    ):
        community = brain._unrestrictedGetObject()
        found = roster(community)
        if found is None:
            continue
        if userid in found.pending:
            _forget_pending(community, found, userid)
        if userid in found.roles:
            del found.roles[userid]
            found.size.change(-1)
            community.reindexObject(idxs=["member_count"])
            removed += 1
    pas.forget_user(userid)
    return removed


# -- listing ---------------------------------------------------------------


def my_community_uids(userid: str | None = None) -> list[str]:
    """UIDs of the communities ``userid`` is on the roster of (the index
    of the group plugin)."""
    userid = userid or users.current_userid()
    if not userid:
        return []
    return sorted(pas.communities_of(userid))


def my_roles(userid: str | None = None) -> dict[str, str]:
    """``{community UID: roster role}`` of ``userid``: one look in the group
    plugin's index instead of a roster per community (what the lists of
    communities show as "my role")."""
    userid = userid or users.current_userid()
    if not userid:
        return {}
    return dict(pas.communities_of(userid))


def find(filter: str = "all", q: str | None = None):
    """Communities the current user may see, as catalog brains, by title.

    ``mine``: on my roster; ``discover``: visible to me, not mine; ``all``.
    ``q``: words their text starts with (:func:`.search.text_query`); a
    ``q`` without a word to search for (``.``, a bidi mark) is no search.
    The catalog's own security filter hides secret communities.
    """
    check_choice(
        filter,
        ("mine", "discover", "all"),
        CommunityError,
        _(
            "error_unknown_filter",
            default="Unknown filter ${filter}: use mine, discover or all.",
        ),
        "filter",
    )
    catalog = api.portal.get_tool("portal_catalog")
    query = {"object_provides": ICommunity.__identifier__, "sort_on": "sortable_title"}
    if q and not isinstance(q, str):
        raise CommunityError(_("error_query_text", default="The search must be text."))
    words = search.text_query(q) if q else None
    if words is not None:
        query["SearchableText"] = words
    mine = set(my_community_uids())
    if filter == "mine":
        if not mine:
            return []
        query["UID"] = sorted(mine)
    brains = catalog(**query)
    if filter == "discover":
        return [brain for brain in brains if brain.UID not in mine]
    return list(brains)
