"""The profile version and the upgrade steps agree."""

from pathlib import Path
from Products.GenericSetup.upgrade import _upgrade_registry
import ospa.social
import re


PROFILE = "ospa.social:default"
METADATA = Path(ospa.social.__file__).parent / "profiles/default/metadata.xml"


def metadata_version() -> str:
    return re.search(r"<version>(\d+)</version>", METADATA.read_text()).group(1)


def destinations() -> list[int]:
    steps = _upgrade_registry.getUpgradeStepsForProfile(PROFILE).values()
    found = []
    for step in steps:
        for single in step if isinstance(step, list) else [step]:
            found.append(int(".".join(single.dest)))
    return sorted(found)


def test_profile_version_is_the_last_upgrade_destination(integration):
    steps = destinations()
    if steps:
        assert metadata_version() == str(steps[-1])
    else:
        # No step yet: the profile is still at the first released version.
        assert metadata_version() == "1000"


def test_a_fresh_install_needs_no_upgrade(portal):
    setup = portal.portal_setup
    assert setup.listUpgrades(PROFILE) == []
