"""Test layers of ospa.social.

The base is a real Classic UI site created by the ``classic`` distribution
(as ``make start`` creates it), holding Plone's example content, so that
every test runs against a site that already has content of its own.
"""

from contextlib import contextmanager
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.distribution.testing.layer import PloneDistributionFixture
from plone.testing.zope import WSGI_SERVER_FIXTURE
from zope.component import getGlobalSiteManager
import ospa.social
import re


CLASSIC_ANSWERS = {
    "site_id": "plone",
    "title": "Plone Site",
    "description": "A Plone Site with Classic UI",
    "default_language": "en",
    "portal_timezone": "Europe/Berlin",
    "setup_content": True,
}


class ClassicSiteFixture(PloneDistributionFixture):
    """A Plone site created with the Classic UI distribution."""

    PACKAGE_NAME = "plone.classicui"
    SITES = (("classic", CLASSIC_ANSWERS),)
    _distribution_products = (
        ("plone.app.contenttypes", {"loadZCML": True}),
        ("plone.restapi", {"loadZCML": True}),
        ("plone.distribution", {"loadZCML": True}),
    )


CLASSIC_SITE_FIXTURE = ClassicSiteFixture()


class OspaSocialLayer(PloneSandboxLayer):
    """The classic site with ospa.social installed."""

    defaultBases = (CLASSIC_SITE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        self.loadZCML(package=ospa.social)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "ospa.social:default")


FIXTURE = OspaSocialLayer()

INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE,),
    name="OspaSocialLayer:IntegrationTesting",
)

# A real WSGI server in a thread: REST tests talk HTTP to it.
FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="OspaSocialLayer:FunctionalTesting",
)


# The same server for Playwright and Chromium. Browser tests apply the demo
# profile themselves (and commit): a second sandbox layer kept for the whole
# session would shadow the ZODB of the layers above.
ACCEPTANCE_TESTING = FunctionalTesting(
    bases=(FIXTURE, WSGI_SERVER_FIXTURE),
    name="OspaSocialLayer:AcceptanceTesting",
)


# -- reading Classic UI answers in functional tests -------------------------
#
# Tests run in importlib mode and cannot import a conftest or each other:
# the helpers several of them share live here.


JSON = {"Accept": "application/json"}
SEND_JSON = {**JSON, "Content-Type": "application/json"}
TOKEN = re.compile(r'name="_authenticator"[^>]*value="([0-9a-f]+)"')


def parse(response):
    """The HTML tree of a 200 answer."""
    from lxml import html as lxml_html

    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.text)


def select(tree, selector):
    return tree.cssselect(selector)


def status_message(tree) -> str:
    """The text of the status messages Plone shows on a page."""
    return " ".join(
        node.text_content().strip()
        for node in select(tree, "#global_statusmessage .alert")
    )


def form_outcome(session, response) -> str | int:
    """What a browser sees after sending a form of the add-on: ``"done"``
    (redirected to a page with no error message), ``"refused"`` (an error
    message, on the page it was sent back to or on the form again), or the
    status code of anything else."""
    from lxml import html as lxml_html

    if response.status_code == 303:
        response = session.get(
            response.headers["Location"], allow_redirects=False, timeout=60
        )
        if response.status_code != 200:
            return response.status_code
    elif response.status_code != 200:
        return response.status_code
    tree = lxml_html.fromstring(response.text)
    errors = select(tree, "#global_statusmessage .alert-danger, .portalMessage.error")
    return "refused" if errors else "done"


def one(tree, selector):
    """The one element matching ``selector``; fails on none or several."""
    found = tree.cssselect(selector)
    assert len(found) == 1, f"{len(found)} × {selector}"
    return found[0]


def get(session, url, **params):
    """GET without following redirects (a login redirect is an answer)."""
    return session.get(url, params=params or None, allow_redirects=False, timeout=30)


def token_for(session, site_url) -> str:
    """The session user's CSRF token (``_authenticator``), also for users
    whose pages show no form."""
    response = session.get(f"{site_url}/@@authenticator/token", timeout=30)
    assert response.status_code == 200, response.status_code
    return response.text.strip()


def token_of(session, url) -> str:
    """The CSRF token a page's forms give the session's user."""
    response = session.get(url, timeout=30)
    assert response.status_code == 200, response.status_code
    found = TOKEN.search(response.text)
    assert found, "no _authenticator on the page"
    return found.group(1)


def send(session, url, token, *, files=None, as_json=False, headers=None, **fields):
    """Post a form of the add-on as a browser does, with the CSRF token
    ``token`` (None: without one); the redirect is not followed. The
    request asks for JSON with ``as_json``, or has the ``headers`` given."""
    data = dict(fields)
    if token is not None:
        data["_authenticator"] = token
    return session.post(
        url,
        data=data,
        files=files,
        headers=headers if headers is not None else JSON if as_json else {},
        allow_redirects=False,
        timeout=30,
    )


def follow(session, response):
    """The page a 303 leads to (where the status message shows)."""
    assert response.status_code == 303, response.status_code
    return session.get(response.headers["Location"], timeout=30)


def sync():
    """See what the server committed (a new transaction in this thread)."""
    import transaction

    transaction.abort()


def as_user(userid):
    """Act as ``userid`` inside a ``with`` block."""
    from plone import api

    return api.env.adopt_user(username=userid)


def log_in(page, site_url, userid, password, fullname=None):
    """Log in through Plone's login form in a Playwright ``page``; waits
    for the toolbar (with ``fullname`` in it, when given)."""
    page.goto(f"{site_url}/login")
    page.fill("#__ac_name", userid)
    page.fill("#__ac_password", password)
    page.click("#buttons-login")
    if fullname:
        page.locator("#edit-zone .toolbar-label", has_text=fullname).wait_for()
    else:
        page.locator("#edit-zone").wait_for()


def assert_denied(response):
    """Plone's answer to Unauthorized: the login form (also for a user who
    is logged in: it then says "insufficient privileges"), or an error."""
    if response.status_code == 302:
        assert "require_login" in response.headers["Location"]
    else:
        assert response.status_code in (401, 403, 404), response.status_code


def after_conflict(report, attempt):
    """What a worker does on a ConflictError before its ``attempt``-th
    retry: abort, count it in ``report["retries"]`` (under
    ``report["lock"]`` where there is one), and wait a little jitter, so
    that the same threads do not meet again at once (Zope's retries are
    spread by the network)."""
    from contextlib import nullcontext
    import random
    import time
    import transaction

    transaction.abort()
    with report.get("lock") or nullcontext():
        report["retries"] += 1
    time.sleep(random.uniform(0, 0.002 * attempt))


def in_threads(target, *arguments):
    """Run ``target(*args)`` in a thread of its own for each ``args`` of
    ``arguments``, all at once; return when every thread has ended."""
    import threading

    threads = [threading.Thread(target=target, args=args) for args in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@contextmanager
def zope_worker(db, userid, site_id="plone"):
    """What a Zope worker thread has, for a ``with`` block in a thread: a
    connection of its own to ``db``, a request, the site (given to the
    block) and ``userid`` as the user. A failure aborts the transaction;
    all of it is closed afterwards."""
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.SecurityManagement import noSecurityManager
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite
    from zope.globalrequest import clearRequest
    from zope.globalrequest import setRequest
    import transaction

    connection = db.open()
    try:
        app = makerequest(connection.root()["Application"])
        setRequest(app.REQUEST)
        portal = app.unrestrictedTraverse(site_id)
        setSite(portal)
        user = portal.acl_users.getUserById(userid)
        newSecurityManager(None, user.__of__(portal.acl_users))
        yield portal
    except BaseException:
        transaction.abort()
        raise
    finally:
        noSecurityManager()
        setSite(None)
        clearRequest()
        connection.close()


# -- people and places of the integration tests ------------------------------

PASSWORD = "secret12345"


def as_manager():
    """Act as the site owner (the functional site has nobody logged in)."""
    from plone import api
    from plone.app.testing import SITE_OWNER_NAME

    return api.env.adopt_user(username=SITE_OWNER_NAME)


def create_user(userid, fullname, roles=("Member",)):
    """A user with exactly ``roles`` (a new user gets Member unless taken
    away), created as the site owner: for the functional site, where
    nobody is logged in. Not committed."""
    from plone import api

    with as_manager():
        _new_user(userid, fullname, roles)
        if "Member" not in roles:
            api.user.revoke_roles(username=userid, roles=["Member"])


def _new_user(userid: str, fullname: str, roles):
    from plone import api

    api.user.create(
        email=f"{userid}@example.org",
        username=userid,
        password=PASSWORD,
        roles=list(roles),
        properties={"fullname": fullname},
    )


def create_users(people: dict) -> dict:
    """``create_user`` for each of ``{userid: (full name, site roles)}``."""
    for userid, (fullname, roles) in people.items():
        create_user(userid, fullname, roles)
    return people


def create_people(portal, people: dict) -> dict:
    """Create ``{userid: (full name, site roles)}``; no roles means no Member.

    A user created without roles still gets Member from Plone: it is taken
    away, so that the tests can check what logged-in non-members may do.
    """
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(portal, TEST_USER_ID, ["Manager"])
    for userid, (fullname, roles) in people.items():
        _new_user(userid, fullname, roles)
        if not roles:
            api.user.revoke_roles(username=userid, roles=["Member"])
    setRoles(portal, TEST_USER_ID, ["Member"])
    return people


def start_community(
    portal, owner, cid, visibility, join_policy="open", roster=(), **fields
):
    """``owner`` starts the community ``cid`` (titled ``Community <cid>``
    unless ``fields`` say otherwise) and puts ``roster`` on it:
    ``{userid: role}`` or ``((userid, role), …)``. Not committed."""
    from ospa.social.communities import api as communities
    from plone import api

    fields.setdefault("title", f"Community {cid}")
    with api.env.adopt_user(username=owner):
        community = api.content.create(
            portal["communities"],
            "Community",
            id=cid,
            visibility=visibility,
            join_policy=join_policy,
            **fields,
        )
        for userid, role in dict(roster).items():
            communities.add(community, userid, role)
    return community


# Olga owns the communities of the tests; Moritz moderates, Mia is a member
# (user id: full name, site roles); Erik is an employee on no roster.
ROSTER = {"moritz": "moderator", "mia": "member"}
ROSTER_PEOPLE = {
    "olga": ("Olga Owner", ["Member"]),
    "moritz": ("Moritz Moderator", ["Member"]),
    "mia": ("Mia Member", ["Member"]),
}
ERIK = ("Erik Employee", ["Member"])
GERD = ("Gerd Gast", ["Member"])
CHEF = ("Carla Chef", ["Manager"])
CHEF_EMPLOYEE = ("Carla Chef", ["Member", "Manager"])


def make_community(portal, cid, visibility):
    """Olga starts a community; Moritz moderates, Mia is a member."""
    return start_community(portal, "olga", cid, visibility, roster=ROSTER)


# -- what ospa.social registers: the sweeps are generated from it -----------

# Classic UI code lives in ``browser`` (packages or modules) of the add-on
# and of each feature (``ospa.social.stream.browser``…); plone.rest
# services anywhere in the add-on.
VIEW_MODULE = re.compile(r"^ospa\.social(\.\w+)?\.browser(\.|$)")
SERVICE_PACKAGE = "ospa.social"
SERVICE_NAME = re.compile(r"^(GET|POST|PUT|PATCH|DELETE)_[^_]+_[^_]+_(.*)$")


def all_adapter_registrations():
    """Adapter registrations of the global registry and those it stacks on."""
    seen, todo = set(), [getGlobalSiteManager()]
    while todo:
        registry = todo.pop()
        if id(registry) in seen:
            continue
        seen.add(id(registry))
        yield from registry.registeredAdapters()
        todo.extend(registry.__bases__)


def origin_modules(factory) -> set[str]:
    """The modules of the classes a registered factory is made of.

    Five and plone.rest derive a new class from the one named in zcml; a
    z3c.form wrapper (``layout.wrap_form``) holds its form in ``form``.
    """
    classes = list(getattr(factory, "__mro__", ()))
    form = getattr(factory, "form", None)
    classes += list(getattr(form, "__mro__", ()))
    return {klass.__module__ for klass in classes}


def _in(package, modules) -> bool:
    return any(m == package or m.startswith(package + ".") for m in modules)


def permission_of(factory) -> str | None:
    """The permission zcml protects the view's ``__call__`` (or all) with."""
    for permission, names in getattr(factory, "__ac_permissions__", ()):
        if "__call__" in names or "" in names:
            return permission
    return None


def _identifier(spec) -> str:
    return getattr(spec, "__identifier__", None) or repr(spec)


def registered_views() -> set[tuple[str, str, str]]:
    """``(name, for, permission)`` of every named view and viewlet of ours."""
    found = set()
    for registration in all_adapter_registrations():
        if not registration.name or SERVICE_NAME.match(registration.name):
            continue
        if len(registration.required) < 2:
            continue
        factory = registration.factory
        if not any(VIEW_MODULE.match(m) for m in origin_modules(factory)):
            continue
        found.add(
            (
                registration.name,
                _identifier(registration.required[0]),
                permission_of(factory),
            )
        )
    return found


def registered_services() -> set[tuple[str, str, str, str]]:
    """``(method, name, for, permission)`` of every plone.rest service of ours."""
    found = set()
    for registration in all_adapter_registrations():
        match = SERVICE_NAME.match(registration.name or "")
        if not match:
            continue
        factory = registration.factory
        if not _in(SERVICE_PACKAGE, origin_modules(factory)):
            continue
        found.add(
            (
                match.group(1),
                match.group(2),
                _identifier(registration.required[0]),
                permission_of(factory),
            )
        )
    return found
