"""1004 → 1005: the support limit of idea boxes holds under parallel supports.

Up to 1004 each box kept, per person, the UIDs of the ideas they support in
a conflict-free :class:`~ospa.social.core.storage.SetMap` under
``ospa.social.box-supports``: two supports by the same person at the same
moment merged, and both passed the limit. From 1005 the box keeps them in a
:class:`~ospa.social.core.storage.PersonalSetMap` under
:data:`ospa.social.ideas.api.BOX_SUPPORTS_KEY`, one record per person that
conflicts when the same person writes it twice at once.
"""

from ospa.social.ideas import api as ideas
from plone import api
from zope.annotation.interfaces import IAnnotations
import logging


logger = logging.getLogger("ospa.social.upgrades")

OLD_KEY = "ospa.social.box-supports"


def migrate_box(box) -> int:
    """Move the old per-person supports of ``box`` into the new records.

    Supports already in the new records (made after the new code started
    and before this step ran) are kept: the old ones are added to them.
    Return how many supports were moved; the old structure is removed.
    """
    annotations = IAnnotations(box)
    new = ideas.box_supports(box, create=True)
    old = annotations.get(OLD_KEY)
    if old is None:
        return 0
    moved = 0
    for userid in list(old.keys()):
        for uid in old.get(userid) or ():
            if new.add(userid, uid):
                moved += 1
    del annotations[OLD_KEY]
    return moved


def upgrade(context):
    """Migrate the supports of every idea box to the per-person records."""
    catalog = api.portal.get_tool("portal_catalog")
    boxes = moved = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=ideas.BOX_TYPE):
        box = brain._unrestrictedGetObject()
        moved += migrate_box(box)
        boxes += 1
    logger.info("Moved %d supports of %d idea boxes to their records", moved, boxes)
