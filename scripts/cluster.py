"""Several Zope instances on one database: RelStorage (PostgreSQL) or ZEO.

    python scripts/cluster.py --storage relstorage|zeo [--instances 2]
        [--port 8080] [--var var-<storage>] [--dsn DSN] [--zeo HOST:PORT]

Used by ``make start-relstorage`` and ``make start-zeo``, and by the
multi-instance tests (``tests/hardening/scaleout``). It writes one instance per port
(``instance-<storage>/a``, ``b``, ...), makes sure the database is there
(creates the PostgreSQL database named in the DSN; starts a ZEO server),
creates or updates the site through the first instance (demo content
unless ``SITE_DEMO=0``), then serves every instance until Ctrl+C, which
stops them all. Running it again reuses the data.
"""

from pathlib import Path
import argparse
import contextlib
import os
import signal
import socket
import string
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import instance as instance_config  # noqa: E402


BIN = Path(sys.executable).parent


def say(message: str) -> None:
    print(message, flush=True)


# -- the database ----------------------------------------------------------


def _dsn_parts(dsn: str) -> dict:
    from psycopg2.extensions import parse_dsn

    return parse_dsn(dsn)


def ensure_postgres_database(dsn: str) -> bool:
    """Create the database named in ``dsn`` unless it exists; True if created."""
    import psycopg2

    parts = _dsn_parts(dsn)
    name = parts.get("dbname", "ospa")
    if not all(char in string.ascii_letters + string.digits + "_" for char in name):
        raise ValueError(f"unusual database name {name!r}: create it yourself")
    server = {**parts, "dbname": "postgres"}
    connection = psycopg2.connect(**server)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if cursor.fetchone():
                return False
            cursor.execute(f'CREATE DATABASE "{name}"')
            return True
    finally:
        connection.close()


def drop_postgres_database(dsn: str) -> None:
    """Drop the database named in ``dsn`` (tests clean up with it)."""
    import psycopg2

    parts = _dsn_parts(dsn)
    name = parts["dbname"]
    connection = psycopg2.connect(**{**parts, "dbname": "postgres"})
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        connection.close()


def postgres_available(dsn: str) -> str | None:
    """None when PostgreSQL answers at ``dsn``'s server, else the reason."""
    try:
        import psycopg2
    except ImportError:
        return "psycopg2 is not installed"
    parts = _dsn_parts(dsn)
    try:
        psycopg2.connect(**{**parts, "dbname": "postgres"}, connect_timeout=3).close()
    except psycopg2.Error as error:
        return f"PostgreSQL is not reachable: {str(error).strip()}"
    return None


# -- processes -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(host: str, port: int, timeout: float, process=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection((host, port), 1):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing answers on {host}:{port} after {timeout} s")


def wait_for_http(url: str, timeout: float, process=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"instance exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers (401 or 404 is an answer)
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} does not answer after {timeout} s")


def start_zeo(conf: Path, address: str, log) -> subprocess.Popen:
    host, port = address.rsplit(":", 1)
    process = subprocess.Popen(
        [str(BIN / "runzeo"), "-C", str(conf)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_for_port(host, int(port), 30, process)
    return process


# One site creation at a time in this process: Zope compiles the missing
# .mo files of every package when it starts (zope_i18n_compile_mo_files),
# and two first starts on a fresh virtualenv write the same files at once.
_CREATING = threading.Lock()


def create_site(
    zope_conf: Path, demo: bool = True, env: dict | None = None, log=None
) -> None:
    """Create or update the site through one instance's configuration.

    With ``log`` (a path), its output goes there, and a failure raises with
    the end of it; without, it goes to the terminal.
    """
    with _CREATING:
        _create_site(zope_conf, demo, env, log)


def _create_site(zope_conf, demo, env, log):
    environment = {**os.environ, "SITE_DEMO": "1" if demo else "0", **(env or {})}
    script = ROOT / "scripts" / "create_site.py"
    command = [str(BIN / "zconsole"), "run", str(zope_conf), str(script)]
    if log is None:
        subprocess.run(command, check=True, env=environment)
        return
    with open(log, "ab") as output:
        done = subprocess.run(
            command, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    if done.returncode:
        tail = Path(log).read_text(errors="replace")[-3000:]
        raise RuntimeError(f"creating the site failed ({log}):\n{tail}")


def start_instance(ini: Path, log) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "runwsgi"), str(ini)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(processes) -> None:
    """Stop processes gently, then for good."""
    for process in processes:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for process in processes:
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class Cluster:
    """A database and ``count`` Zope instances serving it, started and stopped.

    ``storage`` is ``relstorage`` (``dsn`` names the PostgreSQL database),
    ``zeo`` (a ZEO server on ``zeo``, its FileStorage under ``var``) or, for
    comparison in the benchmarks, ``filestorage`` (one instance only).
    """

    def __init__(
        self,
        storage: str,
        var: Path,
        ports: list[int],
        dsn: str = instance_config.DEFAULT_DSN,
        zeo: str = instance_config.DEFAULT_ZEO,
        threads: int = 4,
        demo: bool = True,
        quiet: bool = False,
    ):
        if storage == "filestorage" and len(ports) != 1:
            raise ValueError("a FileStorage serves one instance only")
        self.storage = storage
        self.var = Path(var).resolve()
        self.ports = list(ports)
        self.dsn = dsn
        self.zeo = zeo
        self.threads = threads
        self.demo = demo
        # Quiet: the site's creation writes to var/log/create-site.out.
        self.quiet = quiet
        self.processes: list[subprocess.Popen] = []
        self.instances: list[Path] = []
        self.logs = []

    @property
    def urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.ports]

    def _log(self, name: str):
        (self.var / "log").mkdir(parents=True, exist_ok=True)
        log = open(self.var / "log" / f"{name}.out", "ab")  # noqa: SIM115
        self.logs.append(log)
        return log

    def configure(self) -> None:
        names = string.ascii_lowercase
        for number, port in enumerate(self.ports):
            path = self.var / "instances" / names[number]
            instance_config.write_instance(
                path,
                self.var,
                port=port,
                threads=self.threads,
                storage=self.storage,
                dsn=self.dsn,
                zeo=self.zeo,
            )
            self.instances.append(path)

    def start_database(self) -> None:
        if self.storage == "relstorage":
            if ensure_postgres_database(self.dsn):
                say(f"    created the PostgreSQL database ({self.dsn})")
        elif self.storage == "zeo":
            conf = instance_config.write_zeo_server(
                self.var / "zeo.conf", self.var, self.zeo
            )
            self.processes.append(start_zeo(conf, self.zeo, self._log("zeo")))
            say(f"    ZEO server on {self.zeo}")

    def start(self, site: bool = True, timeout: float = 120) -> None:
        self.configure()
        self.start_database()
        if site:
            log = None
            if self.quiet:
                (self.var / "log").mkdir(parents=True, exist_ok=True)
                log = self.var / "log" / "create-site.out"
            create_site(self.instances[0] / "etc" / "zope.conf", self.demo, log=log)
        started = []
        for path, url in zip(self.instances, self.urls, strict=True):
            process = start_instance(path / "etc" / "zope.ini", self._log(path.name))
            self.processes.append(process)
            started.append((process, url))
        for process, url in started:
            wait_for_http(url, timeout, process)

    def stop(self) -> None:
        # Instances first, the ZEO server last.
        stop(list(reversed(self.processes)))
        self.processes = []
        for log in self.logs:
            log.close()
        self.logs = []

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--storage", choices=("relstorage", "zeo"), required=True)
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--var", default=None)
    parser.add_argument(
        "--dsn",
        default=os.environ.get("OSPA_RELSTORAGE_DSN", instance_config.DEFAULT_DSN),
    )
    parser.add_argument(
        "--zeo", default=os.environ.get("OSPA_ZEO_ADDRESS", instance_config.DEFAULT_ZEO)
    )
    args = parser.parse_args(argv)
    if not 1 <= args.instances <= 26:
        parser.error("--instances must be between 1 and 26")
    var = Path(args.var) if args.var else ROOT / f"var-{args.storage}"
    cluster = Cluster(
        args.storage,
        var,
        [args.port + number for number in range(args.instances)],
        dsn=args.dsn,
        zeo=args.zeo,
        threads=args.threads,
        demo=os.environ.get("SITE_DEMO", "1") != "0",
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        cluster.start()
        for url in cluster.urls:
            say(f"==> Serving {url}/Plone (admin / admin)")
        say(f"    logs in {cluster.var / 'log'}; Ctrl+C stops every instance")
        while all(process.poll() is None for process in cluster.processes):
            time.sleep(1)
        say("    a process stopped: stopping the others")
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
