"""Ideas in Classic UI: the board, the idea page, the forms and "My ideas".

Every rule lives in :mod:`ospa.social.ideas.api`; the classes here read
the request, call the API and render its answers:

- :class:`IdeaBoardView`, the ``view`` of an idea box: the cards of the
  ideas the user sees, sorted (``sort``), filtered (``status``, ``tag``)
  and batched (``b_start``), with support buttons;
- :class:`IdeaView`, the ``view`` of an idea: problem, proposal, benefit,
  attachments, the support box, the status timeline with the official
  answers and the status change form; comments come from
  plone.app.discussion below;
- :class:`IdeaSupportView` (``@@idea-support``), the POST-only,
  CSRF-checked target of the support buttons (``action=support`` or
  ``withdraw``);
- :class:`IdeaStatusView` (``@@idea-status``): on GET the form with the
  answer field (the toolbar's workflow menu links here with
  ``?transition=``), on POST the status change;
- :class:`MyIdeasView` (``@@my-ideas``): the user's ideas in every box,
  drafts included.
"""

from DateTime import DateTime
from ospa.social import _
from ospa.social.browser.actions import SocialActionView
from ospa.social.browser.utils import count_text
from ospa.social.browser.utils import form_string
from ospa.social.browser.utils import form_text
from ospa.social.browser.utils import rich_text_html
from ospa.social.browser.utils import safe_url
from ospa.social.browser.utils import token
from ospa.social.browser.utils import translated
from ospa.social.core import security
from ospa.social.core import users
from ospa.social.core.errors import SocialError
from ospa.social.ideas import api as ideas
from plone import api
from plone.protect.authenticator import check as check_csrf
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from urllib.parse import quote
from urllib.parse import urlencode


PAGE_SIZE = 20
MAX_START = 100_000

SORT_TITLES = (
    ("supports", _("idea_sort_supports", default="Most supported")),
    ("newest", _("idea_sort_newest", default="Newest")),
    ("changed", _("idea_sort_changed", default="Recently changed")),
)
# What each status change button says (the history says what happened) and
# its Bootstrap class: one row a button.
BUTTONS = {
    "submit": (_("label_idea_submit", default="Submit"), "btn-primary"),
    "withdraw": (
        _("label_idea_withdraw", default="Withdraw"),
        "btn-outline-secondary",
    ),
    "review": (_("label_idea_review", default="Start review"), "btn-outline-primary"),
    "accept": (_("label_idea_accept", default="Accept"), "btn-success"),
    "decline": (_("label_idea_decline", default="Decline"), "btn-danger"),
    "implement": (_("label_idea_implement", default="Mark implemented"), "btn-primary"),
}
DRAFTS_TITLE = _("idea_filter_my_drafts", default="My drafts")
# The counts on the board and the idea page (``${count}`` is the number).
SUPPORTS_ONE = _("label_idea_supports_one", default="1 support")
SUPPORTS = _("label_idea_supports", default="${count} supports")
COMMENTS_ONE = _("label_idea_comments_one", default="1 comment")
COMMENTS = _("label_idea_comments", default="${count} comments")
REMAINING_ONE = _(
    "label_idea_remaining_one",
    default="You have 1 support left in this idea box.",
)
REMAINING = _(
    "label_idea_remaining",
    default="You have ${count} supports left in this idea box.",
)


def _param(value):
    """A query parameter for the API: a text, or what it refuses."""
    if value is None or isinstance(value, str):
        return value
    # ?sort=a&sort=b: the API answers with its message about the value.
    return str(value)[:50]


def _start(value) -> int:
    try:
        start = int(value)
    except (TypeError, ValueError):
        return 0
    return min(max(0, start), MAX_START)


def _localized(value, long_format=True) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = DateTime(value)
        except (DateTime.SyntaxError, ValueError, TypeError):
            return value
    elif not isinstance(value, DateTime):
        value = DateTime(value)
    return api.portal.get_localized_time(datetime=value, long_format=long_format)


def _can_add(container, portal_type) -> bool:
    """Whether the current user may add ``portal_type`` in ``container``.

    The type's add permission and the container's constraints
    (``allowedContentTypes``), and "Add portal content", which the add
    form needs and the idea workflow gives by state.
    """
    if users.current_userid() is None:
        return False
    if not security.allowed("Add portal content", container):
        return False
    return portal_type in [fti.getId() for fti in container.allowedContentTypes()]


def status_class(status) -> str:
    return f"ospa-idea-status ospa-idea-status-{status} badge"


class IdeaRendering:
    """What the idea views share: cards, support forms, texts."""

    def setup(self):
        self.userid = users.current_userid()
        self.token = token() if self.userid else ""

    def status_class(self, status) -> str:
        return status_class(status)

    def status_title(self, status) -> str:
        return translated(self.request, ideas.STATUS_TITLES.get(status, status))

    def date(self, value) -> str:
        return _localized(value)

    def support_url(self, url) -> str:
        return f"{url}/@@idea-support"

    def card(self, brain, supported, with_state=True) -> dict:
        """A card of the board: the API's card and the support state."""
        found = ideas.card(brain, supported)
        found["created_text"] = _localized(found["created"], long_format=False)
        found["status_class"] = status_class(found["status"])
        found["state"] = None
        if with_state and self.userid:
            found["state"] = ideas.support_state(brain.getObject())
            found["supports"] = found["state"]["count"]
        return found

    def supports_text(self, count) -> str:
        return count_text(self.request, count, SUPPORTS_ONE, SUPPORTS)

    def comments_text(self, count) -> str:
        return count_text(self.request, count, COMMENTS_ONE, COMMENTS)

    def remaining_text(self, remaining) -> str:
        if remaining is None:
            return ""
        return count_text(self.request, remaining, REMAINING_ONE, REMAINING)


class Pages:
    """Previous and next links of a list of catalog results."""

    def __init__(self, brains, start, url, params):
        self.total = len(brains)
        self.start = start if start < self.total else 0
        self.items = list(brains[self.start : self.start + PAGE_SIZE])
        self.url = url
        self.params = params

    def _link(self, start) -> str:
        params = {**self.params}
        if start:
            params["b_start"] = start
        return f"{self.url}?{urlencode(params)}" if params else self.url

    @property
    def previous_url(self) -> str | None:
        if not self.start:
            return None
        return self._link(max(0, self.start - PAGE_SIZE))

    @property
    def next_url(self) -> str | None:
        if self.start + PAGE_SIZE >= self.total:
            return None
        return self._link(self.start + PAGE_SIZE)

    @property
    def first(self) -> int:
        return self.start + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.total, self.start + PAGE_SIZE)


# -- the board -------------------------------------------------------------


class IdeaBoardView(IdeaRendering, BrowserView):
    """The ``view`` of an idea box: its ideas as cards."""

    index = ViewPageTemplateFile("templates/idea_board.pt")

    def __call__(self):
        self.setup()
        box = self.context
        form = self.request.form
        self.sort = _param(form.get("sort")) or "supports"
        self.status = _param(form.get("status")) or ""
        tag = form.get("tag")
        self.tag = tag.strip() if isinstance(tag, str) else tag
        self.error = None
        self.url = box.absolute_url()
        brains = []
        try:
            mine = self.status == "draft" and self.userid is not None
            brains = ideas.query(
                box,
                sort=self.sort,
                status=self.status or None,
                tag=self.tag or None,
                mine=mine,
            )
        except SocialError as error:
            self.error = error.text(self.request)
        if self.error:
            self.sort = self.sort if self.sort in ideas.SORTS else "supports"
            self.status = self.status if self.status in ideas.STATUSES else ""
            self.tag = self.tag if isinstance(self.tag, str) else ""
        self.pages = Pages(brains, _start(form.get("b_start")), self.url, self.params())
        supported = ideas.supported_uids(box) if self.userid else set()
        self.cards = [self.card(brain, supported) for brain in self.pages.items]
        self.deadline = ideas.deadline(box)
        self.open = ideas.is_open(box)
        self.limit = ideas.support_limit(box)
        self.remaining = ideas.remaining(box) if self.userid else None
        return self.index()

    def params(self, **changes) -> dict:
        """The query parameters of this page, with ``changes``."""
        params = {"sort": self.sort, "status": self.status, "tag": self.tag or ""}
        params.update(changes)
        if params["sort"] == "supports":
            del params["sort"]
        return {name: value for name, value in params.items() if value}

    def description(self) -> str:
        return self.context.Description() or ""

    def deadline_text(self) -> str:
        if self.deadline is None:
            return ""
        return _localized(DateTime(self.deadline.isoformat()))

    def deadline_iso(self) -> str:
        return self.deadline.isoformat() if self.deadline is not None else ""

    def add_url(self) -> str | None:
        if not self.open or not _can_add(self.context, ideas.IDEA_TYPE):
            return None
        return f"{self.url}/++add++{quote(ideas.IDEA_TYPE)}"

    def sorts(self) -> list[dict]:
        return [
            {
                "id": name,
                "title": translated(self.request, title),
                "url": self._url(self.params(sort=name)),
                "current": name == self.sort,
            }
            for name, title in SORT_TITLES
        ]

    def _url(self, params) -> str:
        return f"{self.url}?{urlencode(params)}" if params else self.url

    def statuses(self) -> list[dict]:
        found = [
            {
                "id": "",
                "title": translated(self.request, _("idea_filter_all", default="All")),
            }
        ]
        for name in ideas.PUBLIC_STATUSES:
            found.append({"id": name, "title": self.status_title(name)})
        if self.userid:
            found.append(
                {"id": "draft", "title": translated(self.request, DRAFTS_TITLE)}
            )
        for entry in found:
            entry["selected"] = entry["id"] == self.status
        return found

    def tags(self) -> list[dict]:
        names = ideas.tags(self.context)
        if self.tag and self.tag not in names:
            names = [self.tag, *names]
        return [{"id": name, "selected": name == self.tag} for name in names]

    def tag_url(self, tag) -> str:
        return self._url(self.params(tag=tag))

    def filtered(self) -> bool:
        return bool(self.status or self.tag)

    def came_from(self) -> str:
        return self._url(self.params(b_start=self.pages.start or None))


# -- the idea page ---------------------------------------------------------


class IdeaView(IdeaRendering, BrowserView):
    """The ``view`` of an idea."""

    index = ViewPageTemplateFile("templates/idea_view.pt")

    def __call__(self):
        self.setup()
        idea = self.context
        self.url = idea.absolute_url()
        self.info = ideas.info(idea)
        self.box = ideas.box_of(idea)
        self.support = self.info["supports"]
        self.why_not = None
        if self.userid and not (
            self.support["can_support"] or self.support["can_withdraw"]
        ):
            self.why_not = ideas.why_not(idea)
        author_id = ideas.author(idea)
        self.author = users.summary(author_id) if author_id else None
        return self.index()

    def status_badge(self) -> dict:
        return {
            "status": self.info["status"],
            "title": self.info["status_title"],
            "class": status_class(self.info["status"]),
        }

    def problem(self) -> str:
        return self.context.problem or ""

    def benefit(self) -> str:
        return self.context.benefit or ""

    def proposal(self) -> str:
        """The proposal as Plone's safe HTML transform gives it."""
        return rich_text_html(self.context, "proposal")

    def tags(self) -> list[dict]:
        box_url = self.box.absolute_url() if self.box is not None else None
        return [
            {
                "id": tag,
                "url": f"{box_url}?{urlencode({'tag': tag})}" if box_url else None,
            }
            for tag in self.context.Subject()
        ]

    def attachments(self) -> list[dict]:
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog(
            path={"query": "/".join(self.context.getPhysicalPath()), "depth": 1},
            portal_type=["File", "Image"],
            sort_on="getObjPositionInParent",
        )
        found = []
        for brain in brains:
            url = brain.getURL()
            image = brain.portal_type == "Image"
            found.append(
                {
                    "title": brain.Title or brain.getId,
                    "url": f"{url}/view",
                    "download": f"{url}/@@download/{'image' if image else 'file'}",
                    "image": f"{url}/@@images/image/thumb" if image else None,
                    "size": brain.getObjSize or "",
                }
            )
        return found

    def attachment_add_urls(self) -> list[dict]:
        found = []
        for portal_type, title in (
            ("File", _("label_idea_add_file", default="Attach a file")),
            ("Image", _("label_idea_add_image", default="Attach an image")),
        ):
            if _can_add(self.context, portal_type):
                found.append(
                    {
                        "url": f"{self.url}/++add++{portal_type}",
                        "title": translated(self.request, title),
                    }
                )
        return found

    def box_info(self) -> dict | None:
        return self.info["box"]

    def timeline(self) -> list[dict]:
        official = self.info["answer"]
        found = []
        for entry in self.info["history"]:
            found.append(
                {
                    **entry,
                    "time_text": _localized(entry["time"]),
                    "official": bool(
                        official
                        and entry["answer"]
                        and entry["time"] == official["time"]
                        and entry["action"] == official["action"]
                    ),
                    "status_class": status_class(entry["status"]),
                }
            )
        return found

    def official_answer(self) -> dict | None:
        answer = self.info["answer"]
        if answer is None:
            return None
        return {**answer, "time_text": _localized(answer["time"])}

    def transitions(self) -> list[dict]:
        return transition_buttons(self.request, self.context, self.info["transitions"])

    def needs_answer(self) -> bool:
        return any(
            name in ideas.REVIEW_TRANSITIONS for name in self.info["transitions"]
        )

    def status_url(self) -> str:
        return f"{self.url}/@@idea-status"


def transition_buttons(request, idea, names) -> list[dict]:
    """The buttons of the status form; withdrawing needs an idea without supports."""
    supported = ideas.count(idea) > 0
    return [
        {
            "id": name,
            "title": translated(request, BUTTONS[name][0]),
            "class": f"btn {BUTTONS[name][1]} ospa-idea-transition",
            "answer_required": name in ideas.ANSWER_REQUIRED,
        }
        for name in names
        if not (name == "withdraw" and supported)
    ]


# -- the form targets ------------------------------------------------------


class IdeaSupportView(IdeaRendering, SocialActionView):
    """``@@idea-support`` on an idea: ``action=support`` or ``withdraw``."""

    actions = ("support", "withdraw")

    def act(self, action):
        idea = self.context
        title = idea.Title()
        if action == "support":
            self.result = ideas.support(idea)
            message = _(
                "msg_idea_supported",
                default="You support “${title}”.",
                mapping={"title": title},
            )
        else:
            self.result = ideas.unsupport(idea)
            message = _(
                "msg_idea_unsupported",
                default="You no longer support “${title}”.",
                mapping={"title": title},
            )
        text = translated(self.request, message)
        remaining = self.remaining_text(self.result["remaining"])
        return f"{text} {remaining}" if remaining else text


class IdeaStatusView(IdeaRendering, BrowserView):
    """``@@idea-status`` on an idea: the status change with its answer."""

    index = ViewPageTemplateFile("templates/idea_status.pt")

    def __call__(self):
        users.required_userid("Log in to change ideas.")
        self.setup()
        request = self.request
        form = request.form
        idea = self.context
        self.url = idea.absolute_url()
        self.transition = form_string(form.get("transition"))
        answer = form_text(form.get("answer"))
        self.answer = answer if isinstance(answer, str) else ""
        if request.get("REQUEST_METHOD", "GET").upper() == "POST":
            check_csrf(request)
            result = self.change(answer)
            if result is not None:
                return result
        self.available = ideas.available_transitions(idea)
        self.notice = None
        if self.transition and self.transition not in self.available:
            self.notice = translated(
                request,
                _(
                    "help_idea_transition_unavailable",
                    default="This status change is not possible now. "
                    "These are the ones you may make:",
                ),
            )
        return self.index()

    def change(self, answer):
        """Carry out the status change; a redirect, or None to show the form."""
        request = self.request
        idea = self.context
        try:
            new = ideas.transition(idea, self.transition, answer)
        except SocialError as error:
            text = error.text(request)
        except (WorkflowException, api.exc.InvalidParameterError) as error:
            text = str(error) or translated(
                request,
                _(
                    "error_idea_transition_failed",
                    default="The status could not be changed.",
                ),
            )
        else:
            message = _(
                "msg_idea_status_changed",
                default="“${title}” is ${status} now.",
                mapping={"title": idea.Title(), "status": self.status_title(new)},
            )
            IStatusMessage(request).add(message, type="info")
            came_from = safe_url(request.form.get("came_from"))
            request.response.redirect(came_from or self.url, status=303)
            return ""
        IStatusMessage(request).add(text, type="error")
        return None

    def selected(self) -> str | None:
        return self.transition if self.transition in self.available else None

    def buttons(self) -> list[dict]:
        selected = self.selected()
        names = [selected] if selected else self.available
        return transition_buttons(self.request, self.context, names)

    def answer_required(self) -> bool:
        return self.selected() in ideas.ANSWER_REQUIRED

    def needs_answer(self) -> bool:
        names = [self.selected()] if self.selected() else self.available
        return any(name in ideas.REVIEW_TRANSITIONS for name in names)

    def current(self) -> dict:
        status = ideas.status(self.context)
        return {
            "status": status,
            "title": self.status_title(status),
            "class": status_class(status),
        }

    def transition_title(self) -> str:
        selected = self.selected()
        return translated(self.request, BUTTONS[selected][0]) if selected else ""


# -- my ideas --------------------------------------------------------------


class MyIdeasView(IdeaRendering, BrowserView):
    """``@@my-ideas``: the user's ideas in every box, drafts included."""

    index = ViewPageTemplateFile("templates/idea_mine.pt")

    def __call__(self):
        users.required_userid("Log in first.")
        self.setup()
        self.url = f"{self.context.absolute_url()}/@@my-ideas"
        brains = ideas.query(None, sort="newest", mine=True)
        self.pages = Pages(
            brains, _start(self.request.form.get("b_start")), self.url, {}
        )
        self._boxes = {}
        self.cards = []
        for brain in self.pages.items:
            found = self.card(brain, None, with_state=False)
            found["box"] = self.box_of(brain)
            self.cards.append(found)
        return self.index()

    def box_of(self, brain) -> dict | None:
        parent = brain.getPath().rsplit("/", 1)[0]
        if parent not in self._boxes:
            catalog = api.portal.get_tool("portal_catalog")
            found = catalog(
                path={"query": parent, "depth": 0}, portal_type=ideas.BOX_TYPE
            )
            self._boxes[parent] = (
                {"title": found[0].Title, "url": found[0].getURL()} if found else None
            )
        return self._boxes[parent]
