"""Fixtures shared by every test: the layers of ``ospa.social.testing``.

pytest-plone's ``fixtures_factory`` keeps each layer for the whole session;
``integration`` tests roll back after each test, ``functional`` and
``acceptance`` tests get a real WSGI server and must commit before calling it.
"""

from ospa.social.testing import ACCEPTANCE_TESTING
from ospa.social.testing import FUNCTIONAL_TESTING
from ospa.social.testing import INTEGRATION_TESTING
from pathlib import Path
from pytest_plone import fixtures_factory
import pytest


# Shared fixtures of the tests over HTTP and in Chromium: plugins, so that
# each feature's folder holds its tests at every layer (``tests/fixtures``).
pytest_plugins = [
    "pytest_plone",
    "tests.fixtures.social",
    "tests.fixtures.http",
    "tests.fixtures.browser",
]

globals().update(
    fixtures_factory(
        (
            (ACCEPTANCE_TESTING, "acceptance"),
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


# What takes seconds a test (a browser, a second server, a sweep over every
# endpoint, generated examples) is marked ``slow``, so that `make test-quick`
# (``-m "not slow"``) leaves it out; `make test` runs all. Slow is what a test
# is: under ``hardening/`` (the sweeps: authz, csrf, xss, fuzz, concurrency,
# scale-out, leaks), or driving Chromium (it asks for the ``chromium``
# fixture, directly or through ``page``), wherever it lives.
SLOW_FOLDERS = ("hardening",)
BROWSER_FIXTURES = {"chromium"}
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        parts = Path(item.fspath).relative_to(HERE).parts
        browser = BROWSER_FIXTURES & set(getattr(item, "fixturenames", ()))
        if browser:
            item.add_marker(pytest.mark.browser)
        if browser or (parts and parts[0] in SLOW_FOLDERS):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _fresh_people():
    """Each test starts without names and portraits kept by an earlier one."""
    from ospa.social.core import users

    users.forget()
    yield
    users.forget()
