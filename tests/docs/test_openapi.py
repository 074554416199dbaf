"""docs/openapi.yaml is valid and documents every service ospa.social has."""

from openapi_spec_validator import validate
from ospa.social.testing import all_adapter_registrations
from pathlib import Path
import re
import yaml


ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "docs" / "openapi.yaml"
SERVICE_NAME = re.compile(r"^(GET|POST|PUT|PATCH|DELETE)_[^_]+_[^_]+_(@.+)$")


def registered_services(package: str) -> set[tuple[str, str]]:
    """``(method, "@name")`` of every plone.rest service of ``package``.

    plone.rest registers each service as a named multi-adapter whose class
    derives from the service's factory: read them from the registry, so that
    the list cannot drift from what is really served.
    """
    found = set()
    for registration in all_adapter_registrations():
        match = SERVICE_NAME.match(registration.name or "")
        if not match:
            continue
        factory = registration.factory
        modules = {klass.__module__ for klass in getattr(factory, "__mro__", ())}
        if any(m == package or m.startswith(package + ".") for m in modules):
            found.add((match.group(1), match.group(2)))
    return found


def documented_operations() -> set[tuple[str, str]]:
    spec = yaml.safe_load(SPEC.read_text())
    found = set()
    for path, operations in (spec.get("paths") or {}).items():
        name = path.rstrip("/").rsplit("/", 1)[-1]
        for method in operations:
            if method.upper() in {"GET", "POST", "PUT", "PATCH", "DELETE"}:
                found.add((method.upper(), name))
    return found


def test_spec_is_valid_openapi_3_1():
    spec = yaml.safe_load(SPEC.read_text())
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_introspection_finds_registered_services(integration):
    # Proof that the lookup below sees services at all: plone.restapi's own.
    assert ("GET", "@search") in registered_services("plone.restapi")


def test_every_ospa_social_service_is_documented(integration):
    missing = registered_services("ospa.social") - documented_operations()
    assert missing == set(), f"add these to docs/openapi.yaml: {sorted(missing)}"


def test_spec_documents_only_services_that_exist(integration):
    extra = documented_operations() - registered_services("ospa.social")
    assert extra == set(), f"documented but not registered: {sorted(extra)}"
