"""Write the Zope instance configuration used by ``make start``.

    python scripts/instance.py [--dir instance] [--host 127.0.0.1] [--port 8080]
        [--storage filestorage|relstorage|zeo] [--dsn DSN] [--zeo HOST:PORT]

Writes ``<dir>/etc/zope.conf``, ``<dir>/etc/zope.ini`` (waitress) and
``<dir>/etc/site.zcml``. The storage is a FileStorage with blobs under
``var/`` (the default, one process), RelStorage on PostgreSQL (history
free, each instance with its own blob cache) or a ZEO client (each instance
with its own client and blob cache). Existing data is never touched:
running it again only rewrites the config. ``scripts/cluster.py`` uses it
for several instances on one database.
"""

from pathlib import Path
import argparse
import os


DEFAULT_DSN = "dbname='ospa' user='postgres' host='127.0.0.1' port='5432'"
DEFAULT_ZEO = "127.0.0.1:8100"


ROOT = Path(__file__).resolve().parent.parent

ZOPE_CONF = """\
# Written by scripts/instance.py; changes are overwritten by `make start`.
%define INSTANCE {instance}
%define VAR {var}
instancehome $INSTANCE
clienthome $VAR

debug-mode {debug}
# Many people like, support and post at the same moment: a transaction that
# meets a write conflict is retried up to this often before it fails.
max-conflict-retries {retries}
verbose-security off
default-zpublisher-encoding utf-8
http-realm Plone
zmi-bookmarkable-urls on

<environment>
    CHAMELEON_CACHE $VAR/cache
    zope_i18n_compile_mo_files true
</environment>

<dos_protection>
    form-memory-limit 20MB
</dos_protection>

{database}
"""

FILESTORAGE = """\
<zodb_db main>
    <filestorage>
        path $VAR/filestorage/Data.fs
        blob-dir $VAR/blobstorage
    </filestorage>
    mount-point /
    cache-size 50000
</zodb_db>"""

# History-free RelStorage: no pack of old revisions needed, smaller tables.
# Each instance keeps its own blob cache (shared-blob-dir false), so the
# instances need no shared file system.
RELSTORAGE = """\
%import relstorage
<zodb_db main>
    mount-point /
    cache-size 50000
    <relstorage>
        keep-history false
        blob-dir $VAR/blobcache-{name}
        shared-blob-dir false
        blob-cache-size 512mb
        cache-local-mb 256
        commit-lock-timeout 30
        <postgresql>
            dsn {dsn}
        </postgresql>
    </relstorage>
</zodb_db>"""

ZEOCLIENT = """\
%import ZEO
<zodb_db main>
    mount-point /
    cache-size 50000
    <clientstorage>
        server {zeo}
        storage 1
        name {name}
        blob-dir $VAR/blobcache-{name}
        shared-blob-dir off
        blob-cache-size 512MB
        cache-size 256MB
        # Wait for pending invalidations when a transaction begins, so that
        # a request sees what the same person just did on another instance.
        server-sync on
    </clientstorage>
</zodb_db>"""

ZEO_SERVER = """\
# Written by scripts/instance.py: the ZEO server of `make start-zeo`.
<zeo>
    address {zeo}
</zeo>

<filestorage 1>
    path {var}/zeo/Data.fs
    blob-dir {var}/zeo/blobs
</filestorage>

<eventlog>
    <logfile>
        path {var}/log/zeo.log
    </logfile>
</eventlog>
"""

ZOPE_INI = """\
# Written by scripts/instance.py; changes are overwritten by `make start`.
[app:zope]
use = egg:Zope#main
zope_conf = %(here)s/zope.conf

[server:main]
use = egg:waitress#main
host = {host}
port = {port}
threads = {threads}
max_request_body_size = 1073741824

[filter:translogger]
use = egg:Paste#translogger
setup_console_handler = False

[pipeline:main]
pipeline =
    egg:Zope#httpexceptions
    translogger
    zope

[loggers]
keys = root, plone, waitress.queue, waitress, wsgi

[handlers]
keys = console, accesslog, eventlog

[formatters]
keys = generic, message

[formatter_generic]
format = %(asctime)s %(levelname)-7.7s [%(name)s:%(lineno)s][%(threadName)s] %(message)s

[formatter_message]
format = %(message)s

[logger_root]
level = INFO
handlers = console, eventlog

[logger_plone]
level = INFO
handlers = eventlog
qualname = plone

[logger_waitress.queue]
level = INFO
handlers = eventlog
qualname = waitress.queue
propagate = 0

[logger_waitress]
level = INFO
handlers = eventlog
qualname = waitress

[logger_wsgi]
level = WARN
handlers = accesslog
qualname = wsgi
propagate = 0

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[handler_accesslog]
class = FileHandler
args = ('{var}/log/access.log', 'a')
level = INFO
formatter = message

[handler_eventlog]
class = FileHandler
args = ('{var}/log/event.log', 'a')
level = INFO
formatter = generic
"""

SITE_ZCML = """\
<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:five="http://namespaces.zope.org/five"
    >
  <!-- Written by scripts/instance.py. Plone and ospa.social are loaded
       through the Products and plone.autoinclude entry points. -->
  <include package="Zope2.App" />
  <five:loadProducts file="meta.zcml" />
  <five:loadProducts />
  <five:loadProductsOverrides />
</configure>
"""


def write(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, creating folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def database(storage: str, name: str, dsn: str, zeo: str) -> str:
    """The ``<zodb_db main>`` section for ``storage``."""
    if storage == "filestorage":
        return FILESTORAGE
    if storage == "relstorage":
        return RELSTORAGE.format(name=name, dsn=dsn)
    if storage == "zeo":
        return ZEOCLIENT.format(name=name, zeo=zeo)
    raise ValueError(f"unknown storage {storage!r}")


def write_instance(
    instance: Path,
    var: Path,
    host: str = "127.0.0.1",
    port: int = 8080,
    threads: int = 4,
    debug: bool = False,
    storage: str = "filestorage",
    dsn: str = DEFAULT_DSN,
    zeo: str = DEFAULT_ZEO,
    retries: int = 10,
) -> Path:
    """Write one instance's configuration; return its ``zope.ini``."""
    for sub in ("filestorage", "blobstorage", "cache", "log"):
        (var / sub).mkdir(parents=True, exist_ok=True)
    values = {
        "instance": instance,
        "var": var,
        "host": host,
        "port": port,
        "threads": threads,
        "debug": "on" if debug else "off",
        "retries": retries,
        "database": database(storage, instance.name, dsn, zeo),
    }
    write(instance / "etc" / "zope.conf", ZOPE_CONF.format(**values))
    # The access and event logs of several instances stay apart.
    ini = ZOPE_INI.format(**values)
    if instance.name != "instance":
        ini = ini.replace("/log/access.log", f"/log/access-{instance.name}.log")
        ini = ini.replace("/log/event.log", f"/log/event-{instance.name}.log")
    write(instance / "etc" / "zope.ini", ini)
    write(instance / "etc" / "site.zcml", SITE_ZCML)
    return instance / "etc" / "zope.ini"


def write_zeo_server(path: Path, var: Path, zeo: str = DEFAULT_ZEO) -> Path:
    """Write the ZEO server's configuration (its FileStorage under var/zeo)."""
    (var / "zeo").mkdir(parents=True, exist_ok=True)
    (var / "log").mkdir(parents=True, exist_ok=True)
    write(path, ZEO_SERVER.format(zeo=zeo, var=var))
    return path


def main(argv=None) -> None:
    """Parse arguments and write the instance files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=str(ROOT / "instance"))
    parser.add_argument("--var", default=None, help="data folder (default: var/)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--debug", action="store_true")
    parser.add_argument(
        "--storage",
        choices=("filestorage", "relstorage", "zeo"),
        default="filestorage",
    )
    parser.add_argument(
        "--dsn",
        default=os.environ.get("OSPA_RELSTORAGE_DSN", DEFAULT_DSN),
        help="PostgreSQL DSN for RelStorage (env OSPA_RELSTORAGE_DSN)",
    )
    parser.add_argument(
        "--zeo",
        default=os.environ.get("OSPA_ZEO_ADDRESS", DEFAULT_ZEO),
        help="ZEO server address (env OSPA_ZEO_ADDRESS)",
    )
    args = parser.parse_args(argv)

    instance = Path(args.dir).resolve()
    var = Path(args.var).resolve() if args.var else ROOT / "var"
    write_instance(
        instance,
        var,
        host=args.host,
        port=args.port,
        threads=args.threads,
        debug=args.debug,
        storage=args.storage,
        dsn=args.dsn,
        zeo=args.zeo,
    )
    print(f"    {instance}/etc: zope.conf, zope.ini (http://{args.host}:{args.port})")


if __name__ == "__main__":
    main()
