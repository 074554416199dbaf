"""Upgrade steps of the ``ospa.social:default`` profile.

Each change to a profile gets a numbered step here: bump ``<version>`` in
``profiles/default/metadata.xml`` and register a step whose ``destination``
is that version in ``configure.zcml``. ``tests/setup/test_upgrades.py``
fails when the two disagree.
"""
