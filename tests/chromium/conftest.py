"""Browser tests: the ``page`` of a new context in the shared ``chromium``.

The ``chromium`` fixture (Debian's Chromium through Playwright, never a
download) lives in ``tests/conftest.py``: one browser for the session, for
these tests and for ``tests/xss``.
"""

from pathlib import Path
from plone import api
import pytest
import transaction


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def _new_page(chromium):
    """A browser of its own: a new context (own cookies), German, desktop."""
    context = chromium.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    return context.new_page()


@pytest.fixture
def page(chromium, acceptance):
    found = _new_page(chromium)
    yield found
    found.context.close()


@pytest.fixture
def second_page(chromium, acceptance):
    """Another person's browser, beside ``page``."""
    found = _new_page(chromium)
    yield found
    found.context.close()


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
