"""CSRF sweep: every state-changing Classic UI action needs a valid token.

The views and viewlets of the add-on (its ``browser`` code) are read from the
registry: each is either in ``READ_ONLY`` or has a case in ``CASES`` (a new
one fails the sweep until it is sorted in). Each case posts the plain form,
as a browser does, as a user who may do it: without ``_authenticator`` and
with another user's token it is a 403 and nothing changes; with the user's
own token it goes through and the state changes.

The REST services that write take JSON only: a form POST with the login
cookie (what another site could make a browser send) reaches none of them.
"""

from .conftest import PASSWORD
from .conftest import registered_views
from .conftest import sync
from .conftest import token_for
from lxml import html as lxml_html
from ospa.social.communities import api as communities
from ospa.social.following import api as following
from ospa.social.ideas import api as ideas
from ospa.social.likes import api as likes
from ospa.social.stream import posts
from plone import api
from plone.app.discussion.interfaces import IConversation
import requests


INTERFACES = "ospa.social.interfaces"
SITE_ROOT = "plone.base.interfaces.siteroot.IPloneSiteRoot"
NAV_ROOT = "plone.base.interfaces.siteroot.INavigationRoot"
ANY = "zope.interface.Interface"

# Views and viewlets that change nothing: pages, lists, JSON for the script.
READ_ONLY = {
    ("following", NAV_ROOT),
    ("ospa.social.socialbar", ANY),
    ("ospa.social.authorfollow", SITE_ROOT),
    ("ospa.social.communityheader", ANY),
    ("view", f"{INTERFACES}.ICommunity"),
    ("community-view", f"{INTERFACES}.ICommunity"),
    ("community-pages", f"{INTERFACES}.ICommunity"),
    ("community-events", f"{INTERFACES}.ICommunity"),
    ("community-members", f"{INTERFACES}.ICommunity"),
    ("my-communities", NAV_ROOT),
    ("discover-communities", NAV_ROOT),
    ("stream", NAV_ROOT),
    ("stream", f"{INTERFACES}.IStreamFolder"),
    ("community-stream", f"{INTERFACES}.ICommunity"),
    ("hashtag", NAV_ROOT),
    ("questions", NAV_ROOT),
    ("view", f"{INTERFACES}.IPost"),
    ("ospa.social.streamshare", ANY),
    ("ospa.social.frontstream", ANY),
    ("view", f"{INTERFACES}.IIdeaBox"),
    ("view", f"{INTERFACES}.IIdea"),
    ("my-ideas", NAV_ROOT),
}


def as_manager(function, *args):
    sync()
    with api.env.adopt_user(username="chef"):
        return function(*args)


def registry_value(world, name):
    """A registry record as the server has it (this thread caches records)."""
    response = requests.get(
        f"{world['site'].absolute_url()}/@registry/{name}",
        headers={"Accept": "application/json"},
        auth=("chef", PASSWORD),
        timeout=30,
    )
    assert response.status_code == 200, response.status_code
    return response.json()


def posts_in(world, key):
    return as_manager(
        lambda: len([o for o in world[key].objectValues() if o.portal_type == "Post"])
    )


def settings_form(world, session, url):
    """The fields of the control panel form, changed, and the save button."""
    response = session.get(url, timeout=30)
    assert response.status_code == 200, response.status_code
    form = lxml_html.fromstring(response.text).get_element_by_id("form")
    fields = [
        (name, "777" if name == "form.widgets.post_max_length" else value)
        for name, value in form.form_values()
        if name != "_authenticator"
    ]
    return [*fields, ("form.buttons.save", "Save")]


def comment_form(world, session, url):
    """The fields of plone.app.discussion's comment form in ``plone.comments``."""
    response = session.get(url, timeout=30)
    assert response.status_code == 200, response.status_code
    box = lxml_html.fromstring(response.text).get_element_by_id("commenting")
    fields = [
        (name, value)
        for name, value in box.cssselect("form")[0].form_values()
        if name not in ("_authenticator", "form.widgets.text")
    ]
    return [
        *fields,
        ("form.widgets.text", "Ein Kommentar"),
        ("form.buttons.comment", "Comment"),
    ]


# (view name, for): who posts what where, and the state it changes.
# ``url``: (context, path); ``data``: the form, or a function of the world,
# the user's session and the URL (reading the form from the page);
# ``refused``: the status without a valid token, 403 unless given: the
# z3c.form forms (control panel, comments) are guarded by plone.protect's
# automatic protection, which aborts the transaction and lets the form's
# redirect through; ``state``: read
# with the manager's rights; ``done``: the status of the accepted POST.
CASES = {
    ("social-like", ANY): {
        "user": "anna",
        "url": ("news", "@@social-like"),
        "data": {"action": "like"},
        "state": lambda w: as_manager(likes.count, w["news"]),
    },
    ("social-follow", SITE_ROOT): {
        "user": "erik",
        "url": ("site", "@@social-follow"),
        "data": {"action": "follow", "kind": "user", "target": "bert"},
        "state": lambda w: as_manager(following.is_following, "user", "bert", "erik"),
    },
    ("community-membership", f"{INTERFACES}.ICommunity"): {
        "user": "erik",
        "url": ("open", "@@community-membership"),
        "data": {"action": "join"},
        "state": lambda w: as_manager(communities.role_of, w["open"], "erik"),
    },
    ("stream-post", NAV_ROOT): {
        "user": "erik",
        "url": ("site", "@@stream-post"),
        "data": lambda w, *_: {"text": "Startseite", "place": w["stream"].UID()},
        "state": lambda w: posts_in(w, "stream"),
    },
    ("stream-post", f"{INTERFACES}.IStreamFolder"): {
        "user": "erik",
        "url": ("stream", "@@stream-post"),
        "data": {"text": "In den Stream"},
        "state": lambda w: posts_in(w, "stream"),
    },
    ("stream-post", f"{INTERFACES}.ICommunity"): {
        "user": "mia",
        "url": ("closed", "@@stream-post"),
        "data": {"text": "In die Gemeinschaft"},
        "state": lambda w: posts_in(w, "closed"),
    },
    ("post-edit", f"{INTERFACES}.IPost"): {
        "user": "anna",
        "url": ("post", "@@post-edit"),
        "data": {"text": "Geändert"},
        "state": lambda w: as_manager(lambda: w["post"].text),
    },
    ("post-delete", f"{INTERFACES}.IPost"): {
        "user": "anna",
        "url": ("spare", "@@post-delete"),
        "data": {},
        "state": lambda w: as_manager(lambda: w["spare"].getId() in w["stream"]),
    },
    ("post-hide", f"{INTERFACES}.IPost"): {
        "user": "chef",
        "url": ("post", "@@post-hide"),
        "data": {"action": "hide"},
        "state": lambda w: as_manager(posts.is_hidden, w["post"]),
    },
    ("post-accept", f"{INTERFACES}.IPost"): {
        "user": "anna",
        "url": ("question", "@@post-accept"),
        "data": lambda w, *_: {"action": "accept", "reply": w["reply"].UID()},
        "state": lambda w: as_manager(posts.question_state, w["question"]),
    },
    ("idea-support", f"{INTERFACES}.IIdea"): {
        "user": "erik",
        "url": ("idea_submitted", "@@idea-support"),
        "data": {"action": "support"},
        "state": lambda w: as_manager(ideas.count, w["idea_submitted"]),
    },
    ("idea-status", f"{INTERFACES}.IIdea"): {
        "user": "rita",
        "url": ("idea_submitted", "@@idea-status"),
        "data": {"transition": "review"},
        "state": lambda w: as_manager(ideas.status, w["idea_submitted"]),
    },
    ("social-settings", SITE_ROOT): {
        "user": "chef",
        "url": ("site", "@@social-settings"),
        "data": settings_form,
        "state": lambda w: registry_value(w, "ospa.social.post_max_length"),
        "refused": 302,
        "done": 302,
    },
    # The comment form of plone.app.discussion in our comments viewlet,
    # processed when the item's page renders.
    ("plone.comments", "plone.dexterity.interfaces.IDexterityContent"): {
        "user": "anna",
        "url": ("news", ""),
        "data": comment_form,
        "state": lambda w: as_manager(lambda: len(IConversation(w["news"]))),
        "refused": 302,
        "done": 302,
    },
}


def test_every_view_is_read_only_or_checked_here(integration):
    registered = {(name, for_) for name, for_, _ in registered_views()}
    assert READ_ONLY.isdisjoint(CASES)
    unsorted = registered - READ_ONLY - set(CASES)
    assert unsorted == set(), (
        f"state-changing or read-only? Add to CASES or READ_ONLY: {sorted(unsorted)}"
    )
    gone = (READ_ONLY | set(CASES)) - registered
    assert gone == set(), f"not registered (any more): {sorted(gone)}"


def _url(world, site_url, context, path):
    base = world[context].absolute_url() if context in world else site_url
    return f"{base}/{path}" if path else base


def _form(case, world, session, url):
    """The form as (name, value) pairs: a name may come more than once."""
    data = case["data"]
    found = data(world, session, url) if callable(data) else data
    return list(found.items()) if isinstance(found, dict) else list(found)


def test_state_changing_views_need_a_valid_token(world, site_url):
    """No token and a stranger's token: 403, nothing changed; own: done."""
    sessions = {}
    tokens = {}
    for userid in {case["user"] for case in CASES.values()} | {"bert"}:
        session = requests.Session()
        session.auth = (userid, PASSWORD)
        sessions[userid] = session
        tokens[userid] = token_for(session, site_url)
    wrong = []
    try:
        for key, case in CASES.items():
            session = sessions[case["user"]]
            url = _url(world, site_url, *case["url"])
            form = _form(case, world, session, url)
            before = case["state"](world)
            for label, token in (
                ("without a token", None),
                ("with a forged token", "0" * 40),
                ("with Bert's token", tokens["bert"]),
            ):
                data = list(form)
                if token is not None:
                    data.append(("_authenticator", token))
                response = session.post(url, data=data, allow_redirects=False)
                refused = case.get("refused", 403)
                if response.status_code != refused:
                    wrong.append(
                        f"{key} {label}: {response.status_code}, not {refused}"
                    )
                if case["state"](world) != before:
                    wrong.append(f"{key} {label}: the state changed")
            data = [*form, ("_authenticator", tokens[case["user"]])]
            response = session.post(url, data=data, allow_redirects=False)
            if response.status_code != case.get("done", 303):
                wrong.append(f"{key} with the token: {response.status_code}")
            if case["state"](world) == before:
                wrong.append(f"{key} with the token: nothing changed ({before!r})")
    finally:
        for session in sessions.values():
            session.close()
    assert wrong == [], "\n".join(wrong)


def cookie_session(site_url, userid):
    """Logged in through Plone's login form: the ``__ac`` cookie, no auth."""
    session = requests.Session()
    response = session.post(
        f"{site_url}/login",
        data={
            "__ac_name": userid,
            "__ac_password": PASSWORD,
            "buttons.login": "Log in",
        },
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code in (200, 302), response.status_code
    assert "__ac" in session.cookies, "the login form set no cookie"
    return session


# A form another site could post: urlencoded, no Accept: application/json.
REST_WRITES = (
    ("news", "@likes", {}),
    ("site", "@following", {"kind": "user", "target": "bert"}),
    ("idea_submitted", "@supports", {}),
    ("open", "@members", {}),
)


def test_rest_writes_refuse_a_form_post_with_the_login_cookie(world, site_url):
    session = cookie_session(site_url, "erik")
    try:
        # The cookie logs in: the same session reaches Erik's own page.
        response = session.get(f"{site_url}/@@following", allow_redirects=False)
        assert response.status_code == 200, response.status_code

        def state():
            return (
                as_manager(likes.count, world["news"]),
                following.is_following("user", "bert", userid="erik"),
                as_manager(ideas.count, world["idea_submitted"]),
                as_manager(communities.role_of, world["open"], "erik"),
            )

        before = state()
        for context, name, data in REST_WRITES:
            url = f"{_url(world, site_url, context, '')}/{name}"
            response = session.post(url, data=data, allow_redirects=False)
            # Not found: without "Accept: application/json" plone.rest
            # dispatches to no service.
            assert response.status_code == 404, (url, response.status_code)
        assert state() == before
    finally:
        session.close()
