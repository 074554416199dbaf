"""Which types are social: the settings of Site Setup → Social intranet.

:func:`apply` makes the content types match the registry: it adds or
removes the ``ospa.social.likes`` and ``ospa.social.following`` behaviours
and switches plone.app.discussion on or off per type. It runs on install,
on upgrade and whenever the registry records change (the control panel,
``@controlpanels``, a GenericSetup import), so the rules live here once.
"""

from ospa.social import logger
from ospa.social.interfaces import ISocialSettings
from plone import api
from plone.app.discussion.interfaces import IDiscussionSettings
from plone.dexterity.interfaces import IDexterityFTI
from plone.registry.interfaces import IRegistry
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility


BEHAVIORS = ("ospa.social.likes", "ospa.social.following")
# What discussion looked like before we first changed it, to restore it.
DISCUSSION_BEFORE_KEY = "ospa.social.discussion-before"


def _settings():
    return getUtility(IRegistry).forInterface(
        ISocialSettings, prefix="ospa.social", check=False
    )


def social_types() -> list[str]:
    return list(_settings().social_types or [])


def comment_types() -> list[str]:
    return list(_settings().comment_types or [])


def stream_types() -> list[str]:
    """Ordinary content types whose activity shows in the stream."""
    return list(_settings().stream_types or [])


def post_max_length() -> int:
    return _settings().post_max_length or 1000


def post_max_attachment_bytes() -> int:
    return (_settings().post_max_attachment_mb or 10) * 1024 * 1024


def post_attachment_types() -> list[str]:
    return [
        str(name).strip().lower() for name in _settings().post_attachment_types or []
    ]


def idea_support_threshold() -> int:
    return _settings().idea_support_threshold or 10


def _dexterity_ftis():
    types = api.portal.get_tool("portal_types")
    return [fti for fti in types.objectValues() if IDexterityFTI.providedBy(fti)]


def _set_behaviors(fti, enabled: bool) -> bool:
    behaviors = list(fti.behaviors)
    if enabled:
        wanted = behaviors + [name for name in BEHAVIORS if name not in behaviors]
    else:
        wanted = [name for name in behaviors if name not in BEHAVIORS]
    if wanted == behaviors:
        return False
    fti._updateProperty("behaviors", tuple(wanted))
    return True


def _discussion_before() -> dict:
    annotations = IAnnotations(api.portal.get())
    before = annotations.get(DISCUSSION_BEFORE_KEY)
    if before is None:
        settings = getUtility(IRegistry).forInterface(IDiscussionSettings, check=False)
        before = {
            "globally_enabled": bool(settings.globally_enabled),
            "types": {
                fti.getId(): bool(fti.getProperty("allow_discussion"))
                for fti in _dexterity_ftis()
            },
        }
        annotations[DISCUSSION_BEFORE_KEY] = before
    return before


def _reindex_types(portal_types: list[str]) -> int:
    """Existing content of types that became (or stopped being) social.

    Only the ``like_count`` index and the metadata are updated: a site with
    many items of the type gains the behaviour without a full reindex.
    """
    catalog = api.portal.get_tool("portal_catalog")
    if not portal_types or "like_count" not in catalog.indexes():
        return 0
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type=portal_types):
        obj = brain._unrestrictedGetObject()
        catalog.catalog_object(
            obj, brain.getPath(), idxs=["like_count"], update_metadata=1
        )
        count += 1
    return count


def apply(social: list[str] | None = None, comments: list[str] | None = None):
    """Make the content types match the settings (or the lists given)."""
    social = set(social_types() if social is None else social)
    comments = set(comment_types() if comments is None else comments)
    before = _discussion_before()
    changed = []
    for fti in _dexterity_ftis():
        name = fti.getId()
        if _set_behaviors(fti, name in social):
            changed.append(name)
        allow = name in comments or before["types"].get(name, False)
        if bool(fti.getProperty("allow_discussion")) != allow:
            fti._updateProperty("allow_discussion", allow)
    discussion = getUtility(IRegistry).forInterface(IDiscussionSettings, check=False)
    globally = bool(comments) or before["globally_enabled"]
    if discussion.globally_enabled != globally:
        discussion.globally_enabled = globally
    indexed = _reindex_types(changed)
    logger.info(
        "Social types %s, comments on %s; %d existing items indexed",
        sorted(social),
        sorted(comments),
        indexed,
    )


def remove():
    """Uninstall: take our behaviours away and restore discussion as it was."""
    annotations = IAnnotations(api.portal.get())
    before = annotations.get(DISCUSSION_BEFORE_KEY)
    for fti in _dexterity_ftis():
        _set_behaviors(fti, False)
        if before is not None:
            fti._updateProperty(
                "allow_discussion", before["types"].get(fti.getId(), False)
            )
    if before is not None:
        discussion = getUtility(IRegistry).forInterface(
            IDiscussionSettings, check=False
        )
        discussion.globally_enabled = before["globally_enabled"]
        del annotations[DISCUSSION_BEFORE_KEY]
