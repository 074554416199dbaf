"""Foundation figures: building the demo intranet, serving pages with the add-on.

    make bench

Prints and records (results/foundation.json): the time to apply the demo
profile, and p50/p95 of the Classic UI front page and of the REST site GET
over real HTTP, anonymous and logged in, with ospa.social installed.
"""

from measure import record
from measure import timed
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
import requests
import time
import transaction


REQUESTS = 50


def test_foundation_figures(functional_portal):
    portal = functional_portal
    start = time.perf_counter()
    with api.env.adopt_roles(["Manager"]):
        portal.portal_setup.runAllImportStepsFromProfile("profile-ospa.social:demo")
    transaction.commit()
    demo_seconds = time.perf_counter() - start

    url = portal.absolute_url()
    session = requests.Session()
    admin = requests.Session()
    admin.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    json = {"Accept": "application/json"}

    def get(client, path="", headers=None):
        def action():
            response = client.get(url + path, headers=headers or {}, timeout=30)
            response.raise_for_status()

        return action

    figures = {
        "demo_profile_seconds": round(demo_seconds, 2),
        "demo_objects": len(api.content.find(path="/plone/abteilungen"))
        + len(api.content.find(path="/plone/aktuelles"))
        + len(api.content.find(path="/plone/termine")),
        "front_page_anonymous": timed(get(session), REQUESTS),
        "front_page_manager": timed(get(admin), REQUESTS),
        "rest_site_anonymous": timed(get(session, headers=json), REQUESTS),
        "rest_news_search_manager": timed(
            get(admin, "/@search?portal_type=News%20Item&b_size=10", json), REQUESTS
        ),
    }
    record("foundation", figures)
