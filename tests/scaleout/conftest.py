"""Two real Zope instances on one database: RelStorage/PostgreSQL and ZEO.

``scripts/cluster.py`` (the code behind ``make start-relstorage`` and
``make start-zeo``) writes their configuration, prepares the database,
creates a site without demo content and serves it on two free ports. The
instances are separate processes; the tests talk HTTP to them only.

PostgreSQL is this machine's (``OSPA_TEST_PG_DSN``, default the local
server as ``postgres``); each run uses a database of its own and drops it.
Without PostgreSQL the RelStorage tests skip, except under ``CI=true``,
where they fail.
"""

from pathlib import Path
import importlib.util
import os
import pytest
import requests
import time


ROOT = Path(__file__).resolve().parents[2]
ADMIN = ("admin", "admin")
PASSWORD = "secret12345"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
PG_SERVER = os.environ.get(
    "OSPA_TEST_PG_DSN", "user='postgres' host='127.0.0.1' port='5432'"
)


def _cluster_module():
    spec = importlib.util.spec_from_file_location(
        "ospa_cluster", ROOT / "scripts" / "cluster.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cluster = _cluster_module()


class Site:
    """The site as two instances serve it: ``url(0, path)``, ``session(user, i)``."""

    def __init__(self, storage, urls):
        self.storage = storage
        self.urls = urls

    def url(self, instance: int, path: str = "") -> str:
        base = f"{self.urls[instance % len(self.urls)]}/Plone"
        return f"{base}/{path}" if path else base

    def session(self, user=ADMIN) -> requests.Session:
        session = requests.Session()
        session.auth = user if isinstance(user, tuple) else (user, PASSWORD)
        session.headers.update(JSON)
        return session


def _start(storage, tmp_path_factory):
    var = tmp_path_factory.mktemp(f"cluster-{storage}")
    ports = [cluster.free_port(), cluster.free_port()]
    options = {}
    if storage == "relstorage":
        reason = cluster.postgres_available(f"dbname='postgres' {PG_SERVER}")
        if reason:
            if os.environ.get("CI") == "true":
                pytest.fail(f"RelStorage tests need PostgreSQL under CI: {reason}")
            pytest.skip(f"RelStorage tests need PostgreSQL: {reason}")
        options["dsn"] = f"dbname='ospa_scaleout_{os.getpid()}' {PG_SERVER}"
        cluster.drop_postgres_database(options["dsn"])
    else:
        options["zeo"] = f"127.0.0.1:{cluster.free_port()}"
    running = cluster.Cluster(storage, var, ports, threads=4, demo=False, **options)
    started = time.monotonic()
    running.start(timeout=180)
    print(f"\n{storage}: two instances ready in {time.monotonic() - started:.1f} s")
    return running, options


@pytest.fixture(scope="module", params=["relstorage", "zeo"])
def site(request, tmp_path_factory):
    running, options = _start(request.param, tmp_path_factory)
    try:
        yield Site(request.param, running.urls)
    finally:
        running.stop()
        if "dsn" in options:
            cluster.drop_postgres_database(options["dsn"])
