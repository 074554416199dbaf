"""``@members`` of a community: the roster, joining, inviting, moderating.

All the rules are :mod:`ospa.social.communities.api`'s: these services
read the JSON body, check its shape and call the API. A
:class:`~ospa.social.communities.api.CommunityError` becomes a 400, an
``Unauthorized`` a 401; either way the transaction is aborted, so a
rejected request changes nothing.
"""

from AccessControl import Unauthorized
from ospa.social import _
from ospa.social.communities import api as communities
from ospa.social.communities import messages
from ospa.social.communities.api import CommunityError
from ospa.social.core import users
from ospa.social.core.errors import shown
from ospa.social.restapi import batching
from ospa.social.restapi.base import json_object
from ospa.social.restapi.base import PathParams
from ospa.social.restapi.base import SocialService
from ospa.social.restapi.base import WriteService
from urllib.parse import quote
from zExceptions import BadRequest
from zope.i18n import translate


POST_FIELDS = ("message", "user", "role", "invite")
PATCH_FIELDS = ("action", "role", "message")
ACTIONS = ("approve", "decline", "accept")


def check_fields(data: dict, allowed) -> None:
    for field in data:
        if field not in allowed:
            raise CommunityError(
                _(
                    "error_unknown_field",
                    default="Unknown field ${field}: use ${fields}.",
                    mapping={"field": shown(field), "fields": ", ".join(allowed)},
                )
            )


def check_message(data: dict):
    """The message as sent (the API shortens it); a 400 if it is no text."""
    message = data.get("message")
    if message is not None and not isinstance(message, str):
        raise CommunityError(communities.MESSAGE_NOT_TEXT)
    return message


def members_url(community) -> str:
    return f"{community.absolute_url()}/@members"


def member_reply(community, userid, before: tuple, request) -> dict:
    """Where ``userid`` stands now, what that change says, and the
    community as the viewer sees it (``can_see``: whether they still may,
    after leaving a secret community)."""
    after = messages.standing(community, userid)
    said = messages.change_message(community, userid, before, after)
    return {
        "@id": f"{members_url(community)}/{quote(userid)}",
        "id": userid,
        "role": after[0],
        "pending": after[1],
        "message": translate(said, context=request) if said is not None else None,
        "can_see": communities.can_see(community),
        "state": communities.state(community),
    }


class MembersGet(SocialService):
    """The roster, owners first; pending requests and invitations for moderators.

    Members, site managers and (in an open community) every employee see
    it; others get a 401.
    """

    def answer(self):
        community = self.context
        entries = communities.members(community)
        start, size = batching.batch_params(self.request)
        result = {
            "@id": members_url(community),
            "items": entries[start : start + size],
            "items_total": len(entries),
        }
        if communities.can_moderate(community):
            result["pending"] = communities.pending(community)
        result["state"] = communities.state(community)
        return batching.add_batching(result, self.request, start, size, len(entries))


class MembersPost(WriteService):
    """``{}`` joins (or asks to, or accepts an invitation) for oneself;
    ``{"user": id, "role": r, "message": m}`` invites, with ``"invite":
    false`` adds at once (moderators).

    201 when someone joined or is now waiting, 200 when nothing changed.
    """

    def answer(self):
        community = self.context
        data = json_object(self.request)
        check_fields(data, POST_FIELDS)
        message = check_message(data)
        if "user" in data:
            userid = data["user"]
            if not isinstance(data.get("invite", True), bool):
                raise CommunityError(
                    _(
                        "error_not_boolean",
                        default="${name} must be true or false.",
                        mapping={"name": "invite"},
                    )
                )
        else:
            for field in ("role", "invite"):
                if field in data:
                    raise CommunityError(
                        _(
                            "error_needs_user",
                            default="${field} needs a user: whom to invite or add.",
                            mapping={"field": field},
                        )
                    )
            userid = users.required_userid("Log in first.")
        # A user id that is no text (or empty) is refused by the API below.
        before = messages.standing(community, userid)
        if "user" not in data:
            communities.join(community, message)
        elif data.get("invite", True):
            communities.invite(community, userid, data.get("role", "member"), message)
        else:
            communities.add(community, userid, data.get("role", "member"))
        if messages.standing(community, userid) != before:
            self.request.response.setStatus(201)
        return member_reply(community, userid, before, self.request)


class _OneMember(PathParams, WriteService):
    """A service on ``@members/<userid>``."""

    def userid(self) -> str:
        if len(self.params) != 1 or not self.params[0]:
            message = _(
                "error_member_in_url",
                default="Name one member in the URL: @members/<user id>.",
            )
            raise BadRequest(translate(message, context=self.request))
        return self.params[0]


class MemberPatch(_OneMember):
    """Approve or decline a request, change a role; accept or decline
    one's own invitation.
    """

    def answer(self):
        community = self.context
        userid = self.userid()
        data = json_object(self.request)
        check_fields(data, PATCH_FIELDS)
        message = check_message(data)
        if ("action" in data) == ("role" in data):
            raise CommunityError(
                _(
                    "error_action_or_role",
                    default="Send either an action (approve, decline or accept) "
                    "or a role.",
                )
            )
        before = messages.standing(community, userid)
        if "role" in data:
            communities.set_role(community, userid, data["role"])
            return member_reply(community, userid, before, self.request)
        action = data["action"]
        me = users.current_userid()
        if action == "approve":
            communities.approve(community, userid, message)
        elif action == "decline":
            # For oneself: declining one's invitation or withdrawing one's
            # request (one who is on the roster leaves with DELETE).
            communities.decline(community, userid, message)
        elif action == "accept":
            self.accept(community, userid, me, message)
        else:
            raise CommunityError(
                _(
                    "error_unknown_action",
                    default="Unknown action ${action}: use ${actions}.",
                    mapping={"action": shown(action), "actions": ", ".join(ACTIONS)},
                )
            )
        return member_reply(community, userid, before, self.request)

    def accept(self, community, userid, me, message):
        if me is None or userid != me:
            raise Unauthorized("Only the invited person can accept an invitation.")
        communities.accept(community, message)


class MemberDelete(_OneMember):
    """Leave (oneself) or take someone off the roster (moderators)."""

    def answer(self):
        community = self.context
        userid = self.userid()
        before = messages.standing(community, userid)
        communities.remove(community, userid)
        return member_reply(community, userid, before, self.request)
