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
import threading
import time


ROOT = Path(__file__).resolve().parents[3]
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


STORAGES = ("relstorage", "zeo")


def _skip_reason(storage) -> str | None:
    if storage != "relstorage":
        return None
    reason = cluster.postgres_available(f"dbname='postgres' {PG_SERVER}")
    if reason and os.environ.get("CI") == "true":
        return f"FAIL: RelStorage tests need PostgreSQL under CI: {reason}"
    return f"RelStorage tests need PostgreSQL: {reason}" if reason else None


class Starting:
    """A cluster being started in a thread of its own.

    The clusters are separate processes: building their sites (half a
    minute each) runs on the other core while the rest of the suite runs,
    and the tests here only wait for what is not ready yet.
    """

    def __init__(self, storage, var):
        self.storage = storage
        self.options = {}
        if storage == "relstorage":
            self.options["dsn"] = f"dbname='ospa_scaleout_{os.getpid()}' {PG_SERVER}"
        else:
            self.options["zeo"] = f"127.0.0.1:{cluster.free_port()}"
        ports = [cluster.free_port(), cluster.free_port()]
        self.running = cluster.Cluster(
            storage, var, ports, threads=4, demo=False, quiet=True, **self.options
        )
        self.error = None
        self.seconds = None
        self.thread = threading.Thread(target=self._start, daemon=True)
        self.thread.start()

    def _start(self):
        started = time.monotonic()
        try:
            if "dsn" in self.options:
                cluster.drop_postgres_database(self.options["dsn"])
            self.running.start(timeout=300)
        except BaseException as error:  # reported by the fixture
            self.error = error
        self.seconds = time.monotonic() - started

    def wait(self):
        self.thread.join(600)
        if self.thread.is_alive():
            raise TimeoutError(f"the {self.storage} cluster did not start in 10 min")
        if self.error is not None:
            raise RuntimeError(f"the {self.storage} cluster failed") from self.error
        return self.running

    def stop(self):
        self.thread.join(600)
        self.running.stop()
        if "dsn" in self.options:
            cluster.drop_postgres_database(self.options["dsn"])


_starting: dict[str, Starting] = {}


def pytest_collection_finish(session):
    """Start the clusters the collected tests need, as early as possible."""
    wanted = {
        item.callspec.params.get("site")
        for item in session.items
        if "scaleout" in str(item.path) and hasattr(item, "callspec")
    }
    factory = session.config._tmp_path_factory
    for storage in STORAGES:
        if storage in wanted and storage not in _starting and not _skip_reason(storage):
            _starting[storage] = Starting(storage, factory.mktemp(f"cluster-{storage}"))


def pytest_sessionfinish(session):
    while _starting:
        _starting.popitem()[1].stop()


@pytest.fixture(scope="module", params=STORAGES)
def site(request):
    storage = request.param
    reason = _skip_reason(storage)
    if reason and reason.startswith("FAIL: "):
        pytest.fail(reason[len("FAIL: ") :])
    if reason:
        pytest.skip(reason)
    if storage not in _starting:  # collected without pytest_collection_finish
        _starting[storage] = Starting(
            storage, request.config._tmp_path_factory.mktemp(f"cluster-{storage}")
        )
    starting = _starting[storage]
    running = starting.wait()
    print(f"\n{storage}: two instances ready after {starting.seconds:.1f} s")
    try:
        yield Site(storage, running.urls)
    finally:
        _starting.pop(storage, None)
        starting.stop()
