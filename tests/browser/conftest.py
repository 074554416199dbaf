"""Playwright driving Debian's Chromium (/usr/bin/chromium), headless.

Never a browser download. Under ``CI=true`` a missing Chromium is a failure;
elsewhere the browser tests are skipped with the reason.
"""

from pathlib import Path
from plone import api
import os
import pytest
import transaction


CHROMIUM = Path(os.environ.get("OSPA_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        message = f"Chromium is missing at {CHROMIUM}: run `make chromium`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, acceptance):
    context = chromium.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_site(acceptance, monkeypatch):
    """The demo intranet, committed so the server sees it.

    With a few posts per place rather than hundreds: each test builds it
    anew, and tests/demo checks the full demo once.
    """
    from ospa.social.demo import data

    monkeypatch.setattr(data, "STREAM_POSTS", 8)
    monkeypatch.setattr(data, "POSTS_PER_COMMUNITY", 3)
    portal = acceptance["portal"]
    with api.env.adopt_roles(["Manager"]):
        portal.portal_setup.runAllImportStepsFromProfile("profile-ospa.social:demo")
    transaction.commit()
    return portal
