"""The demo intranet is for its employees: anonymous visitors get the login
form and nothing of the content, over HTTP, in Classic UI and REST."""

from ospa.social.demo import data
from ospa.social.demo.builder import DEMO_PASSWORD
from plone import api
from plone.app.testing import SITE_OWNER_NAME
import pytest
import requests
import transaction


NEWS = data.NEWS[0]
EMPLOYEE = data.EMPLOYEES[0]["id"]
# path below the site: words that only its content has
PAGES = {
    "": "abteilungen/",
    f"aktuelles/{NEWS['id']}": NEWS["title"],
}


@pytest.fixture
def demo_site(functional_portal, monkeypatch):
    monkeypatch.setattr(data, "STREAM_POSTS", 4)
    monkeypatch.setattr(data, "POSTS_PER_COMMUNITY", 1)
    with api.env.adopt_user(username=SITE_OWNER_NAME):
        functional_portal.portal_setup.runAllImportStepsFromProfile(
            "profile-ospa.social:demo"
        )
    transaction.commit()
    return functional_portal.absolute_url()


@pytest.mark.parametrize("path", PAGES, ids=["front page", "news item"])
def test_anonymous_visitors_get_the_login_form(demo_site, path):
    response = requests.get(f"{demo_site}/{path}", allow_redirects=False, timeout=60)
    assert response.status_code == 302, response.status_code
    assert "require_login" in response.headers["Location"]
    login = requests.get(response.headers["Location"], timeout=60)
    assert login.status_code == 200
    assert 'name="__ac_password"' in login.text
    assert PAGES[path] not in login.text


@pytest.mark.parametrize("path", PAGES, ids=["front page", "news item"])
def test_anonymous_rest_clients_get_nothing_of_it(demo_site, path):
    """The site root answers (its title is on the login form anyway), with
    no items; the content refuses."""
    response = requests.get(
        f"{demo_site}/{path}", headers={"Accept": "application/json"}, timeout=60
    )
    if path:
        assert response.status_code == 401
    else:
        assert response.status_code == 200
        assert response.json()["items"] == []
        assert "startseite" not in response.text
    assert PAGES[path] not in response.text


@pytest.mark.parametrize("path", PAGES, ids=["front page", "news item"])
def test_employees_read_it(demo_site, path):
    response = requests.get(
        f"{demo_site}/{path}", auth=(EMPLOYEE, DEMO_PASSWORD), timeout=60
    )
    assert response.status_code == 200
    assert PAGES[path] in response.text.replace("&#x2F;", "/")


def test_anonymous_search_finds_nothing_of_it(demo_site):
    response = requests.get(
        f"{demo_site}/@search",
        params={"SearchableText": "Filiale"},
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert NEWS["title"] not in response.text
