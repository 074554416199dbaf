"""Upgrade steps of the ``ospa.social:default`` profile.

Each change to a profile gets a numbered step here: bump ``<version>`` in
``profiles/default/metadata.xml`` and register a step whose ``destination``
is that version in ``configure.zcml``. ``tests/setup/test_upgrades.py``
fails when the two disagree.
"""

from ospa.social import PROFILE_ID
from plone import api


def import_steps(*steps: str) -> None:
    """Run these import steps of the add-on's default profile, in order."""
    setup = api.portal.get_tool("portal_setup")
    for step in steps:
        setup.runImportStepFromProfile(PROFILE_ID, step)


def add_type(record: str, portal_type: str) -> None:
    """Add ``portal_type`` to the list in registry record ``record``
    (``ospa.social.social_types`` ...); setting the record applies it
    (``ospa.social.core.subscribers.settings_changed``)."""
    found = list(api.portal.get_registry_record(record) or ())
    if portal_type not in found:
        api.portal.set_registry_record(record, [*found, portal_type])
