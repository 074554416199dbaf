"""Write the Zope instance configuration used by ``make start``.

    python scripts/instance.py [--dir instance] [--host 127.0.0.1] [--port 8080]

Writes ``<dir>/etc/zope.conf`` (ZODB FileStorage and blobs under ``var/``),
``<dir>/etc/zope.ini`` (waitress) and ``<dir>/etc/site.zcml``. Existing data
under ``var/`` is never touched: running it again only rewrites the config.
"""

from pathlib import Path
import argparse


ROOT = Path(__file__).resolve().parent.parent

ZOPE_CONF = """\
# Written by scripts/instance.py; changes are overwritten by `make start`.
%define INSTANCE {instance}
%define VAR {var}
instancehome $INSTANCE
clienthome $VAR

debug-mode {debug}
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

<zodb_db main>
    <filestorage>
        path $VAR/filestorage/Data.fs
        blob-dir $VAR/blobstorage
    </filestorage>
    mount-point /
    cache-size 50000
</zodb_db>
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


def main(argv=None) -> None:
    """Parse arguments and write the instance files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=str(ROOT / "instance"))
    parser.add_argument("--var", default=None, help="data folder (default: var/)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args(argv)

    instance = Path(args.dir).resolve()
    var = Path(args.var).resolve() if args.var else ROOT / "var"
    for sub in ("filestorage", "blobstorage", "cache", "log"):
        (var / sub).mkdir(parents=True, exist_ok=True)
    values = {
        "instance": instance,
        "var": var,
        "host": args.host,
        "port": args.port,
        "threads": args.threads,
        "debug": "on" if args.debug else "off",
    }
    write(instance / "etc" / "zope.conf", ZOPE_CONF.format(**values))
    write(instance / "etc" / "zope.ini", ZOPE_INI.format(**values))
    write(instance / "etc" / "site.zcml", SITE_ZCML)
    print(f"    {instance}/etc: zope.conf, zope.ini (http://{args.host}:{args.port})")


if __name__ == "__main__":
    main()
