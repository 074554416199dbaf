"""1007 → 1008: a site whose community cards were built from the objects."""

from ospa.social.communities import api as communities
from ospa.social.communities import listing
from ospa.social.testing import create_people
from ospa.social.testing import make_community
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.annotation.interfaces import IAnnotations


PROFILE = "ospa.social:default"
PEOPLE = {
    "olga": ("Olga Owner", ["Member"]),
    "moritz": ("Moritz Moderator", ["Member"]),
    "mia": ("Mia Member", ["Member"]),
    "erik": ("Erik Employee", ["Member"]),
}


def test_upgrade_to_1008_fills_the_cards_of_existing_communities(portal):
    create_people(portal, PEOPLE)
    community = make_community(portal, "alt", "closed")
    community.join_policy = "request"
    with api.env.adopt_user(username="erik"):
        communities.join(community)
    with api.env.adopt_user(username="mia"):
        page = api.content.create(community, "Document", title="Neu")
    # Take the site back to what 1007 had: no columns, no registers.
    setRoles(portal, TEST_USER_ID, ["Manager"])
    catalog = portal.portal_catalog
    for column in ("community_visibility", "community_join_policy"):
        catalog.delColumn(column)
    del IAnnotations(portal)[listing.ANNOTATION_KEY]
    setup = portal.portal_setup
    setup.setLastVersionForProfile(PROFILE, "1007")

    setup.upgradeProfile(PROFILE, dest="1008")

    assert setup.getLastVersionForProfile(PROFILE) == ("1008",)
    [brain] = catalog(UID=community.UID())
    assert brain.community_visibility == "closed"
    assert brain.community_join_policy == "request"
    newest = catalog.unrestrictedSearchResults(UID=page.UID())[0].modified
    with api.env.adopt_user(username="mia"):
        [card] = listing.cards(communities.find("all"))
        assert card["last_activity"].timeTime() >= newest.timeTime()
        assert card["role"] == "member"
    with api.env.adopt_user(username="erik"):
        [card] = listing.cards(communities.find("all"))
        assert card["pending"] == "request"
        assert card["visibility"] == "closed"
        assert card["last_activity"] == brain.modified
