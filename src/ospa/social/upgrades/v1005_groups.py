"""1004 → 1005: community groups are listed only to who may see the community."""

from ospa.social.upgrades import import_steps


def upgrade(context):
    """Register the filtered ``Groups`` and ``Principals`` vocabularies as
    site-local utilities (the profile's ``componentregistry.xml``)."""
    import_steps("componentregistry")
