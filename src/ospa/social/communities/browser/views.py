"""Communities in Classic UI: the header, the tabs, membership and lists.

Everything a community does is decided by :mod:`ospa.social.communities.api`;
the classes here parse forms, call the API and render its answers:

- :class:`CommunityHeaderViewlet` (``plone.abovecontent``) on a community
  and on everything inside it: image, title, visibility, member count, my
  role, the membership button and the tabs;
- :class:`MembershipView` (``@@community-membership``), the POST-only,
  CSRF-checked target of every membership form;
- :class:`CommunityView` (``view``, ``@@community-view``), the pages and
  events tabs, and :class:`MembersView` (``@@community-members``);
- :class:`MyCommunitiesView` and :class:`DiscoverCommunitiesView` on the
  navigation root.
"""

from AccessControl import Unauthorized
from Acquisition import aq_base
from DateTime import DateTime
from ospa.social import _
from ospa.social.browser.actions import SocialActionView
from ospa.social.browser.utils import portal_url
from ospa.social.browser.utils import rich_text_html
from ospa.social.browser.utils import safe_url
from ospa.social.browser.utils import token
from ospa.social.browser.utils import translated
from ospa.social.browser.utils import TypeTitles
from ospa.social.communities import api as communities
from ospa.social.communities import listing
from ospa.social.communities import messages
from ospa.social.communities import pas
from ospa.social.communities.messages import ROLE_TITLES
from ospa.social.core import users
from ospa.social.core.errors import SocialError
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import quote


ACTIVITY_SIZE = 20
LIST_SIZE = 50
MAX_QUERY = 200

VISIBILITY_TITLES = {
    "open": _("community_badge_open", default="Open"),
    "closed": _("community_badge_closed", default="Closed"),
    "secret": _("community_badge_secret", default="Secret"),
}
VISIBILITY_HELP = {
    "open": _(
        "community_badge_open_help",
        default="Every employee sees this community and its content.",
    ),
    "closed": _(
        "community_badge_closed_help",
        default="Every employee sees that it exists; only members see its content.",
    ),
    "secret": _(
        "community_badge_secret_help",
        default="Only its members know that this community exists.",
    ),
}
MY_COMMUNITIES = _("heading_my_communities", default="My communities")
DISCOVER_COMMUNITIES = _("heading_discover_communities", default="Discover communities")
TABS = (
    ("activity", "", _("community_tab_activity", default="Activity")),
    ("stream", "@@community-stream", _("community_tab_stream", default="Stream")),
    ("pages", "@@community-pages", _("community_tab_pages", default="Pages")),
    ("events", "@@community-events", _("community_tab_events", default="Events")),
    ("members", "@@community-members", _("community_tab_members", default="Members")),
)
# Which tab a view of the community belongs to, by the view's name.
TAB_OF_VIEW = {
    "": "activity",
    "view": "activity",
    "community-view": "activity",
    "community-stream": "stream",
    "community-pages": "pages",
    "community-events": "events",
    "community-members": "members",
}


def rest_attributes(community, userid) -> dict:
    """What ``social.js`` needs to send a membership form to ``@members``:
    the service, who "I" am, and where to go when the community is closed
    to me after the change."""
    return {
        "url": f"{community.absolute_url()}/@members",
        "me": userid or "",
        "away": f"{portal_url()}/@@my-communities",
    }


def _image_tag(obj, scale="thumb", css_class="") -> str | None:
    """An ``<img>`` of the community's image, or None without one."""
    if not getattr(obj, "image", None):
        return None
    try:
        scales = obj.restrictedTraverse("@@images")
        found = scales.scale("image", scale=scale)
    except (AttributeError, KeyError, Unauthorized):  # pragma: no cover
        return None
    if found is None:  # pragma: no cover - an image Pillow cannot read
        return None
    return found.tag(alt="", css_class=css_class)


def _localized(date, long_format=False) -> str:
    if date is None:
        return ""
    return api.portal.get_localized_time(datetime=date, long_format=long_format)


def _iso(date) -> str:
    return date.ISO8601() if isinstance(date, DateTime) else ""


def _can_add(container, portal_type) -> bool:
    """Whether the current user may add ``portal_type`` in ``container``.

    ``allowedContentTypes`` applies the container's constraints and each
    type's add permission.
    """
    if users.current_userid() is None:
        return False
    return portal_type in [fti.getId() for fti in container.allowedContentTypes()]


class CommunityInfo:
    """What the header (and the views) show of a community for the user."""

    def __init__(self, community, request):
        self.community = community
        self.request = request
        self.state = communities.state(community)
        self.userid = users.current_userid()
        self.url = community.absolute_url()

    @property
    def visibility(self) -> str:
        return self.state["visibility"]

    def visibility_title(self) -> str:
        return translated(self.request, VISIBILITY_TITLES.get(self.visibility, ""))

    def visibility_help(self) -> str:
        return translated(self.request, VISIBILITY_HELP.get(self.visibility, ""))

    def role_title(self) -> str:
        role = self.state["role"]
        return (
            translated(self.request, ROLE_TITLES[role]) if role in ROLE_TITLES else ""
        )

    def member_count(self) -> int:
        return self.state["member_count"]


class CommunityHeaderViewlet(ViewletBase):
    """The community header above the content, on the community and inside it.

    Registered in ``plone.abovecontent`` (rendered by ``main_template`` on
    every page, views and forms alike); renders nothing outside a community
    or for someone who may not see the community.
    """

    index = ViewPageTemplateFile("templates/community_header.pt")

    def update(self):
        super().update()
        community = communities.community_of(self.context)
        self.community = None
        if community is not None and communities.can_see(community):
            self.community = community
            self.info = CommunityInfo(community, self.request)
            self.state = self.info.state
            self.anonymous = self.info.userid is None
            self.token = token() if not self.anonymous else ""
            self.action_url = f"{self.info.url}/@@community-membership"
            self.rest = rest_attributes(community, self.info.userid)
            self.came_from = self.request.get("ACTUAL_URL") or self.info.url
            query = self.request.get("QUERY_STRING")
            if query and self.request.get("REQUEST_METHOD", "GET") == "GET":
                self.came_from = f"{self.came_from}?{query}"

    def render(self):
        return self.index() if self.community is not None else ""

    def image(self) -> str | None:
        return _image_tag(
            self.community, "thumb", "ospa-community-image rounded img-fluid"
        )

    def button(self) -> str:
        """Which membership control to show: the template picks the form."""
        state = self.state
        if self.anonymous:
            return "login"
        if state["role"] is not None:
            return "leave"
        if state["pending"] == "invitation":
            return "invitation"
        if state["pending"] == "request":
            return "pending"
        return {"open": "join", "request": "request"}.get(
            state["join_policy"], "invite-only"
        )

    def login_url(self) -> str:
        return f"{self.site_url}/login?came_from={quote(self.info.url)}"

    def current_tab(self) -> str | None:
        if aq_base(self.context) is not aq_base(self.community):
            return None
        name = getattr(self.view, "__name__", "") or ""
        return TAB_OF_VIEW.get(name.removeprefix("@@"))

    def tabs(self) -> list[dict]:
        current = self.current_tab()
        sees_content = self.state["can_see_content"]
        result = []
        for tab_id, view_name, title in TABS:
            if tab_id != "activity" and not sees_content:
                continue
            url = f"{self.info.url}/{view_name}" if view_name else self.info.url
            result.append(
                {
                    "id": tab_id,
                    "url": url,
                    "title": translated(self.request, title),
                    "current": tab_id == current,
                }
            )
        return result


# -- membership forms ------------------------------------------------------


class MembershipView(SocialActionView):
    """``@@community-membership`` on a community: the forms of the header
    and the members page, without JavaScript (``social.js`` calls
    ``@members`` instead).

    For oneself: ``action=join`` (with an optional ``message`` when asking
    to join), ``leave`` (also withdraws a request), ``accept`` and
    ``decline`` (an invitation). For moderators, about ``userid``:
    ``approve`` and ``decline`` (a request; declining an invitation
    withdraws it), ``invite`` (with ``role``), ``set_role`` (``role``) and
    ``remove``; ``message`` goes with approve, decline and invite. The rules
    and the dispatch are the API's; the message is
    :func:`~ospa.social.communities.messages.change_message`'s, as in the
    REST replies.
    """

    actions = (
        "join",
        "leave",
        "accept",
        "decline",
        "approve",
        "invite",
        "set_role",
        "remove",
    )
    # Actions about oneself, whatever ``userid`` says.
    OWN = ("join", "leave", "accept")

    def act(self, action):
        form = self.request.form
        community = self.context
        me = users.current_userid()
        userid = form.get("userid")
        if isinstance(userid, str):
            userid = userid.strip()
        if action in self.OWN or (action == "decline" and not userid):
            if me is None and action != "join":
                raise Unauthorized("Log in first.")
            userid = me
        self.own = userid is not None and userid == me
        message = form.get("message") or None
        before = messages.standing(community, userid)
        if action == "join":
            communities.join(community, message=message)
        elif action == "leave":
            communities.check_leavable(community)
            communities.leave(community)
        elif action == "accept":
            communities.accept(community, message)
        elif action == "decline":
            communities.decline(community, userid, message=message)
        elif action == "approve":
            communities.approve(community, userid, message=message)
        elif action == "invite":
            role = form.get("role") or "member"
            communities.invite(community, userid, role=role, message=message)
        elif action == "set_role":
            communities.set_role(community, userid, form.get("role"))
        else:
            if self.own:
                communities.check_leavable(community)
            communities.remove(community, userid)
        after = messages.standing(community, userid)
        return messages.change_message(community, userid, before, after)

    def fallback_url(self) -> str:
        return self.context.absolute_url()

    def target_url(self, succeeded: bool = True) -> str:
        """Back to the page of the form, unless it is closed to me now."""
        community = self.context
        came_from = safe_url(self.request.form.get("came_from"))
        if succeeded and getattr(self, "own", False):
            if not communities.can_see(community):
                return f"{portal_url()}/@@my-communities"
            if not communities.can_see_content(community):
                return community.absolute_url()
        return came_from or self.fallback_url()

    def redirect(self):
        succeeded = not getattr(self, "_failed", False)
        self.request.response.redirect(self.target_url(succeeded), status=303)
        return ""

    def failed(self, error):
        self._failed = True
        return super().failed(error)


# -- the community's pages -------------------------------------------------


class CommunityPage(TypeTitles, BrowserView):
    """What the community's own views share: listings from the catalog."""

    tab = "activity"
    items_template = ViewPageTemplateFile("templates/community_items.pt")

    @property
    def community(self):
        return self.context

    def info(self) -> CommunityInfo:
        if not hasattr(self, "_info"):
            self._info = CommunityInfo(self.community, self.request)
        return self._info

    def can_see_content(self) -> bool:
        return self.info().state["can_see_content"]

    def _query(self, **query):
        catalog = api.portal.get_tool("portal_catalog")
        path = "/".join(self.community.getPhysicalPath())
        return catalog(path={"query": path, "depth": -1}, **query)

    def _fullname(self, userid) -> str:
        names = self.__dict__.setdefault("_names", {})
        if userid not in names:
            names[userid] = (
                users.summary(userid)["fullname"] if users.exists(userid) else userid
            )
        return names[userid]

    def item(self, brain) -> dict:
        creator = brain.Creator or ""
        return {
            "uid": brain.UID,
            "url": brain.getURL(),
            "title": brain.Title or brain.getId,
            "description": brain.Description or "",
            "portal_type": brain.portal_type,
            "type_title": self.type_title(brain.portal_type),
            "author": self._fullname(creator) if creator else "",
            "author_url": (
                f"{portal_url()}/author/{quote(creator)}" if creator else None
            ),
            "date": _localized(brain.modified, long_format=True),
            "date_iso": _iso(brain.modified),
            "start": _localized(brain.start, long_format=True)
            if brain.portal_type == "Event"
            else "",
            "start_iso": _iso(brain.start) if brain.portal_type == "Event" else "",
        }

    def items(self, brains, limit, newest_first=False) -> list[dict]:
        uid = self.community.UID()
        found = [brain for brain in brains[: limit + 1] if uid != brain.UID][:limit]
        if newest_first:
            # The catalog's date indexes keep minutes: order within a minute
            # by the full modification time of the metadata.
            found.sort(key=lambda brain: brain.modified, reverse=True)
        return [self.item(brain) for brain in found]

    def newest(self, size: int, **query) -> list[dict]:
        """The ``size`` most recently modified items of ``query``.

        The activity and the pages list ask the catalog the same way: one
        more than they show, as the community itself may be among them.
        """
        brains = self._query(
            sort_on="modified",
            sort_order="reverse",
            sort_limit=size + 1,
            **query,
        )
        return self.items(brains, size, newest_first=True)

    def add_url(self, portal_type) -> str | None:
        if not _can_add(self.community, portal_type):
            return None
        return f"{self.community.absolute_url()}/++add++{quote(portal_type)}"


class CommunityView(CommunityPage):
    """The community's default view (``view``): guidelines and recent activity.

    People who may not see the content (non-members of a closed community,
    invitees) see title, description and guidelines only; the catalog's
    security filter decides which items anyone sees.
    """

    index = ViewPageTemplateFile("templates/community_view.pt")

    def __call__(self):
        return self.index()

    def guidelines(self) -> str:
        return rich_text_html(self.context, "guidelines")

    def activity(self) -> list[dict]:
        return self.newest(ACTIVITY_SIZE)


class CommunityPagesView(CommunityPage):
    """``@@community-pages``: the community's pages (Documents), newest first."""

    index = ViewPageTemplateFile("templates/community_pages.pt")
    tab = "pages"

    def __call__(self):
        return self.index()

    def pages(self) -> list[dict]:
        return self.newest(LIST_SIZE, portal_type="Document")


class CommunityEventsView(CommunityPage):
    """``@@community-events``: upcoming events first (soonest first), then past."""

    index = ViewPageTemplateFile("templates/community_events.pt")
    tab = "events"

    def __call__(self):
        now = DateTime()
        self.upcoming = self.items(
            self._query(
                portal_type="Event",
                end={"query": now, "range": "min"},
                sort_on="start",
                sort_limit=LIST_SIZE,
            ),
            LIST_SIZE,
        )
        self.past = self.items(
            self._query(
                portal_type="Event",
                end={"query": now, "range": "max"},
                sort_on="start",
                sort_order="reverse",
                sort_limit=LIST_SIZE,
            ),
            LIST_SIZE,
        )
        return self.index()


class MembersView(CommunityPage):
    """``@@community-members``: the roster by role; moderation for moderators.

    The API refuses the roster (``Unauthorized``) to those who may not see
    the community's content.
    """

    index = ViewPageTemplateFile("templates/community_members.pt")
    tab = "members"

    def __call__(self):
        community = self.context
        # Before anything is rendered, so that Unauthorized leads to login.
        self.roster = communities.members(community)
        self.me = users.current_userid()
        self.moderating = bool(self.me) and communities.can_moderate(community)
        self.requests = []
        self.invitations = []
        if self.moderating:
            self.requests = communities.pending(community, "request")
            self.invitations = communities.pending(community, "invitation")
        self.token = token() if self.me else ""
        self.action_url = f"{community.absolute_url()}/@@community-membership"
        self.rest = rest_attributes(community, self.me)
        self.url = f"{community.absolute_url()}/@@community-members"
        return self.index()

    def grants_all(self) -> bool:
        """Owners and site managers make owners and moderators, too."""
        return communities.can_grant_moderation(self.context)

    def role_choices(self) -> list[dict]:
        roles = (
            communities.ROLES
            if self.grants_all()
            else tuple(r for r in communities.ROLES if r not in communities.MODERATING)
        )
        return [
            {"id": role, "title": translated(self.request, ROLE_TITLES[role])}
            for role in roles
        ]

    def may_manage(self, entry) -> bool:
        """Whether to offer role and remove controls for ``entry``."""
        if not self.moderating or entry["id"] == self.me:
            return False
        return self.grants_all() or entry["role"] not in communities.MODERATING

    def groups(self) -> list[dict]:
        result = []
        for role in communities.ROLES:
            entries = [entry for entry in self.roster if entry["role"] == role]
            if entries:
                result.append(
                    {
                        "role": role,
                        # The roster's headings are the groups' titles.
                        "title": translated(self.request, pas.ROLE_TITLES[role]),
                        "entries": entries,
                    }
                )
        return result

    def role_title(self, role) -> str:
        return (
            translated(self.request, ROLE_TITLES[role]) if role in ROLE_TITLES else ""
        )

    def date(self, iso) -> str:
        try:
            return _localized(DateTime(iso), long_format=True)
        except (DateTime.SyntaxError, ValueError, TypeError):  # pragma: no cover
            return iso or ""


# -- lists of communities --------------------------------------------------


class CommunitiesListView(BrowserView):
    """Cards of communities with a search field; logged-in users only."""

    index = ViewPageTemplateFile("templates/community_list.pt")
    filter = "all"
    view_name = ""
    # The page's heading and what it says when it lists nothing: the two
    # lists differ only in these and in ``filter``.
    heading = None
    empty_message = None

    def __call__(self):
        users.required_userid("Log in first.")
        self.error = None
        query = self.request.form.get("q")
        self.q = query.strip()[:MAX_QUERY] if isinstance(query, str) else ""
        try:
            brains = communities.find(
                self.filter, self.q if isinstance(query, str) else query
            )
        except SocialError as error:
            self.error = error.text(self.request)
            brains = []
        self.cards = [self.card(found) for found in listing.cards(brains)]
        self.url = f"{self.context.absolute_url()}/@@{self.view_name}"
        return self.index()

    def card(self, found: dict) -> dict:
        """A card of :func:`.listing.card` as the template shows it."""
        visibility = found["visibility"]
        role = found["role"]
        return {
            "uid": found["UID"],
            "url": found["@id"],
            "title": found["title"],
            "description": found["description"] or "",
            # Only a card with an image loads its community (for the scales).
            "image": _image_tag(
                found["brain"].getObject(),
                "thumb",
                "card-img-top ospa-community-card-image",
            )
            if found["image"]
            else None,
            "visibility": visibility,
            "visibility_title": translated(
                self.request, VISIBILITY_TITLES.get(visibility, "")
            ),
            "visibility_help": translated(
                self.request, VISIBILITY_HELP.get(visibility, "")
            ),
            "member_count": found["member_count"],
            "role": role,
            "role_title": translated(self.request, ROLE_TITLES[role])
            if role in ROLE_TITLES
            else "",
            "pending": found["pending"],
            "last_activity": _localized(found["last_activity"]),
            "last_activity_iso": _iso(found["last_activity"]),
        }

    def tabs(self) -> list[dict]:
        root = self.context.absolute_url()
        return [
            {
                "id": "my-communities",
                "url": f"{root}/@@my-communities",
                "title": translated(self.request, MY_COMMUNITIES),
                "current": self.view_name == "my-communities",
            },
            {
                "id": "discover-communities",
                "url": f"{root}/@@discover-communities",
                "title": translated(self.request, DISCOVER_COMMUNITIES),
                "current": self.view_name == "discover-communities",
            },
        ]

    def add_url(self) -> str | None:
        folder = api.portal.get().get("communities")
        if folder is None or not _can_add(folder, "Community"):
            return None
        return f"{folder.absolute_url()}/++add++Community"

    def title(self) -> str:
        return translated(self.request, self.heading)

    def empty(self) -> str:
        return translated(self.request, self.empty_message)


class MyCommunitiesView(CommunitiesListView):
    """``@@my-communities``: the communities I am on the roster of."""

    filter = "mine"
    view_name = "my-communities"
    heading = MY_COMMUNITIES
    empty_message = _(
        "help_my_communities_empty",
        default="You are not a member of any community yet.",
    )


class DiscoverCommunitiesView(CommunitiesListView):
    """``@@discover-communities``: the communities I can see and am not in."""

    filter = "discover"
    view_name = "discover-communities"
    heading = DISCOVER_COMMUNITIES
    empty_message = _(
        "help_discover_communities_empty",
        default="There are no other communities for you to discover.",
    )
