"""The pins of pip and buildout agree, and they pin what is installed."""

from importlib import metadata
from pathlib import Path
import importlib.util


ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("pins", ROOT / "scripts" / "pins.py")
pins = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pins)


def test_versions_cfg_equals_constraints_txt():
    constraints = pins.read_constraints()
    versions = pins.read_versions()
    assert {k: v for k, v in versions.items() if constraints.get(k) != v} == {}
    assert {k: v for k, v in constraints.items() if versions.get(k) != v} == {}


def test_plone_is_pinned_to_the_known_good_release():
    constraints = pins.read_constraints()
    assert constraints["plone"] == "6.2.2"
    assert constraints["products-cmfplone"] == "6.2.2"
    assert constraints["plone-app-layout"].startswith("6.")


def test_every_installed_distribution_is_pinned_at_its_version():
    constraints = pins.read_constraints()
    unpinned = {}
    for dist in metadata.distributions():
        name = pins.canonical(dist.metadata["Name"])
        if name == "ospa-social":
            continue
        if constraints.get(name) != dist.version:
            unpinned[name] = (dist.version, constraints.get(name))
    assert unpinned == {}
