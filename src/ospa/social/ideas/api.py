"""Ideas: supports, status changes, history and the board's query.

An idea's status is its workflow state (``ospa_idea_workflow``)::

    draft -> submitted -> in_review -> accepted -> implemented
                  \\____________\\______-> declined

Every rule lives here once; the REST services, the views, the workflow's
transition subscriber and the demo call it.

Supports are kept like likes (:mod:`ospa.social.core.storage`): each idea keeps
its supporters in a conflict-free :class:`CountedSet`, so that many people
support at once without conflicts. Each box keeps, per person, the UIDs of
the ideas they support there in a :class:`PersonalSet`, which the box's
limit is checked against: two supports by the same person in the same box
at the same moment conflict on it, and the retried one sees the other and
is refused when the limit is reached. The count is catalog metadata
(``support_count``), refreshed alone.

The status history is the workflow's own history: who, when, which
transition and the comment, which for accept and decline is the official
answer. It is shown to everyone who sees the idea.
"""

from AccessControl import Unauthorized
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from DateTime import DateTime
from datetime import datetime
from datetime import UTC
from ospa.social import _
from ospa.social.core import security
from ospa.social.core import settings
from ospa.social.core import storage
from ospa.social.core import tree
from ospa.social.core import users
from ospa.social.core.errors import NotSupported
from ospa.social.core.errors import SocialError
from ospa.social.core.storage import CountedSet
from ospa.social.core.storage import PersonalSetMap
from ospa.social.events import IdeaStatusChangedEvent
from ospa.social.events import IdeaSupportedEvent
from ospa.social.events import IdeaSupportThresholdEvent
from ospa.social.events import IdeaUnsupportedEvent
from ospa.social.interfaces import IIdea
from ospa.social.interfaces import IIdeaBox
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zoneinfo import ZoneInfo
from zoneinfo import ZoneInfoNotFoundError
from zope.event import notify
from zope.globalrequest import getRequest


BOX_TYPE = "Idea Box"
IDEA_TYPE = "Idea"
WORKFLOW_ID = "ospa_idea_workflow"
STATUSES = ("draft", "submitted", "in_review", "accepted", "implemented", "declined")
PUBLIC_STATUSES = STATUSES[1:]
OPEN_STATUSES = ("submitted", "in_review")
NOT_AN_IDEA = _("error_not_idea", default="Only ideas can be supported.")
TRANSITIONS = ("submit", "withdraw", "review", "accept", "decline", "implement")
AUTHOR_TRANSITIONS = ("submit", "withdraw")
REVIEW_TRANSITIONS = ("review", "accept", "decline", "implement")
ANSWER_REQUIRED = ("accept", "decline")
MAX_ANSWER = 5000

SUPPORT_PERMISSION = "ospa.social: Support ideas"
REVIEW_PERMISSION = "ospa.social: Review ideas"
SUPPORTERS_KEY = "ospa.social.supporters"
# Before 1005 a conflict-free SetMap under "ospa.social.box-supports", which
# let parallel supports by one person pass the limit (upgrades/v1005_supports).
BOX_SUPPORTS_KEY = "ospa.social.person-supports"
THRESHOLD_ATTR = "ospa_threshold_reached"

SORTS = {
    "supports": ["support_count", "created"],
    "newest": ["created"],
    "changed": ["stream_ts", "created"],
}
MAX_PAGE_SIZE = 100

STATUS_TITLES = {
    "draft": _("idea_status_draft", default="Draft"),
    "submitted": _("idea_status_submitted", default="Submitted"),
    "in_review": _("idea_status_in_review", default="In review"),
    "accepted": _("idea_status_accepted", default="Accepted"),
    "implemented": _("idea_status_implemented", default="Implemented"),
    "declined": _("idea_status_declined", default="Declined"),
}
TRANSITION_TITLES = {
    "create": _("idea_action_create", default="Created"),
    "submit": _("idea_action_submit", default="Submitted"),
    "withdraw": _("idea_action_withdraw", default="Withdrawn"),
    "review": _("idea_action_review", default="Review started"),
    "accept": _("idea_action_accept", default="Accepted"),
    "decline": _("idea_action_decline", default="Declined"),
    "implement": _("idea_action_implement", default="Implemented"),
}


class IdeaError(SocialError):
    """A support or status change that is not possible; nothing changed.

    ``state`` is the idea's support state to send back with the error
    (supporting twice answers with the same count); None without an idea.
    """

    def __init__(self, message, idea=None):
        super().__init__(message)
        self.idea = idea

    @property
    def state(self) -> dict | None:
        return support_state(self.idea) if self.idea is not None else None


# -- boxes and ideas -------------------------------------------------------


def is_idea(obj) -> bool:
    return IIdea.providedBy(obj)


def is_box(obj) -> bool:
    return IIdeaBox.providedBy(obj)


def box_of(obj):
    """The idea box that holds ``obj`` (or ``obj`` itself), or None."""
    return tree.enclosing(obj, IIdeaBox)


def status(idea) -> str:
    return api.content.get_state(idea, default="draft")


def _site_zone():
    name = api.portal.get_registry_record("plone.portal_timezone", default=None)
    try:
        return ZoneInfo(name or "UTC")
    except (ValueError, ZoneInfoNotFoundError):
        return UTC


def deadline(box) -> datetime | None:
    """The box's deadline, aware (a naive one is in the site's time zone)."""
    value = getattr(aq_base(box), "deadline", None) if box is not None else None
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=_site_zone())
    return value


def is_open(box) -> bool:
    """Whether the box still takes submissions and supports."""
    found = deadline(box)
    return found is None or datetime.now(UTC) < found


def support_limit(box) -> int | None:
    value = getattr(aq_base(box), "support_limit", None) if box is not None else None
    return value or None


def author(idea) -> str | None:
    creators = idea.listCreators()
    return creators[0] if creators else None


def _request():
    return getRequest()


def _text(message) -> str:
    from zope.i18n import translate

    return translate(message, context=_request())


# -- supports --------------------------------------------------------------


def _supporters(idea, create=False) -> CountedSet | None:
    return storage.annotated(idea, SUPPORTERS_KEY, CountedSet, create)


def box_supports(box, create=False) -> PersonalSetMap | None:
    """Per person, the UIDs of the ideas they support in ``box``."""
    return storage.annotated(box, BOX_SUPPORTS_KEY, PersonalSetMap, create)


def count(idea) -> int:
    return storage.size(_supporters(idea))


def is_supported(idea, userid: str | None = None) -> bool:
    return storage.holds(_supporters(idea), userid or users.current_userid())


def used(box, userid: str | None) -> int:
    """How many ideas of ``box`` the user supports."""
    found = box_supports(box) if box is not None and userid else None
    return found.count(userid) if found is not None else 0


def remaining(box, userid: str | None = None) -> int | None:
    """Supports the user has left in ``box``; None without a limit."""
    limit = support_limit(box)
    if limit is None:
        return None
    return max(0, limit - used(box, userid or users.current_userid()))


def supported_uids(box, userid: str | None = None) -> set[str]:
    """The UIDs of the ideas in ``box`` the user supports."""
    userid = userid or users.current_userid()
    found = box_supports(box) if box is not None and userid else None
    mine = found.get(userid) if found is not None else None
    return set(mine) if mine is not None else set()


def _check_view(idea):
    if not security.allowed("View", idea):
        raise Unauthorized("You may not see this idea.")


def _check_support(idea, adding: bool) -> str:
    """The acting user id if they may (un)support ``idea`` now, else raise."""
    userid = users.current_userid()
    if userid is None:
        raise Unauthorized("Log in to support ideas.")
    if not is_idea(idea):
        raise NotSupported(NOT_AN_IDEA)
    _check_view(idea)
    if status(idea) not in OPEN_STATUSES:
        raise IdeaError(
            _(
                "error_idea_not_open",
                default="Only submitted ideas and ideas in review can be "
                "supported; this one is ${status}.",
                mapping={"status": _text(STATUS_TITLES[status(idea)])},
            ),
            idea=idea,
        )
    if adding and author(idea) == userid:
        raise IdeaError(
            _("error_idea_own", default="You cannot support your own idea."),
            idea=idea,
        )
    box = box_of(idea)
    if not is_open(box):
        raise IdeaError(
            _(
                "error_idea_deadline",
                default="The deadline of this idea box has passed: supports are final.",
            ),
            idea=idea,
        )
    if not security.allowed(SUPPORT_PERMISSION, idea):
        raise Unauthorized("You may not support ideas here.")
    return userid


def why_not(idea) -> str | None:
    """Why the current user may not support ``idea`` now (translated), or None."""
    try:
        userid = _check_support(idea, adding=True)
    except IdeaError as error:
        return error.text(_request())
    except (Unauthorized, NotSupported):
        return _text(
            _("error_idea_support_denied", default="You may not support this idea.")
        )
    if is_supported(idea, userid):
        return None
    if remaining(box_of(idea), userid) == 0:
        return _text(_limit_message(box_of(idea)))
    return None


def can_support(idea) -> bool:
    """Whether the current user may add a support now."""
    return not is_supported(idea) and why_not(idea) is None


def can_unsupport(idea) -> bool:
    if not is_supported(idea):
        return False
    try:
        _check_support(idea, adding=False)
    except (Unauthorized, NotSupported, IdeaError):
        return False
    return True


def _limit_message(box):
    return _(
        "error_idea_limit",
        default="You have used all ${limit} supports of this idea box. "
        "Withdraw one to support another idea.",
        mapping={"limit": support_limit(box)},
    )


def support_state(idea) -> dict:
    """What a support button needs."""
    userid = users.current_userid()
    box = box_of(idea)
    supported = is_supported(idea, userid)
    return {
        "count": count(idea),
        "supported": supported,
        "can_support": bool(userid) and not supported and why_not(idea) is None,
        "can_withdraw": bool(userid) and supported and can_unsupport(idea),
        "limit": support_limit(box),
        "remaining": remaining(box, userid) if userid else None,
        "deadline": deadline(box).isoformat() if deadline(box) else None,
        "open": is_open(box),
    }


def _reindex_supports(idea):
    # Only the count: supporting changes neither text nor dates.
    idea.reindexObject(idxs=["support_count"])


def support(idea) -> dict:
    """The current user supports ``idea``; return the new support state."""
    userid = _check_support(idea, adding=True)
    if is_supported(idea, userid):
        raise IdeaError(
            _("error_idea_supported", default="You already support this idea."),
            idea=idea,
        )
    box = box_of(idea)
    if remaining(box, userid) == 0:
        raise IdeaError(_limit_message(box), idea=idea)
    supporters = _supporters(idea, create=True)
    supporters.add(userid)
    if box is not None:
        # Written even without a limit: the write is what makes two parallel
        # supports by this person conflict, and the retry re-checks above.
        box_supports(box, create=True).add(userid, idea.UID())
    _reindex_supports(idea)
    total = len(supporters)
    notify(IdeaSupportedEvent(idea, userid, total))
    _check_threshold(idea, userid, total)
    return support_state(idea)


def _check_threshold(idea, userid, total):
    threshold = settings.idea_support_threshold()
    if total < threshold or getattr(aq_base(idea), THRESHOLD_ATTR, None):
        return
    # Written once: two supports crossing at the same moment conflict
    # here, and the retried one finds the mark.
    setattr(idea, THRESHOLD_ATTR, DateTime().ISO8601())
    notify(IdeaSupportThresholdEvent(idea, userid, total, threshold))


def unsupport(idea) -> dict:
    """The current user withdraws their support; return the new state."""
    userid = _check_support(idea, adding=False)
    supporters = _supporters(idea)
    if supporters is None or not supporters.discard(userid):
        raise IdeaError(
            _("error_idea_not_supported", default="You do not support this idea."),
            idea=idea,
        )
    _forget_box_support(box_of(idea), userid, idea.UID())
    _reindex_supports(idea)
    notify(IdeaUnsupportedEvent(idea, userid, len(supporters)))
    return support_state(idea)


def _forget_box_support(box, userid, uid):
    found = box_supports(box) if box is not None else None
    if found is not None:
        found.discard(userid, uid)


def supporters(idea, start: int = 0, size: int = 20) -> list[str]:
    """A page of the ids of the idea's supporters (for those who see it)."""
    _check_view(idea)
    found = _supporters(idea)
    if found is None:
        return []
    return found.slice(max(0, start), max(0, min(size, MAX_PAGE_SIZE)))


AUTHOR_ROLE = "Idea Author"


def idea_added(idea, event):
    """Its creator becomes the idea's author (local role ``Idea Author``).

    The workflow gives the draft to this role, not to Owner: whoever created
    the box holds Owner on everything inside, but must not see others'
    drafts. In a community the author holds the role only while on its
    roster (:class:`ospa.social.communities.authors.CommunityAuthor` grants it), so no
    local role is set there. A moved idea keeps its roles.
    """
    if event.oldParent is not None:
        return
    from ospa.social.communities.api import community_of

    if community_of(aq_parent(aq_inner(idea))) is not None:
        return
    userid = author(idea) or users.current_userid()
    if not userid:
        return
    roles = set(idea.get_local_roles_for_userid(userid))
    if AUTHOR_ROLE not in roles:
        idea.manage_setLocalRoles(userid, sorted(roles | {AUTHOR_ROLE}))
        idea.reindexObjectSecurity()


def idea_removed(idea, event):
    """A deleted idea no longer counts against its supporters' limits."""
    if event.newParent is not None:
        return
    box = event.oldParent if is_box(event.oldParent) else None
    found = _supporters(idea)
    if box is None or found is None:
        return
    uid = idea.UID()
    for userid in found:
        _forget_box_support(box, userid, uid)


def remove_user(userid: str) -> int:
    """Remove a deleted user's supports everywhere; return how many."""
    removed = 0
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=BOX_TYPE):
        box = brain._unrestrictedGetObject()
        found = box_supports(box)
        mine = found.drop(userid) if found is not None else None
        for uid in mine or ():
            idea = users.unrestricted_object(uid)
            supporters_ = _supporters(idea) if idea is not None else None
            if supporters_ is not None and supporters_.discard(userid):
                removed += 1
                _reindex_supports(idea)
    return removed


# -- status ----------------------------------------------------------------


def _workflow():
    return api.portal.get_tool("portal_workflow").getWorkflowById(WORKFLOW_ID)


def _permitted_transitions(idea) -> list[str]:
    """The transitions the workflow lets the current user take now."""
    tool = api.portal.get_tool("portal_workflow")
    found = {t["id"] for t in tool.getTransitionsFor(idea)}
    if author(idea) != users.current_userid():
        found -= set(AUTHOR_TRANSITIONS)
    return [name for name in TRANSITIONS if name in found]


def available_transitions(idea) -> list[str]:
    """The transitions the current user may take now, in workflow order.

    Without those the rules refuse at the moment: withdrawing an idea that
    has supports, submitting after the box's deadline.
    """
    found = _permitted_transitions(idea)
    if "withdraw" in found and count(idea):
        found.remove("withdraw")
    if "submit" in found and not is_open(box_of(idea)):
        found.remove("submit")
    return found


def check_answer(name, answer) -> str:
    if answer is not None and not isinstance(answer, str):
        raise IdeaError(
            _("error_idea_answer_type", default="The answer must be a text.")
        )
    answer = (answer or "").strip()
    if name in ANSWER_REQUIRED and not answer:
        raise IdeaError(
            _(
                "error_idea_answer_required",
                default="Accepting or declining an idea needs an official "
                "answer that explains the decision.",
            )
        )
    if len(answer) > MAX_ANSWER:
        raise IdeaError(
            _(
                "error_idea_answer_length",
                default="The answer is too long: at most ${max} characters.",
                mapping={"max": MAX_ANSWER},
            )
        )
    return answer


def check_conditions(idea, name: str, answer) -> str:
    """The rules a transition's guard cannot see; return the clean answer."""
    answer = check_answer(name, answer)
    if name == "withdraw" and count(idea):
        raise IdeaError(
            _(
                "error_idea_withdraw_supported",
                default="An idea that has supports cannot be withdrawn.",
            )
        )
    if name == "submit" and not is_open(box_of(idea)):
        raise IdeaError(
            _(
                "error_idea_submit_deadline",
                default="The deadline for submissions to this idea box has passed.",
            )
        )
    return answer


def transition(idea, name: str, answer: str | None = None) -> str:
    """Change the status of ``idea`` by ``name``; return the new status.

    Reviewers take review, accept (with an answer), decline (with an
    answer) and implement; the author submits and withdraws.
    """
    if users.current_userid() is None:
        raise Unauthorized("Log in to change ideas.")
    if not is_idea(idea):
        raise NotSupported(NOT_AN_IDEA)
    _check_view(idea)
    if name not in TRANSITIONS:
        raise IdeaError(
            _(
                "error_idea_transition_unknown",
                default="Unknown status change ${name}: use submit, withdraw, "
                "review, accept, decline or implement.",
                mapping={"name": str(name)[:30]},
            )
        )
    if name in AUTHOR_TRANSITIONS and author(idea) != users.current_userid():
        # Also for those who hold Owner on the box or the community: the
        # workflow's author is the local role Idea Author, checked again here.
        raise Unauthorized("Only the author submits or withdraws an idea.")
    if name not in _permitted_transitions(idea):
        if name in REVIEW_TRANSITIONS and not security.allowed(REVIEW_PERMISSION, idea):
            raise Unauthorized("Only reviewers change the status of ideas.")
        if name in AUTHOR_TRANSITIONS and author(idea) != users.current_userid():
            raise Unauthorized("Only the author submits or withdraws an idea.")
        raise IdeaError(
            _(
                "error_idea_transition_state",
                default="${transition} is not possible while the idea is ${status}.",
                mapping={
                    "transition": _text(TRANSITION_TITLES[name]),
                    "status": _text(STATUS_TITLES[status(idea)]),
                },
            )
        )
    answer = check_conditions(idea, name, answer)
    api.content.transition(obj=idea, transition=name, comment=answer)
    return status(idea)


def before_transition(idea, event):
    """Refuse a status change whatever asked for it (toolbar, REST, API)."""
    if event.workflow.getId() != WORKFLOW_ID or event.transition is None:
        return
    name = event.transition.getId()
    if name in AUTHOR_TRANSITIONS and author(idea) != users.current_userid():
        raise Unauthorized("Only the author submits or withdraws an idea.")
    try:
        check_conditions(idea, name, event.kwargs.get("comment"))
    except IdeaError as error:
        raise WorkflowException(error.text(_request())) from None


def after_transition(idea, event):
    """Refresh what the board and the stream show; tell the listeners."""
    if event.workflow.getId() != WORKFLOW_ID or event.transition is None:
        return
    idea.reindexObject(idxs=["in_stream", "stream_ts", "support_count"])
    notify(
        IdeaStatusChangedEvent(
            idea,
            users.current_userid(),
            event.old_state.getId(),
            event.new_state.getId(),
            event.transition.getId(),
            (event.kwargs or {}).get("comment") or "",
        )
    )


def _entries(idea) -> list[dict]:
    history = getattr(aq_base(idea), "workflow_history", {}) or {}
    return list(history.get(WORKFLOW_ID, ()))


def history(idea) -> list[dict]:
    """Every change of status, oldest first: who, when, what, the answer."""
    items = []
    for entry in _entries(idea):
        action = entry.get("action") or "create"
        state = entry.get("review_state")
        when = entry.get("time")
        items.append(
            {
                "action": action,
                "action_title": _text(TRANSITION_TITLES.get(action, action)),
                "status": state,
                "status_title": _text(STATUS_TITLES.get(state, state)),
                "actor": users.summary(entry.get("actor")),
                "time": when.ISO8601() if when is not None else None,
                "answer": entry.get("comments") or "",
            }
        )
    return items


def official_answer(idea) -> dict | None:
    """The latest reviewer's answer: accept, decline or implement."""
    for entry in reversed(history(idea)):
        if entry["action"] in REVIEW_TRANSITIONS and entry["answer"]:
            return entry
    return None


def status_changed_ms(idea) -> int | None:
    """When the idea last changed status (milliseconds), None for a draft."""
    entries = _entries(idea)
    if not entries or status(idea) == "draft":
        return None
    when = entries[-1].get("time")
    return when.micros() // 1000 if when is not None else None


def info(idea) -> dict:
    """The idea's status, supports, answer and history (REST, views)."""
    state = status(idea)
    box = box_of(idea)
    return {
        "status": state,
        "status_title": _text(STATUS_TITLES.get(state, state)),
        "supports": support_state(idea),
        "answer": official_answer(idea),
        "history": history(idea),
        "transitions": available_transitions(idea),
        "box": {
            "@id": box.absolute_url(),
            "uid": box.UID(),
            "title": box.Title(),
        }
        if box is not None
        else None,
    }


# -- the board -------------------------------------------------------------


def _check_choice(value, allowed, message):
    if value in (None, ""):
        return None
    if value not in allowed:
        raise IdeaError(message)
    return value


def query(
    box=None,
    sort: str = "supports",
    status: str | None = None,
    tag: str | None = None,
    mine: bool = False,
):
    """Catalog results of ideas, as the viewer may see them.

    In a box (or everywhere, without one); drafts only with ``mine`` or
    ``status="draft"`` (and then only the viewer's own, as the workflow
    allows). Sorted by supports, newest or recently changed.
    """
    sort = sort or "supports"
    if sort not in SORTS:
        raise IdeaError(
            _(
                "error_idea_sort",
                default="Unknown order ${sort}: use supports, newest or changed.",
                mapping={"sort": str(sort)[:30]},
            )
        )
    status = _check_choice(
        status,
        STATUSES,
        _(
            "error_idea_status",
            default="Unknown status: use draft, submitted, in_review, accepted, "
            "implemented or declined.",
        ),
    )
    if tag is not None and (not isinstance(tag, str) or len(tag) > 100):
        raise IdeaError(_("error_idea_tag", default="A tag must be a short text."))
    search = {
        "portal_type": IDEA_TYPE,
        "sort_on": SORTS[sort],
        "sort_order": "descending",
    }
    if sort == "changed" and (mine or status == "draft"):
        # Drafts have no stream time, and the catalog leaves out whatever
        # its sort index lacks: order these by their last edit instead.
        search["sort_on"] = ["modified", "created"]
    if box is not None:
        search["path"] = {"query": "/".join(box.getPhysicalPath()), "depth": 1}
    if mine:
        userid = users.current_userid()
        if userid is None:
            raise Unauthorized("Log in to see your ideas.")
        search["Creator"] = userid
    if status:
        search["review_state"] = status
    elif not mine:
        search["review_state"] = list(PUBLIC_STATUSES)
    if tag:
        search["Subject"] = tag
    return api.portal.get_tool("portal_catalog")(**search)


def card(brain, supported: set[str] | None = None) -> dict:
    """What a card on the board shows of an idea, from its brain alone."""
    state = brain.review_state
    return {
        "@id": brain.getURL(),
        "uid": brain.UID,
        "title": brain.Title,
        "description": brain.Description or "",
        "status": state,
        "status_title": _text(STATUS_TITLES.get(state, state)),
        "supports": brain.support_count or 0,
        "supported": brain.UID in (supported or ()),
        "comments": brain.total_comments or 0,
        "tags": list(brain.Subject or ()),
        "author": users.summary(brain.Creator),
        "created": brain.created.ISO8601() if brain.created else None,
        # A draft has no stream time: its metadata is Missing.Value.
        "changed": brain.stream_ts if isinstance(brain.stream_ts, int) else None,
    }


def tags(box) -> list[str]:
    """The tags used by the ideas of ``box`` the viewer sees, sorted.

    The ideas :func:`query` lists (``box``, public states, the catalog's
    security filter), read from the ``Subject`` index by
    :func:`_keywords`: no brain per idea. Every idea has ``support_count``
    (the order :func:`query` leaves out what lacks), so no sort is needed.
    """
    search = {
        "portal_type": IDEA_TYPE,
        "path": {"query": "/".join(box.getPhysicalPath()), "depth": 1},
        "review_state": list(PUBLIC_STATUSES),
    }
    found = _keywords("Subject", search)
    return sorted(found, key=lambda tag: (tag.casefold(), tag))


def _keywords(index_name: str, search: dict) -> set[str]:
    """The keywords ``index_name`` holds for the results of ``search``.

    The viewer's (restricted) catalog search, unsorted, is a lazy map over
    the record ids it found (``LazyMap._seq``); the keyword index keeps
    each record's keywords (``_unindex``). Reading those is one dictionary
    look-up per result instead of a brain made and its metadata loaded:
    about a twentieth of the cost (benchmarks/bench_queries.py). Should a
    later ZCatalog answer differently, the brains are read instead.
    """
    catalog = api.portal.get_tool("portal_catalog")
    results = catalog(**search)
    index = catalog._catalog.indexes.get(index_name)
    rids = getattr(results, "_seq", None)
    unindex = getattr(index, "_unindex", None)
    same = getattr(results, "_func", None) == catalog._catalog.__getitem__
    found = set()
    if unindex is None or rids is None or not same:
        for brain in results:  # pragma: no cover - another ZCatalog
            found.update(getattr(brain, index_name, None) or ())
        return found
    for rid in rids:
        found.update(unindex.get(rid, ()))
    return found


def cards(brains, box=None) -> list[dict]:
    """The cards of a page of ideas, each saying whether the viewer supports it.

    Without ``box`` the ideas may come from several boxes (the site's
    board): each box's supports are read once.
    """
    brains = list(brains)
    userid = users.current_userid()
    mine = set()
    if userid is not None and box is not None:
        mine = supported_uids(box, userid)
    elif userid is not None:
        root = api.portal.get()
        for path in {brain.getPath().rpartition("/")[0] for brain in brains}:
            found = root.unrestrictedTraverse(path, None)
            if is_box(found):
                mine |= supported_uids(found, userid)
    return [card(brain, mine) for brain in brains]


ADD_PERMISSION = "ospa.social: Add Idea"


def can_add(box) -> bool:
    """Whether the current user may put a new idea into ``box`` now."""
    return is_open(box) and security.allowed(ADD_PERMISSION, box)


def box_info(box) -> dict:
    """What a board shows of its box: deadline, limit, what the viewer may do."""
    found = deadline(box)
    return {
        "@id": box.absolute_url(),
        "uid": box.UID(),
        "title": box.Title(),
        "description": box.Description(),
        "deadline": found.isoformat() if found is not None else None,
        "open": is_open(box),
        "support_limit": support_limit(box),
        "remaining": remaining(box) if users.current_userid() else None,
        "can_add": can_add(box),
    }
