"""Test layers of ospa.social.

The base is a real Classic UI site created by the ``classic`` distribution
(as ``make start`` creates it), holding Plone's example content, so that
every test runs against a site that already has content of its own.
"""

from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.distribution.testing.layer import PloneDistributionFixture
from plone.testing.zope import WSGI_SERVER_FIXTURE
import ospa.social


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
