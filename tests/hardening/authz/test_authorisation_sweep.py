"""Authorisation sweep: every view and service of ospa.social, for every role.

The registry is read for the views and viewlets of the add-on (its and its
features' ``browser`` code) and its plone.rest services; ``access.yaml``
lists each with its permission and the status every role must get on
fitting contexts. A new view or service fails the sweep until the table
has it (and a listed one that is gone fails it too). The calls go over
real HTTP to the functional layer's WSGI server; no role ever gets a 5xx.
"""

from .conftest import load_access
from .conftest import registered_services
from .conftest import registered_views
from .conftest import ROLES
from .conftest import token_for
from ospa.social.testing import form_outcome
import re
import time


BASE_ROLES = ("anon", "nomember", "member", "manager")
# Outcomes the table writes as words: Plone's challenge, and what a form
# said on the page it led to (see ospa.social.testing.form_outcome).
SAID = ("login", "done", "refused")
UID_FIELD = re.compile(r"\{(\w+)_uid\}")
JSON = {"Accept": "application/json"}
CALL_KEYS = {"at", "path", "method", "data", "body", "expect", "shows", "marker"}


# -- the registry and the table ------------------------------------------------


def table_views() -> set[tuple[str, str, str]]:
    return {(e["name"], e["for"], e["permission"]) for e in load_access()["views"]}


def table_services() -> set[tuple[str, str, str, str]]:
    return {
        (e["method"], e["name"], e["for"], e["permission"])
        for e in load_access()["services"]
    }


def test_registry_lookup_finds_views_and_services(integration):
    # The lookup sees what it must: a form wrapper, viewlets and nameless
    # services included.
    views = {(name, for_) for name, for_, _ in registered_views()}
    assert ("social-settings", "plone.base.interfaces.siteroot.IPloneSiteRoot") in (
        views
    )
    assert ("ospa.social.socialbar", "zope.interface.Interface") in views
    services = {(method, name) for method, name, _, _ in registered_services()}
    assert ("POST", "") in services
    assert ("GET", "@stream") in services


def test_table_lists_every_view_and_service(integration):
    missing = registered_views() - table_views()
    assert missing == set(), f"add these views to access.yaml: {sorted(missing)}"
    missing = registered_services() - table_services()
    assert missing == set(), f"add these services to access.yaml: {sorted(missing)}"


def test_table_lists_only_views_and_services_that_exist(integration):
    extra = table_views() - registered_views()
    assert extra == set(), f"in access.yaml, not registered: {sorted(extra)}"
    extra = table_services() - registered_services()
    assert extra == set(), f"in access.yaml, not registered: {sorted(extra)}"


def test_table_is_well_formed():
    access = load_access()
    for kind in ("views", "services"):
        keys = [
            tuple(entry.get(k) for k in ("method", "name", "for"))
            for entry in access[kind]
        ]
        assert len(keys) == len(set(keys)), f"{kind}: an entry twice"
        for entry in access[kind]:
            calls = entry.get("calls") or []
            assert calls, f"no calls for {entry['name']}"
            covered = set()
            for call in calls:
                assert set(call) <= CALL_KEYS, call
                assert call["at"], call
                assert set(call["expect"]) <= set(ROLES), call
                for status in call["expect"].values():
                    assert status in SAID or 200 <= status < 500, call
                covered |= set(call["expect"])
            # Every entry is tried by the four roles of docs/api.md at least.
            assert set(BASE_ROLES) <= covered, (entry["name"], entry["for"])


# -- the calls ----------------------------------------------------------------


def _fill(value, world):
    """``"{post_uid}"`` in a form or body becomes the UID of ``world["post"]``."""
    if isinstance(value, str):
        return UID_FIELD.sub(lambda m: world[m.group(1)].UID(), value)
    if isinstance(value, dict):
        return {key: _fill(item, world) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill(item, world) for item in value]
    return value


def context_url(world, site_url, name) -> str:
    if name in world:
        return world[name].absolute_url()
    return f"{site_url}/{name}"


def call_url(world, site_url, call, default_path) -> str:
    base = context_url(world, site_url, call["at"])
    path = call.get("path", default_path)
    return f"{base}/{path}" if path else base


def outcome(response, session=None) -> int | str:
    """The status as the table writes it: ``login`` for Plone's challenge."""
    if response.status_code == 302 and "require_login" in response.headers.get(
        "Location", ""
    ):
        return "login"
    return response.status_code


def run_calls(entries, sessions, world, site_url, send, read=outcome):
    """Make every call of ``entries``; a list of what differs from the table."""
    wrong = []
    count = 0
    for entry in entries:
        for call in entry["calls"]:
            for role, expected in call["expect"].items():
                response = send(entry, call, role, sessions[role])
                count += 1
                got = read(response, sessions[role])
                where = (
                    f"{call.get('method', entry.get('method', 'GET'))} "
                    f"{call['at']} {call.get('path', entry['name'])} as {role}"
                )
                if response.status_code >= 500:
                    wrong.append(f"{where}: {response.status_code} (server error)")
                    continue
                if got != expected:
                    wrong.append(f"{where}: {got}, expected {expected}")
                    continue
                marker = call.get("marker", entry.get("marker"))
                if marker and response.status_code == 200:
                    shown = marker in response.text
                    if shown != (role in call.get("shows", ())):
                        wrong.append(
                            f"{where}: {marker!r} is {'' if shown else 'not '}shown"
                        )
    return wrong, count


def test_views_for_every_role(world, sessions, site_url):
    entries = load_access()["views"]
    tokens = {role: token_for(sessions[role], site_url) for role in ROLES}

    def send(entry, call, role, session):
        # A viewlet is called on the context's default view.
        default = "" if "marker" in entry else f"@@{entry['name']}"
        url = call_url(world, site_url, call, default)
        if call.get("method", "GET") == "POST":
            data = _fill(dict(call.get("data") or {}), world)
            data["_authenticator"] = tokens[role]
            # Asked for JSON, as social.js once did: the form targets answer
            # HTML only (the script calls the REST services).
            response = session.post(
                url, data=data, headers=JSON, allow_redirects=False, timeout=60
            )
            kind = response.headers.get("Content-Type", "")
            if response.status_code < 400 and kind.startswith("application/json"):
                raise AssertionError(f"{url} answers JSON to a form as {role}")
            response.form_sent = True
            return response
        return session.get(url, allow_redirects=False, timeout=60)

    def read(response, session):
        if getattr(response, "form_sent", False) and response.status_code in (
            200,
            303,
        ):
            return form_outcome(session, response)
        return outcome(response)

    started = time.monotonic()
    wrong, count = run_calls(entries, sessions, world, site_url, send, read)
    assert wrong == [], "\n".join(wrong)
    assert count > 150, count
    print(f"{count} view calls in {time.monotonic() - started:.1f} s")


def test_services_for_every_role(world, sessions, site_url):
    entries = load_access()["services"]

    def send(entry, call, role, session):
        url = call_url(world, site_url, call, entry["name"])
        body = call.get("body")
        return session.request(
            entry["method"],
            url,
            headers=JSON,
            json=_fill(body, world) if body is not None else None,
            allow_redirects=False,
            timeout=60,
        )

    started = time.monotonic()
    wrong, count = run_calls(entries, sessions, world, site_url, send)
    assert wrong == [], "\n".join(wrong)
    assert count > 100, count
    print(f"{count} service calls in {time.monotonic() - started:.1f} s")
