"""The add-on over real HTTP: plone.restapi on the WSGI test server."""

from ospa.social.testing import JSON
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import requests
import transaction


def test_the_site_answers_json_to_anonymous(site_url):
    response = requests.get(site_url, headers=JSON, timeout=30)
    assert response.status_code == 200
    assert response.json()["@type"] == "Plone Site"


def test_managers_see_ospa_social_installed_at_its_profile_version(
    functional_portal, site_url
):
    version = functional_portal.portal_setup.getVersionForProfile("ospa.social:default")
    response = requests.get(
        f"{site_url}/@addons/ospa.social",
        headers=JSON,
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        timeout=30,
    )
    assert response.status_code == 200
    addon = response.json()
    assert addon["is_installed"] is True
    assert addon["profile_type"] == "default"
    assert addon["upgrade_info"]["installedVersion"] == version
    assert addon["upgrade_info"]["required"] is False


def test_anonymous_cannot_list_addons(site_url):
    response = requests.get(f"{site_url}/@addons", headers=JSON, timeout=30)
    assert response.status_code == 401
    assert response.json()["type"] == "Unauthorized"


def test_committed_content_is_served(functional_portal, site_url):
    with api.env.adopt_roles(["Manager"]):
        page = api.content.create(
            functional_portal, "Document", id="willkommen", title="Willkommen"
        )
        api.content.transition(page, "publish")
    transaction.commit()
    response = requests.get(f"{site_url}/willkommen", headers=JSON, timeout=30)
    assert response.status_code == 200
    assert response.json()["title"] == "Willkommen"
