"""Benchmarks run on the test layers: ``make bench`` (not part of ``make test``)."""

from ospa.social.testing import FUNCTIONAL_TESTING
from ospa.social.testing import INTEGRATION_TESTING
from pytest_plone import fixtures_factory


pytest_plugins = ["pytest_plone"]

# Scripts, not tests: they need the datasets of dataset.py (make bench-stream).
collect_ignore = ["bench_stream.py", "dataset.py"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)
