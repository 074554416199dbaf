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
import os
import pytest


pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (ACCEPTANCE_TESTING, "acceptance"),
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


# Folders whose tests take seconds each (a browser, a second server, a
# sweep over every endpoint, generated examples): marked ``slow``, so that
# `make test-quick` (``-m "not slow"``) leaves them out; `make test` runs all.
SLOW_FOLDERS = (
    "authz",
    "chromium",
    "concurrency",
    "fuzz",
    "hardening",
    "scaleout",
    "xss",
)
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        parts = Path(item.fspath).relative_to(HERE).parts
        if parts and parts[0] in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _fresh_people():
    """Each test starts without names and portraits kept by an earlier one."""
    from ospa.social.core import users

    users.forget()
    yield
    users.forget()


CHROMIUM = Path(os.environ.get("OSPA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, through Playwright: one for the session.

    Playwright's sync API runs one instance per thread, so every browser
    test shares this one. Under ``CI=true`` a missing Chromium is a
    failure; elsewhere the browser tests are skipped with the reason.
    """
    if not CHROMIUM.exists():
        message = f"Chromium is missing at {CHROMIUM}: run `make chromium`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
