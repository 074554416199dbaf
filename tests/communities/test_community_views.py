"""Community views over HTTP: header, tabs, membership forms, lists, add form.

Who is who in every community of these tests (made by ``make_community``):
Olga owns it, Moritz moderates, Mia is a member and Gerd a guest; Erik is
an employee on no roster; Carla Chef (``chef``) is a site manager on no
roster. The open community lets anyone join, the closed one takes
requests, the secret one invitations only.
"""

from .conftest import make_community as community_with_page
from datetime import datetime
from datetime import timedelta
from io import BytesIO
from lxml import html as lxml_html
from ospa.social.communities import api as communities
from ospa.social.testing import assert_denied
from ospa.social.testing import follow
from ospa.social.testing import get
from ospa.social.testing import JSON
from ospa.social.testing import one
from ospa.social.testing import parse
from ospa.social.testing import PASSWORD
from ospa.social.testing import select
from ospa.social.testing import send
from ospa.social.testing import sync
from ospa.social.testing import token_for
from plone import api
from plone.app.textfield.value import RichTextValue
import pytest
import pytz
import transaction


TZ = pytz.utc

PEOPLE = {
    "olga": "Olga Owner",
    "moritz": "Moritz Moderator",
    "mia": "Mia Member",
    "erik": "Erik Employee",
    "gast": "Gerd Gast",
}
USERS = (None, "erik", "mia", "moritz", "olga", "chef")
ROSTER_ROLES = {"olga": "owner", "moritz": "moderator", "mia": "member"}


# -- fixtures and helpers --------------------------------------------------


@pytest.fixture
def people(site):
    with api.env.adopt_roles(["Manager"]):
        for userid, fullname in PEOPLE.items():
            api.user.create(
                email=f"{userid}@example.org",
                username=userid,
                password=PASSWORD,
                properties={"fullname": fullname},
            )
    transaction.commit()
    return PEOPLE


def make_community(site, cid, visibility, join_policy):
    """Olga starts a community; Moritz moderates, Mia is a member, Gerd a guest."""
    guidelines = RichTextValue(
        f"<p>Rules of {cid}</p>", "text/html", "text/x-html-safe"
    )
    return community_with_page(
        site, cid, visibility, join_policy, guidelines=guidelines
    )[0]


@pytest.fixture
def spaces(people, site):
    found = {
        "open": make_community(site, "offen", "open", "open"),
        "closed": make_community(site, "geschlossen", "closed", "request"),
        "secret": make_community(site, "geheim", "secret", "invite"),
    }
    transaction.commit()
    return found


def header_of(tree):
    found = select(tree, "#ospa-community-header")
    return found[0] if found else None


def item_uids(tree, selector="#ospa-community-content"):
    return [
        item.get("data-uid")
        for item in tree.cssselect(f"{selector} .ospa-community-item")
    ]


def membership_url(community):
    return f"{community.absolute_url()}/@@community-membership"


def act(session, community, action, token, **fields):
    return send(session, membership_url(community), token, action=action, **fields)


def rest_act(session, community, action, me, **fields):
    """The form's action as ``social.js`` sends it: to ``@members``."""
    base = f"{community.absolute_url()}/@members"
    userid = fields.get("userid") or me
    message = {"message": fields["message"]} if fields.get("message") else {}
    method, url, body = {
        "join": ("POST", base, message),
        "leave": ("DELETE", f"{base}/{me}", None),
        "accept": ("PATCH", f"{base}/{me}", {"action": "accept", **message}),
        "decline": ("PATCH", f"{base}/{userid}", {"action": "decline", **message}),
        "approve": ("PATCH", f"{base}/{userid}", {"action": "approve", **message}),
        "invite": (
            "POST",
            base,
            {"user": userid, "role": fields.get("role") or "member", **message},
        ),
        "set_role": ("PATCH", f"{base}/{userid}", {"role": fields.get("role")}),
        "remove": ("DELETE", f"{base}/{userid}", None),
    }[action]
    return session.request(method, url, json=body, headers=JSON, timeout=30)


def roster_state(community):
    """Roles and open requests/invitations as the server committed them."""
    sync()
    found = communities.roster(community)
    return (
        dict(found.roles.items()),
        {userid: dict(entry) for userid, entry in found.pending.items()},
    )


def role(community, userid):
    sync()
    return communities.role_of(community, userid)


def waiting(community, userid):
    sync()
    entry = communities.pending_of(community, userid)
    return entry["kind"] if entry else None


def said(session, response) -> str:
    """The page a form's 303 leads to, where its status message shows."""
    return follow(session, response).text


# -- the header on a community and inside it --------------------------------


# Which membership control each user gets (None: may not see the community).
BUTTONS = {
    "open": {
        None: None,
        "erik": "join",
        "mia": "leave",
        "moritz": "leave",
        "olga": "leave",
        "chef": "join",
    },
    "closed": {
        None: None,
        "erik": "request",
        "mia": "leave",
        "moritz": "leave",
        "olga": "leave",
        "chef": "request",
    },
    "secret": {
        None: None,
        "erik": None,
        "mia": "leave",
        "moritz": "leave",
        "olga": "leave",
        "chef": "invite-only",
    },
}
SEES_CONTENT = {
    "open": {"erik", "mia", "moritz", "olga", "chef"},
    "closed": {"mia", "moritz", "olga", "chef"},
    "secret": {"mia", "moritz", "olga", "chef"},
}
CONTROL = {
    "join": ".ospa-community-join-form button.ospa-community-join",
    "request": ".ospa-community-request-form textarea[name=message]",
    "leave": ".ospa-community-leave-form button.ospa-community-leave",
    "invite-only": ".ospa-community-invite-only",
}


@pytest.mark.parametrize("visibility", ["open", "closed", "secret"])
@pytest.mark.parametrize("userid", USERS)
def test_the_header_and_the_activity_of_a_community(browse, spaces, visibility, userid):
    community = spaces[visibility]
    page = community["seite"]
    response = get(browse(userid), community.absolute_url())
    expected = BUTTONS[visibility][userid]
    if expected is None:
        assert_denied(response)
        return
    tree = parse(response)
    header = header_of(tree)
    assert header.get("data-uid") == community.UID()
    assert header.get("data-visibility") == visibility
    assert header.get("data-button") == expected
    assert header.get("data-role") == ROSTER_ROLES.get(userid)
    assert header.get("data-member-count") == "4"
    assert one(header, ".ospa-member-count-number").text == "4"
    assert one(header, ".ospa-visibility").text == visibility.capitalize()
    assert one(header, ".ospa-community-title a").text == community.Title()
    # Exactly the one control, posting to the membership view with a token.
    for name, selector in CONTROL.items():
        assert len(select(header, selector)) == (name == expected), name
    for form in select(header, "form"):
        assert form.get("method") == "post"
        assert form.get("action") == membership_url(community)
        assert one(form, "input[name=_authenticator]").get("value")
    if userid in ROSTER_ROLES:
        assert one(header, ".ospa-my-role").get("data-role") == ROSTER_ROLES[userid]
    else:
        assert not select(header, ".ospa-my-role")

    # Title, description and guidelines for everyone who sees it; the
    # activity only for those who see the content.
    assert one(tree, "article#content > header h1").text_content().strip() == (
        community.Title()
    )
    assert f"About {community.getId()}" in response.text
    guidelines = one(tree, "#ospa-community-guidelines")
    assert f"Rules of {community.getId()}" in guidelines.text_content()
    sees = userid in SEES_CONTENT[visibility]
    assert header.get("data-can-see-content") == ("true" if sees else "false")
    assert item_uids(tree) == ([page.UID()] if sees else [])
    assert bool(select(tree, ".ospa-community-members-only")) is not sees
    tabs = [tab.get("data-tab") for tab in select(header, ".nav-link")]
    assert tabs == (
        ["activity", "stream", "pages", "events", "members"] if sees else ["activity"]
    )
    assert one(header, ".nav-link.active").get("data-tab") == "activity"


def test_anonymous_visitors_are_sent_to_the_login_form(browse, spaces):
    anonymous = browse()
    for community in spaces.values():
        for suffix in ("", "/@@community-members", "/@@community-pages", "/seite"):
            response = get(anonymous, community.absolute_url() + suffix)
            assert response.status_code == 302
            assert "require_login" in response.headers["Location"]


def test_the_header_shows_on_everything_inside_the_community(browse, site, spaces):
    community = spaces["closed"]
    mia = browse("mia")
    for url in (
        community["seite"].absolute_url(),
        f"{community['seite'].absolute_url()}/edit",
        f"{community.absolute_url()}/++add++Document",
        f"{community.absolute_url()}/@@community-members",
    ):
        header = header_of(parse(get(mia, url)))
        assert header is not None, url
        assert header.get("data-uid") == community.UID()
        assert header.get("data-role") == "member"
    # No current tab on content inside; the members tab on the members page.
    tree = parse(get(mia, community["seite"].absolute_url()))
    assert not select(tree, "#ospa-community-header .nav-link.active")
    tree = parse(get(mia, f"{community.absolute_url()}/@@community-members"))
    assert one(tree, "#ospa-community-header .nav-link.active").get("data-tab") == (
        "members"
    )
    # Not outside communities.
    for url in (
        site.absolute_url(),
        site["ablage"].absolute_url(),
        site["communities"].absolute_url(),
    ):
        assert header_of(parse(get(mia, url))) is None, url


def test_the_community_view_is_the_default_view(browse, spaces):
    community = spaces["open"]
    mia = browse("mia")
    for suffix in ("", "/view", "/@@view", "/@@community-view"):
        tree = parse(get(mia, community.absolute_url() + suffix))
        assert select(tree, "#ospa-community-activity"), suffix
        assert item_uids(tree) == [community["seite"].UID()]


def test_invitees_see_the_community_but_not_its_content(browse, site, spaces):
    community = spaces["secret"]
    with api.env.adopt_user(username="olga"):
        communities.invite(community, "erik", message="Komm dazu")
    transaction.commit()
    erik = browse("erik")
    tree = parse(get(erik, community.absolute_url()))
    header = header_of(tree)
    assert header.get("data-button") == "invitation"
    assert header.get("data-pending") == "invitation"
    assert select(header, ".ospa-community-accept-form button.ospa-community-accept")
    assert select(header, ".ospa-community-decline-form button.ospa-community-decline")
    assert item_uids(tree) == []
    assert "Rules of geheim" in tree.text_content()
    assert_denied(get(erik, f"{community.absolute_url()}/@@community-members"))
    assert_denied(get(erik, community["seite"].absolute_url()))
    # The invitation shows on the card in "Discover communities".
    tree = parse(
        get(
            erik,
            f"{site.absolute_url()}/@@discover-communities",
        )
    )
    card = cards(tree)[community.UID()]
    assert card.get("data-pending") == "invitation"
    assert select(card, ".ospa-community-card-invited")


def test_the_activity_is_the_newest_content_first_twenty_at_most(browse, spaces):
    community = spaces["open"]
    start = datetime(2025, 1, 1, 12, 0, tzinfo=TZ)
    uids = []
    with api.env.adopt_user(username="mia"):
        for number in range(22):
            kind = "News Item" if number % 2 else "Document"
            item = api.content.create(
                community, kind, id=f"item-{number}", title=f"Item {number}"
            )
            item.setModificationDate((start + timedelta(hours=number)).isoformat())
            item.reindexObject(idxs=["modified"])
            uids.append(item.UID())
    transaction.commit()
    tree = parse(get(browse("erik"), community.absolute_url()))
    # "seite" was made just now: newer than all of them.
    expected = [community["seite"].UID(), *reversed(uids)][:20]
    assert item_uids(tree) == expected
    newest = select(tree, "#ospa-community-activity .ospa-community-item")[1]
    assert newest.get("data-portal-type") == "News Item"
    assert one(newest, ".ospa-community-item-title").text == "Item 21"
    assert one(newest, ".ospa-community-item-type").text == "News Item"
    assert one(newest, ".ospa-community-item-author").text == "Mia Member"
    assert (
        one(newest, "time.ospa-community-item-date")
        .get("datetime")
        .startswith("2025-01-02T09:00")
    )


def test_pages_and_events_tabs(browse, spaces):
    community = spaces["closed"]
    now = datetime.now(TZ)
    with api.env.adopt_user(username="mia"):
        later, soon, past = (
            api.content.create(
                community,
                "Event",
                id=cid,
                title=cid.title(),
                start=now + timedelta(days=days),
                end=now + timedelta(days=days, hours=2),
            )
            for cid, days in (("later", 20), ("soon", 2), ("past", -9))
        )
        news = api.content.create(community, "News Item", id="news", title="News")
    transaction.commit()
    pages_url = f"{community.absolute_url()}/@@community-pages"
    events_url = f"{community.absolute_url()}/@@community-events"

    mia = browse("mia")
    tree = parse(get(mia, pages_url))
    assert item_uids(tree) == [community["seite"].UID()]
    assert news.UID() not in item_uids(tree)
    add = one(tree, "a.ospa-community-add-page")
    assert add.get("href") == f"{community.absolute_url()}/++add++Document"
    assert one(tree, "#ospa-community-header .nav-link.active").get("data-tab") == (
        "pages"
    )
    tree = parse(get(mia, events_url))
    assert item_uids(tree, "#ospa-community-upcoming") == [soon.UID(), later.UID()]
    assert item_uids(tree, "#ospa-community-past") == [past.UID()]
    assert select(tree, "a.ospa-community-add-event")

    # Not for an employee outside the closed community: nothing is listed.
    erik = browse("erik")
    for url in (pages_url, events_url):
        tree = parse(get(erik, url))
        assert item_uids(tree, "#ospa-community-content") == []
        assert select(tree, ".ospa-community-members-only")
        assert not select(tree, "a.ospa-community-add-page, a.ospa-community-add-event")


# -- secret communities ----------------------------------------------------


def test_a_secret_community_is_invisible_to_non_members(browse, site, spaces):
    community = spaces["secret"]
    erik = browse("erik")
    for suffix in (
        "",
        "/view",
        "/@@community-view",
        "/@@community-pages",
        "/@@community-events",
        "/@@community-members",
        "/seite",
    ):
        assert_denied(get(erik, community.absolute_url() + suffix))
    token = token_for(erik, site.absolute_url())
    assert_denied(act(erik, community, "join", token))
    assert role(community, "erik") is None
    assert waiting(community, "erik") is None
    for view in ("discover-communities", "my-communities"):
        tree = parse(get(erik, f"{site.absolute_url()}/@@{view}"))
        cards = [card.get("data-uid") for card in select(tree, ".ospa-community-card")]
        assert community.UID() not in cards
        assert "Community geheim" not in tree.text_content()


# -- membership forms ------------------------------------------------------


def test_membership_refuses_get(browse, spaces):
    community = spaces["open"]
    response = browse("erik").get(
        membership_url(community), params={"action": "join"}, timeout=30
    )
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"
    assert role(community, "erik") is None


def test_membership_refuses_a_post_without_csrf_token(browse, spaces):
    community = spaces["open"]
    response = act(browse("erik"), community, "join", None)
    assert response.status_code == 403
    assert role(community, "erik") is None
    response = act(browse("erik"), community, "join", "0" * 40)
    assert response.status_code == 403
    assert role(community, "erik") is None


def test_joining_and_leaving_an_open_community_without_javascript(browse, site, spaces):
    community = spaces["open"]
    erik = browse("erik")
    token = token_for(erik, site.absolute_url())
    came_from = community["seite"].absolute_url()
    response = act(erik, community, "join", token, came_from=came_from)
    assert response.headers["Location"] == came_from
    page = follow(erik, response).text
    assert "You joined “Community offen”." in page
    assert role(community, "erik") == "member"
    header = header_of(lxml_html.fromstring(page))
    assert header.get("data-button") == "leave"
    assert header.get("data-member-count") == "5"

    response = act(erik, community, "leave", token, came_from=came_from)
    assert response.headers["Location"] == came_from
    assert "You left “Community offen”." in follow(erik, response).text
    assert role(community, "erik") is None


def test_joining_with_javascript_goes_through_the_rest_service(browse, site, spaces):
    community = spaces["open"]
    erik = browse("erik")
    response = rest_act(erik, community, "join", "erik")
    assert response.status_code == 201
    data = response.json()
    assert data["message"] == "You joined “Community offen”."
    assert data["role"] == "member"
    assert data["can_see"] is True
    assert data["state"]["role"] == "member"
    assert data["state"]["member_count"] == 5
    assert data["state"]["can_see_content"] is True
    assert role(community, "erik") == "member"


@pytest.mark.parametrize("headers", [JSON, {"X-Requested-With": "XMLHttpRequest"}])
def test_the_membership_form_answers_html_only(browse, site, spaces, headers):
    """The form target is no second JSON API: asked for JSON, it still
    redirects with a status message."""
    community = spaces["open"]
    erik = browse("erik")
    token = token_for(erik, site.absolute_url())
    response = send(
        erik, membership_url(community), token, headers=headers, action="join"
    )
    assert response.status_code == 303
    assert not response.headers.get("Content-Type", "").startswith("application/json")
    assert "You joined “Community offen”." in follow(erik, response).text
    assert role(community, "erik") == "member"


def test_request_approve_and_see_the_content(browse, site, spaces):
    community = spaces["closed"]
    erik, moritz = browse("erik"), browse("moritz")
    token = token_for(erik, site.absolute_url())
    asked = {"message": "Ich segle auch.", "came_from": community.absolute_url()}
    response = act(erik, community, "join", token, **asked)
    page = follow(erik, response)
    assert "You asked to join “Community geschlossen”." in page.text
    header = header_of(parse(page))
    assert header.get("data-button") == "pending"
    assert select(header, ".ospa-community-pending")
    assert select(header, ".ospa-community-withdraw-form")
    assert waiting(community, "erik") == "request"

    members_url = f"{community.absolute_url()}/@@community-members"
    tree = parse(get(moritz, members_url))
    request = one(tree, "#ospa-community-requests [data-userid=erik]")
    assert one(request, ".ospa-community-person").text == "Erik Employee"
    assert one(request, ".ospa-community-request-message").text == "Ich segle auch."
    form = one(request, "form")
    assert form.get("action") == membership_url(community)
    assert [b.get("value") for b in select(form, "button[name=action]")] == [
        "approve",
        "decline",
    ]

    mod_token = token_for(moritz, site.absolute_url())
    response = act(
        moritz,
        community,
        "approve",
        mod_token,
        userid="erik",
        message="Willkommen",
        came_from=members_url,
    )
    assert response.headers["Location"] == members_url
    page = follow(moritz, response)
    assert "Erik Employee is a member of “Community geschlossen” now." in page.text
    tree = parse(page)
    assert not select(tree, "#ospa-community-requests [data-userid=erik]")
    assert select(tree, "#ospa-community-member [data-userid=erik]")
    assert role(community, "erik") == "member"

    tree = parse(get(erik, community.absolute_url()))
    assert item_uids(tree) == [community["seite"].UID()]


def test_withdrawing_a_request_and_declining_one(browse, site, spaces):
    community = spaces["closed"]
    erik, moritz = browse("erik"), browse("moritz")
    token = token_for(erik, site.absolute_url())
    act(erik, community, "join", token)
    assert waiting(community, "erik") == "request"
    response = act(erik, community, "leave", token)
    page = follow(erik, response).text
    assert "You withdrew your request to join “Community geschlossen”." in page
    assert waiting(community, "erik") is None

    act(erik, community, "join", token)
    response = rest_act(
        moritz, community, "decline", "moritz", userid="erik", message="Leider nicht"
    )
    assert response.status_code == 200
    assert response.json()["message"] == "The request of Erik Employee was declined."
    assert waiting(community, "erik") is None
    assert role(community, "erik") is None


def test_invitations_accepted_declined_and_withdrawn(browse, site, spaces):
    community = spaces["secret"]
    olga, erik = browse("olga"), browse("erik")
    owner_token = token_for(olga, site.absolute_url())
    token = token_for(erik, site.absolute_url())

    def invite():
        response = act(
            olga, community, "invite", owner_token, userid="erik", role="member"
        )
        assert "Erik Employee was invited to “Community geheim”." in said(
            olga, response
        )
        assert waiting(community, "erik") == "invitation"

    invite()
    tree = parse(get(olga, f"{community.absolute_url()}/@@community-members"))
    assert select(tree, "#ospa-community-invitations [data-userid=erik]")
    response = rest_act(olga, community, "decline", "olga", userid="erik")
    assert (
        response.json()["message"] == "The invitation of Erik Employee was withdrawn."
    )
    assert waiting(community, "erik") is None
    assert_denied(get(erik, community.absolute_url()))

    invite()
    response = act(erik, community, "decline", token)
    # The community is closed to Erik again: he lands on his communities.
    assert response.headers["Location"].endswith("/@@my-communities")
    assert "You declined the invitation to “Community geheim”." in said(erik, response)
    assert waiting(community, "erik") is None

    invite()
    response = act(erik, community, "accept", token)
    assert "You joined “Community geheim”." in follow(erik, response).text
    assert role(community, "erik") == "member"
    assert item_uids(parse(get(erik, community.absolute_url()))) == [
        community["seite"].UID()
    ]


def test_roles_change_and_members_are_removed(browse, site, spaces):
    community = spaces["open"]
    olga, moritz = browse("olga"), browse("moritz")
    owner_token = token_for(olga, site.absolute_url())
    mod_token = token_for(moritz, site.absolute_url())

    response = act(
        olga, community, "set_role", owner_token, userid="mia", role="moderator"
    )
    assert "Mia Member is Moderator of “Community offen” now." in said(olga, response)
    assert role(community, "mia") == "moderator"

    # A moderator may not make owners nor touch other moderators.
    assert_denied(
        act(moritz, community, "set_role", mod_token, userid="gast", role="owner")
    )
    assert_denied(act(moritz, community, "remove", mod_token, userid="mia"))
    assert role(community, "gast") == "guest"
    assert role(community, "mia") == "moderator"

    response = act(moritz, community, "remove", mod_token, userid="gast")
    assert "Gerd Gast is no longer on the roster of “Community offen”." in said(
        moritz, response
    )
    assert role(community, "gast") is None


def test_members_may_not_moderate(browse, site, spaces):
    community = spaces["closed"]
    erik, mia = browse("erik"), browse("mia")
    act(erik, community, "join", token_for(erik, site.absolute_url()))
    before = roster_state(community)
    token = token_for(mia, site.absolute_url())
    for action, fields in (
        ("approve", {"userid": "erik"}),
        ("decline", {"userid": "erik"}),
        ("invite", {"userid": "bert"}),
        ("set_role", {"userid": "gast", "role": "member"}),
        ("remove", {"userid": "gast"}),
    ):
        assert_denied(act(mia, community, action, token, **fields))
    assert roster_state(community) == before


BAD_INPUT = [
    # (community, user, action, fields, message)
    ("open", "erik", "dance", {}, "Unknown action dance"),
    ("open", "olga", "invite", {"userid": "nobody"}, "There is no user nobody."),
    (
        "open",
        "olga",
        "invite",
        {"userid": "erik", "role": "king"},
        "Unknown role king",
    ),
    (
        "open",
        "olga",
        "set_role",
        {"userid": "mia", "role": "king"},
        "Unknown role king",
    ),
    (
        "open",
        "olga",
        "set_role",
        {"userid": "erik", "role": "member"},
        "not on the roster",
    ),
    ("closed", "moritz", "approve", {"userid": "erik"}, "has not asked to join"),
    ("closed", "moritz", "approve", {}, "has not asked to join"),
    ("closed", "moritz", "decline", {"userid": "erik"}, "neither asked"),
    ("open", "olga", "remove", {"userid": "erik"}, "not on the roster"),
    ("open", "olga", "leave", {}, "A community always keeps an owner"),
    (
        "open",
        "olga",
        "set_role",
        {"userid": "olga", "role": "member"},
        "A community always keeps an owner",
    ),
    ("open", "erik", "leave", {}, "You are not a member of this community."),
    ("open", "erik", "accept", {}, "You have not been invited"),
    ("open", "mia", "decline", {}, "neither asked"),
    ("closed", "erik", "join", {"message": ["a", "b"]}, "The message must be text."),
]


@pytest.mark.parametrize(
    ("visibility", "userid", "action", "fields", "message"),
    BAD_INPUT,
    ids=[f"{case[2]}-{case[4][:20]}" for case in BAD_INPUT],
)
def test_bad_input_is_an_error_message_and_changes_nothing(
    browse, site, spaces, visibility, userid, action, fields, message
):
    community = spaces[visibility]
    session = browse(userid)
    token = token_for(session, site.absolute_url())
    before = roster_state(community)
    came_from = community.absolute_url()
    response = act(session, community, action, token, came_from=came_from, **fields)
    assert response.headers["Location"] == came_from
    page = follow(session, response).text
    assert message in page
    errors = select(lxml_html.fromstring(page), "#global_statusmessage .alert-danger")
    assert errors
    assert message in errors[0].text_content()
    assert roster_state(community) == before

    if action == "dance":
        return  # no such action: social.js sends such a form the plain way
    if action == "leave" and message.startswith("You are not a member"):
        # DELETE @members/<me> is idempotent: nothing to refuse, nothing changes.
        response = rest_act(session, community, action, userid, **fields)
        assert response.status_code == 200
        assert response.json()["message"] is None
        assert roster_state(community) == before
        return
    # The same refusal, word for word, from the service social.js calls.
    response = rest_act(session, community, action, userid, **fields)
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert roster_state(community) == before


def test_joining_an_invite_only_community_is_refused(browse, site, people):
    community = make_community(site, "nur-einladung", "closed", "invite")
    transaction.commit()
    erik = browse("erik")
    tree = parse(get(erik, community.absolute_url()))
    assert header_of(tree).get("data-button") == "invite-only"
    response = act(erik, community, "join", token_for(erik, site.absolute_url()))
    assert "Only its moderators can add people to this community." in said(
        erik, response
    )
    assert role(community, "erik") is None
    assert waiting(community, "erik") is None


def test_leaving_a_closed_community_leads_back_to_its_front_page(browse, site, spaces):
    community = spaces["closed"]
    mia = browse("mia")
    token, came_from = token_for(mia, site.absolute_url()), community["seite"]
    response = act(mia, community, "leave", token, came_from=came_from.absolute_url())
    assert response.headers["Location"] == community.absolute_url()
    assert role(community, "mia") is None


def test_no_open_redirects(browse, site, spaces):
    community = spaces["open"]
    erik = browse("erik")
    token = token_for(erik, site.absolute_url())
    response = act(
        erik, community, "join", token, came_from="https://evil.example.org/"
    )
    assert response.headers["Location"] == community.absolute_url()


# -- the members page ------------------------------------------------------


def roster_entries(tree):
    return {
        entry.get("data-userid"): entry.get("data-role")
        for entry in select(tree, ".ospa-community-member")
    }


@pytest.mark.parametrize("visibility", ["open", "closed", "secret"])
@pytest.mark.parametrize("userid", USERS)
def test_who_sees_the_members_page(browse, spaces, visibility, userid):
    community = spaces[visibility]
    response = get(browse(userid), f"{community.absolute_url()}/@@community-members")
    if userid not in SEES_CONTENT[visibility]:
        assert_denied(response)
        return
    tree = parse(response)
    assert roster_entries(tree) == {
        "olga": "owner",
        "moritz": "moderator",
        "mia": "member",
        "gast": "guest",
    }
    groups = select(tree, ".ospa-community-roster-group")
    assert [group.get("data-role") for group in groups] == [
        "owner",
        "moderator",
        "member",
        "guest",
    ]
    names = [
        a.text for a in select(tree, ".ospa-community-member .ospa-community-person")
    ]
    assert names == ["Olga Owner", "Moritz Moderator", "Mia Member", "Gerd Gast"]
    assert all(
        img.get("src")
        for img in select(tree, ".ospa-community-member img.ospa-portrait")
    )
    moderating = userid in ("moritz", "olga", "chef")
    content = one(tree, "#ospa-community-content")
    assert content.get("data-moderating") == ("true" if moderating else "false")
    assert bool(select(tree, "#ospa-community-requests")) is moderating
    assert bool(select(tree, "#ospa-community-invitations")) is moderating
    assert bool(select(tree, "form.ospa-community-invite-form")) is moderating
    managed = {
        entry.get("data-userid")
        for entry in select(tree, ".ospa-community-member")
        if select(entry, "form.ospa-community-role-form")
        and select(entry, "form.ospa-community-remove-form")
    }
    expected = {
        "moritz": {"mia", "gast"},
        "olga": {"moritz", "mia", "gast"},
        "chef": {"olga", "moritz", "mia", "gast"},
    }.get(userid, set())
    assert managed == expected
    if moderating:
        choices = [
            option.get("value")
            for option in select(tree, "#ospa-community-invite-role option")
        ]
        assert choices == (
            ["member", "guest"]
            if userid == "moritz"
            else ["owner", "moderator", "member", "guest"]
        )


# -- my and discover communities -------------------------------------------


def cards(tree):
    return {card.get("data-uid"): card for card in select(tree, ".ospa-community-card")}


def test_the_lists_need_a_login(browse, site):
    for view in ("my-communities", "discover-communities"):
        response = get(browse(), f"{site.absolute_url()}/@@{view}")
        assert response.status_code == 302
        assert "require_login" in response.headers["Location"]


def test_an_employee_discovers_open_and_closed_communities(browse, site, spaces):
    erik = browse("erik")
    tree = parse(get(erik, f"{site.absolute_url()}/@@discover-communities"))
    found = cards(tree)
    assert set(found) == {spaces["open"].UID(), spaces["closed"].UID()}
    card = found[spaces["closed"].UID()]
    assert card.get("data-visibility") == "closed"
    assert one(card, ".ospa-community-card-title").text == "Community geschlossen"
    assert one(card, ".ospa-community-card-title").get("href") == (
        spaces["closed"].absolute_url()
    )
    assert one(card, ".ospa-community-card-description").text == "About geschlossen"
    assert one(card, ".ospa-member-count-number").text == "4"
    assert one(card, ".ospa-visibility").text == "Closed"
    assert one(card, ".ospa-community-card-activity time").get("datetime")
    start = one(tree, "a.ospa-community-start")
    assert start.get("href") == f"{site.absolute_url()}/communities/++add++Community"
    assert one(tree, ".ospa-communities-tabs .active").get("data-tab") == (
        "discover-communities"
    )

    tree = parse(get(erik, f"{site.absolute_url()}/@@my-communities"))
    assert cards(tree) == {}
    assert select(tree, ".ospa-communities-empty")


def test_my_communities_lists_mine_with_my_role(browse, site, spaces):
    tree = parse(get(browse("moritz"), f"{site.absolute_url()}/@@my-communities"))
    found = cards(tree)
    assert set(found) == {community.UID() for community in spaces.values()}
    for card in found.values():
        assert card.get("data-role") == "moderator"
        assert one(card, ".ospa-community-card-role").text == "Moderator"
    tree = parse(get(browse("moritz"), f"{site.absolute_url()}/@@discover-communities"))
    assert cards(tree) == {}


def test_a_site_manager_discovers_even_secret_communities(browse, site, spaces):
    tree = parse(get(browse("chef"), f"{site.absolute_url()}/@@discover-communities"))
    assert set(cards(tree)) == {community.UID() for community in spaces.values()}


def test_a_pending_request_shows_on_the_card(browse, site, spaces):
    with api.env.adopt_user(username="erik"):
        communities.join(spaces["closed"], message="Bitte")
    transaction.commit()
    tree = parse(get(browse("erik"), f"{site.absolute_url()}/@@discover-communities"))
    card = cards(tree)[spaces["closed"].UID()]
    assert card.get("data-pending") == "request"
    assert select(card, ".ospa-community-card-pending")


def test_searching_communities(browse, site, spaces):
    erik = browse("erik")
    url = f"{site.absolute_url()}/@@discover-communities"
    tree = parse(erik.get(url, params={"q": "geschlossen"}, timeout=30))
    assert set(cards(tree)) == {spaces["closed"].UID()}
    assert one(tree, "#ospa-communities-q").get("value") == "geschlossen"
    tree = parse(erik.get(url, params={"q": "About offen"}, timeout=30))
    assert set(cards(tree)) == {spaces["open"].UID()}
    tree = parse(erik.get(url, params={"q": "geheim"}, timeout=30))
    assert cards(tree) == {}
    assert select(tree, ".ospa-communities-empty")
    # Bad input: the search twice over.
    tree = parse(erik.get(url, params={"q": ["a", "b"]}, timeout=30))
    assert one(tree, ".ospa-communities-error").text == "The search must be text."


@pytest.mark.parametrize("q", [".", "-", "\x00", "\u202e", "*", '"', "("], ids=repr)
def test_searching_for_no_word_is_no_search(browse, site, spaces, q):
    """Was a 500: the text index's ParseError ("only common words"). Now
    the communities an empty search lists."""
    url = f"{site.absolute_url()}/@@discover-communities"
    response = browse("erik").get(url, params={"q": q}, timeout=30)
    assert response.status_code == 200
    tree = parse(response)
    assert set(cards(tree)) == {spaces["open"].UID(), spaces["closed"].UID()}
    assert not select(tree, ".ospa-communities-error")


def test_searching_communities_by_tag(browse, site, spaces):
    community = spaces["closed"]
    with api.env.adopt_roles(["Manager"]):
        community.setSubject(["segeln"])
        community.reindexObject()
    transaction.commit()
    tree = parse(
        browse("erik").get(
            f"{site.absolute_url()}/@@discover-communities",
            params={"q": "segeln"},
            timeout=30,
        )
    )
    assert set(cards(tree)) == {community.UID()}


def test_no_start_link_for_those_who_may_not_add(browse, site, spaces):
    tree = parse(
        get(browse("nomember"), f"{site.absolute_url()}/@@discover-communities")
    )
    assert not select(tree, "a.ospa-community-start")


# -- the standard add and edit forms ---------------------------------------


def form_data(form) -> dict:
    """What a browser sends for ``form`` as it is (without buttons and files)."""
    data = {}
    for element in form.cssselect("input, select, textarea"):
        name = element.get("name")
        kind = (element.get("type") or "").lower()
        if not name or kind in ("submit", "button", "file", "image"):
            continue
        if kind in ("checkbox", "radio"):
            if element.get("checked") is not None:
                data[name] = element.get("value") or "on"
            continue
        if element.tag == "select":
            chosen = element.cssselect("option[selected]")
            if chosen:
                data[name] = chosen[0].get("value")
            continue
        if element.tag == "textarea":
            data[name] = element.text or ""
            continue
        data[name] = element.get("value") or ""
    return data


def png() -> bytes:
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_member_starts_a_community_with_the_add_form(browse, site, people):
    erik = browse("erik")
    add_url = f"{site.absolute_url()}/communities/++add++Community"
    tree = parse(erik.get(add_url, timeout=30))
    data = form_data(one(tree, "form#form"))
    data.update(
        {
            "form.widgets.IBasic.title": "Segelgruppe",
            "form.widgets.IBasic.description": "Wir segeln nach Feierabend.",
            "form.widgets.visibility:list": "closed",
            "form.widgets.join_policy:list": "request",
            "form.widgets.guidelines": "<p>Schwimmwesten tragen.</p>",
            "form.widgets.guidelines.mimeType": "text/html",
            "form.widgets.members_edit_pages:list": "selected",
            "form.widgets.ICategorization.subjects": "segeln;wasser",
            "form.buttons.save": "Save",
        }
    )
    response = erik.post(
        add_url,
        data=data,
        files={"form.widgets.image": ("boot.png", png(), "image/png")},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:2000]
    sync()
    community = site["communities"]["segelgruppe"]
    assert response.headers["Location"].startswith(community.absolute_url())
    assert community.portal_type == "Community"
    assert community.Title() == "Segelgruppe"
    assert community.Description() == "Wir segeln nach Feierabend."
    assert community.visibility == "closed"
    assert community.join_policy == "request"
    assert "Schwimmwesten tragen." in community.guidelines.raw
    assert community.members_edit_pages is True
    assert set(community.Subject()) == {"segeln", "wasser"}
    assert community.image is not None
    assert community.image.contentType == "image/png"
    assert communities.role_of(community, "erik") == "owner"
    assert api.content.get_state(community) == "closed"

    tree = parse(erik.get(response.headers["Location"], timeout=30))
    header = header_of(tree)
    assert header.get("data-role") == "owner"
    assert select(header, "img.ospa-community-image")
    assert (
        "Schwimmwesten tragen."
        in one(tree, "#ospa-community-guidelines").text_content()
    )

    # The edit form: Erik makes it secret; Bert no longer sees it.
    edit_url = f"{community.absolute_url()}/@@edit"
    data = form_data(one(parse(erik.get(edit_url, timeout=30)), "form#form"))
    assert data["form.widgets.visibility:list"] == "closed"
    assert data["form.widgets.IBasic.title"] == "Segelgruppe"
    data["form.widgets.visibility:list"] = "secret"
    data["form.buttons.save"] = "Save"
    response = erik.post(edit_url, data=data, allow_redirects=False, timeout=30)
    assert response.status_code == 302, response.text[:2000]
    sync()
    assert community.visibility == "secret"
    assert api.content.get_state(community) == "secret"
    assert community.image is not None
    assert_denied(get(browse("bert"), community.absolute_url()))
