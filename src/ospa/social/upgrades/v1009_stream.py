"""1008 → 1009: posts' ``stream_info`` metadata without the post's text.

The stream read each post's whole text from the catalog's ``stream_info``
column although it loads the post anyway (for what the viewer may do with
it); the text now comes from the post and the column keeps what the
stream cannot get elsewhere (question, accepted answer, shared page, edit
date, attachment). This rewrites the column of every post, in batches:
only the metadata, no index changes (``stream_ts`` is named because the
catalog rewrites every index when given none; its value is unchanged).
Until it has run, the old column still works: its text is not read.
"""

from plone import api
import logging
import transaction


logger = logging.getLogger("ospa.social")
BATCH = 500


def upgrade(context, batch: int = BATCH) -> int:
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Post")
    total = len(brains)
    done = 0
    for brain in brains:
        try:
            post = brain._unrestrictedGetObject()
        except (AttributeError, KeyError):
            continue  # a stale catalog entry: nothing to rewrite
        catalog.catalog_object(
            post, brain.getPath(), idxs=["stream_ts"], update_metadata=1
        )
        done += 1
        if done % batch == 0:
            # Keeps memory bounded on a large site: the batch's changes go
            # to a savepoint and its posts out of the cache.
            transaction.savepoint(optimistic=True)
            post._p_jar.cacheGC()
            logger.info("stream_info of %s of %s posts rewritten", done, total)
    logger.info("stream_info of %s posts rewritten", done)
    return done
