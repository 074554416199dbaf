"""What a change of membership says to the person who made it.

The membership form (``@@community-membership``, its status message) and
the REST service (``@members``, the ``message`` of its reply) say the
same, because neither words it: the message follows from where the person
concerned stood before the change and where they stand after it (their
role, and whether a request or an invitation waits), not from which
button or HTTP method was used.
"""

from ospa.social import _
from ospa.social.communities import api as communities
from ospa.social.core import users
from zope.i18nmessageid import Message


ROLE_TITLES = {
    "owner": _("community_role_owner", default="Owner"),
    "moderator": _("community_role_moderator", default="Moderator"),
    "member": _("community_role_member", default="Member"),
    "guest": _("community_role_guest", default="Guest"),
}


def standing(community, userid) -> tuple:
    """``(role, pending kind)`` of ``userid``: what a change is read from."""
    if not isinstance(userid, str) or not userid:
        return None, None
    waiting = communities.pending_of(community, userid)
    return communities.role_of(community, userid), waiting and waiting["kind"]


def _name(userid) -> str:
    if isinstance(userid, str) and users.exists(userid):
        return users.summary(userid)["fullname"]
    return str(userid)[:50]


def change_message(community, userid, before: tuple, after: tuple):
    """The message for ``userid`` going from ``before`` to ``after``
    (:func:`standing`), or None when there is nothing to say.

    Said to the current user: about themselves when ``userid`` is theirs,
    about the member otherwise (a moderator's action).
    """
    title = community.Title()
    (role_before, waiting_before), (role_after, waiting_after) = before, after
    if userid == users.current_userid():
        return _own_message(
            title, role_before, waiting_before, role_after, waiting_after
        )
    name = _name(userid)
    if role_after is not None and role_before is not None:
        return _role_set(name, role_after, title)
    if role_after is not None:
        message = _(
            "msg_community_approved",
            default="${user} is a member of “${title}” now.",
        )
    elif role_before is not None:
        message = _(
            "msg_community_removed",
            default="${user} is no longer on the roster of “${title}”.",
        )
    elif waiting_after == "invitation":
        message = _(
            "msg_community_invited", default="${user} was invited to “${title}”."
        )
    elif waiting_before == "invitation":
        message = _(
            "msg_community_invitation_withdrawn",
            default="The invitation of ${user} was withdrawn.",
        )
    elif waiting_before == "request":
        message = _(
            "msg_community_declined", default="The request of ${user} was declined."
        )
    else:
        return None
    return Message(message, mapping={"user": name, "title": title})


def _own_message(title, role_before, waiting_before, role_after, waiting_after):
    if role_after is not None and role_before not in (None, role_after):
        return _role_set(_name(users.current_userid()), role_after, title)
    if role_after is not None:
        message = _("msg_community_joined", default="You joined “${title}”.")
    elif waiting_after == "request":
        message = _(
            "msg_community_requested",
            default="You asked to join “${title}”. Its moderators decide.",
        )
    elif role_before is not None:
        message = _("msg_community_left", default="You left “${title}”.")
    elif waiting_before == "invitation":
        message = _(
            "msg_community_invitation_declined",
            default="You declined the invitation to “${title}”.",
        )
    elif waiting_before == "request":
        message = _(
            "msg_community_request_withdrawn",
            default="You withdrew your request to join “${title}”.",
        )
    else:
        return None
    return Message(message, mapping={"title": title})


def _role_set(name, role, title):
    return _(
        "msg_community_role_set",
        default="${user} is ${role} of “${title}” now.",
        mapping={"user": name, "role": ROLE_TITLES[role], "title": title},
    )
