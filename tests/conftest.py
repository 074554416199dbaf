"""Fixtures shared by every test: the layers of ``ospa.social.testing``.

pytest-plone's ``fixtures_factory`` keeps each layer for the whole session;
``integration`` tests roll back after each test, ``functional`` and
``acceptance`` tests get a real WSGI server and must commit before calling it.
"""

from ospa.social.testing import ACCEPTANCE_TESTING
from ospa.social.testing import FUNCTIONAL_TESTING
from ospa.social.testing import INTEGRATION_TESTING
from pytest_plone import fixtures_factory
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


@pytest.fixture(autouse=True)
def _fresh_people():
    """Each test starts without names and portraits kept by an earlier one."""
    from ospa.social.api import users

    users.forget()
    yield
    users.forget()
