"""1007 → 1008: cards of communities from the catalog (issue 14, queries).

The lists of communities build their cards from catalog brains
(:mod:`ospa.social.communities.listing`). This adds the two metadata
columns they read (``community_visibility``, ``community_join_policy``),
refreshes the metadata of every community (only the community, never its
content), and fills what the cards read beside the catalog: each
community's last activity (the newest change inside it, one catalog
query per community, once) and who has an open request or invitation.
"""

from ospa.social.communities import api as communities
from ospa.social.communities import listing
from ospa.social.interfaces import ICommunity
from plone import api
import logging


logger = logging.getLogger("ospa.social.upgrades")
COLUMNS = ("community_visibility", "community_join_policy")


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    for column in COLUMNS:
        if column not in catalog.schema():
            catalog.addColumn(column)
    store = listing.data(create=True)
    count = 0
    for brain in catalog.unrestrictedSearchResults(
        object_provides=ICommunity.__identifier__
    ):
        community = brain._unrestrictedGetObject()
        # The metadata only: member_count is the cheapest index to name.
        community.reindexObject(idxs=["member_count"])
        register = listing.ensure_register(community)
        newest = catalog.unrestrictedSearchResults(
            path="/".join(community.getPhysicalPath()),
            sort_on="modified",
            sort_order="reverse",
            sort_limit=1,
        )
        if len(newest):
            register.record(newest[0].modified.timeTime())
        found = communities.roster(community)
        for userid in found.pending.keys() if found is not None else ():
            store.pending.ensure(userid).add(community.UID())
        count += 1
    logger.info("Cards of %d communities now come from the catalog.", count)
