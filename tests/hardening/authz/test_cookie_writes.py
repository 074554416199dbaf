"""REST writes made with the login cookie: JSON or a token, never a plain form.

A form on another site can make the browser post, with the ``__ac`` cookie,
an urlencoded, multipart or ``text/plain`` body to ``++api++`` URLs. Every
writing service of ospa.social is read from the component registry (its
calls from ``access.yaml``, as the authorisation sweep makes them) and
posted to that way by a user the table lets do it: a 403 with a message and
no transaction. The same call as JSON, or with the user's CSRF token, or
with basic auth, goes through as before. plone.restapi's own content writes
(PATCH, ``@workflow``) are checked the same way.
"""

from .conftest import load_access
from .conftest import PASSWORD
from .conftest import registered_services
from .conftest import ROLES
from .conftest import sync
from .conftest import token_for
from .test_authorisation_sweep import _fill
from plone import api
import json
import requests


WRITES = {"POST", "PATCH", "PUT", "DELETE"}
# Who makes the call: the first of these the table lets do it.
PREFERRED = ("member", "cmember", "moderator", "author", "reviewer", "manager")
MESSAGE = "login cookie"
JSON = "application/json"


def login(site_url, userid):
    """A session logged in through the login form: the ``__ac`` cookie only."""
    session = requests.Session()
    response = session.post(
        f"{site_url}/login",
        data={"__ac_name": userid, "__ac_password": PASSWORD, "buttons.login": "1"},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code in (200, 302), response.status_code
    assert "__ac" in session.cookies, "the login form set no cookie"
    return session


def api_url(world, site_url, call, name) -> str:
    """The call's URL through ``++api++`` (no Accept header needed)."""
    obj = world.get(call["at"])
    base = obj.absolute_url() if obj is not None else f"{site_url}/{call['at']}"
    relative = base[len(site_url) :]
    path = call.get("path", name)
    return f"{site_url}/++api++{relative}" + (f"/{path}" if path else "")


def form_of(body) -> dict:
    """A JSON body as the fields of a form (what a cross-site form sends)."""
    return {
        key: value if isinstance(value, str) else json.dumps(value)
        for key, value in (body or {}).items()
    }


def write_cases(world, site_url) -> list[dict]:
    """One call per writing service of ours: URL, method, body, role, status."""
    registered = {
        (method, name, for_)
        for method, name, for_, _ in registered_services()
        if method in WRITES
    }
    cases = []
    for entry in load_access()["services"]:
        key = (entry["method"], entry["name"], entry["for"])
        if key not in registered:
            continue
        registered.discard(key)
        for call in entry["calls"]:
            allowed = [
                role
                for role in PREFERRED
                if 200 <= (call["expect"].get(role) or 0) < 300
            ]
            if allowed:
                break
        assert allowed, f"no role may call {key}: nothing to forge"
        role = allowed[0]
        cases.append(
            {
                "what": f"{entry['method']} {call['at']} {entry['name'] or '(add)'}",
                "method": entry["method"],
                "url": api_url(world, site_url, call, entry["name"]),
                "body": _fill(call.get("body"), world),
                "role": role,
                "status": call["expect"][role],
            }
        )
    # A service missing from the table fails the authorisation sweep
    # (test_table_lists_every_view_and_service); it has no call here yet.
    return cases


def restapi_cases(world, site_url) -> list[dict]:
    """plone.restapi's own writes on a page only the manager sees."""
    url = f"{site_url}/++api++/intern"
    return [
        {
            "what": "PATCH private (plone.restapi)",
            "method": "PATCH",
            "url": url,
            "body": {"title": "Geändert"},
            "role": "manager",
            "status": 204,
        },
        {
            "what": "POST private @workflow/publish (plone.restapi)",
            "method": "POST",
            "url": f"{url}/@workflow/publish",
            "body": {},
            "role": "manager",
            "status": 200,
        },
    ]


def sessions_for(cases, site_url) -> dict:
    return {role: login(site_url, ROLES[role]) for role in {c["role"] for c in cases}}


def test_every_writing_service_is_checked(world, site_url):
    # The generated list is not empty by accident: the services of the
    # probe are in it.
    cases = {c["what"] for c in write_cases(world, site_url)}
    assert "POST closed @members" in cases or "POST open @members" in cases
    assert len(cases) >= 15, sorted(cases)


def test_a_cookie_form_write_is_refused_and_changes_nothing(world, site_url):
    cases = write_cases(world, site_url) + restapi_cases(world, site_url)
    sessions = sessions_for(cases, site_url)
    db = world["site"]._p_jar.db()
    before = db.lastTransaction()
    wrong = []
    try:
        for case in cases:
            session = sessions[case["role"]]
            for label, kwargs in (
                ("form", {"data": form_of(case["body"])}),
                ("empty form", {"data": {}}),
                (
                    "text/plain",
                    {
                        "data": json.dumps(case["body"] or {}),
                        "headers": {"Content-Type": "text/plain"},
                    },
                ),
                ("no body", {}),
            ):
                if case["method"] != "POST":
                    # No form sends these cross-site (fetch would need a
                    # preflight); and without Accept, Zope takes them for
                    # WebDAV. Checked anyway: the rule is per method.
                    kwargs.setdefault("headers", {})["Accept"] = JSON
                response = session.request(
                    case["method"],
                    case["url"],
                    allow_redirects=False,
                    timeout=60,
                    **kwargs,
                )
                if response.status_code != 403:
                    wrong.append(
                        f"{case['what']} ({label}): {response.status_code} "
                        f"{response.text[:300]}"
                    )
                elif MESSAGE not in response.json().get("message", ""):
                    wrong.append(f"{case['what']} ({label}): {response.text[:200]}")
    finally:
        for session in sessions.values():
            session.close()
    assert wrong == [], "\n".join(wrong)
    assert db.lastTransaction() == before
    sync()
    with api.env.adopt_user(username="chef"):
        assert api.content.get_state(world["private"]) == "private"
        assert world["private"].title == "Intern"


def test_a_cookie_write_as_json_or_with_the_token_goes_through(world, site_url):
    cases = write_cases(world, site_url) + restapi_cases(world, site_url)
    sessions = sessions_for(cases, site_url)
    tokens = {role: token_for(s, site_url) for role, s in sessions.items()}
    wrong = []
    try:
        for case in cases:
            session = sessions[case["role"]]
            response = session.request(
                case["method"],
                case["url"],
                json=case["body"] if case["body"] is not None else {},
                headers={"Accept": JSON},
                allow_redirects=False,
                timeout=60,
            )
            if response.status_code != case["status"]:
                wrong.append(
                    f"{case['what']} (JSON): {response.status_code}, "
                    f"expected {case['status']}: {response.text[:200]}"
                )
            # A form with the token: plone.protect's check passed, so the
            # service answers (not necessarily 2xx: it wants JSON).
            response = session.request(
                case["method"],
                case["url"],
                data=form_of(case["body"]),
                headers={"X-CSRF-TOKEN": tokens[case["role"]], "Accept": JSON},
                allow_redirects=False,
                timeout=60,
            )
            if response.status_code == 403 and MESSAGE in response.text:
                wrong.append(f"{case['what']} (token): refused")
    finally:
        for session in sessions.values():
            session.close()
    assert wrong == [], "\n".join(wrong)


def test_basic_auth_writes_are_not_checked_for_the_cookie(world, site_url):
    # An Authorization header is not added by a browser to a cross-site
    # form: basic auth (and a JWT) keep every body the service takes.
    cases = write_cases(world, site_url) + restapi_cases(world, site_url)
    wrong = []
    for case in cases:
        response = requests.request(
            case["method"],
            case["url"],
            data=form_of(case["body"]),
            headers={"Accept": JSON},
            auth=(ROLES[case["role"]], PASSWORD),
            allow_redirects=False,
            timeout=60,
        )
        if response.status_code == 403 and MESSAGE in response.text:
            wrong.append(f"{case['what']}: refused")
    assert wrong == [], "\n".join(wrong)
    sync()
    with api.env.adopt_user(username="chef"):
        # plone.restapi's PATCH took the form as "no change" and published
        # nothing it was not asked to; the transition went through.
        assert api.content.get_state(world["private"]) == "published"
