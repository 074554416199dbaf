"""Build a Plone site with ospa.social at a given size, for benchmarks.

    .venv/bin/python benchmarks/dataset.py --name stream-10k --posts 10000
    .venv/bin/python benchmarks/dataset.py --name stream-100k --posts 100000 \\
        --extend stream-10k
    .venv/bin/python benchmarks/dataset.py --name stream-10k --info

A dataset is a whole Zope instance under ``benchmarks/var/<name>/``
(gitignored): ``etc/`` (zope.conf and zope.ini, written by
scripts/instance.py), ``filestorage/Data.fs``, ``blobstorage/`` and
``dataset.json`` (the parameters, the counts, the build times, the users
to log in as). Built once, it is reused by every later run: a benchmark
serves or opens a scratch copy (:func:`scratch_copy`), so the dataset
itself never changes.

What is in it (every size is a parameter):

* ``--users`` employees (``user00001`` …, full names), 20 of them editors
  of the site pages, and the benchmark user ``bench`` (password
  :data:`PASSWORD`, as for everyone);
* ``--communities`` communities, 60 % open, 25 % closed, 15 % secret,
  each with 20-120 members; ``bench`` is a member of ``--member-of`` of
  them (half open, the rest closed and secret);
* ``--posts`` posts: 20 % in ``/stream``, the rest in the communities
  (some busier than others), each by a member; 20 % are replies to a
  recent post of the same place, 10 % of the others are questions (some
  answered), 40 % carry hashtags, 15 % mention colleagues;
* ``--pages`` Documents and News Items: 80 % published in ``/pages``
  (20 sections, by the editors), 20 % inside communities (by members);
  without their initial CMFEditions version unless ``--versions`` (it is
  a third of the time of a page and nothing the stream reads).

Posts are real posts: created with ``createContentInContainer`` as
:func:`ospa.social.stream.posts.create` does it, as their author, with every
event subscriber and the real catalog indexing. The one difference is the
date: posts are dated back, one every ``--interval`` seconds up to the
moment the dataset was first built (pages over the last ``--page-days``),
so the stream looks lived-in. ``--extend <name>`` copies another dataset
and adds *older* posts until there are ``--posts``: the newest items, and
so the first page of the stream, stay the same, and only the amount of
data grows. Objects are committed in batches (``--batch``); the storage is
packed at the end.

Other benchmarks use :func:`load` (the dataset.json), :func:`scratch_copy`,
:func:`serve` (waitress in a subprocess, as ``make serve``) and
:func:`open_site` (Zope in this process).
"""

from contextlib import contextmanager
from datetime import datetime
from datetime import UTC
from pathlib import Path
import argparse
import importlib.util
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request


HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VAR = HERE / "var"
# The scripts of the environment running this (runwsgi): the checkout's
# .venv with make, or another checkout's when a worktree borrows it.
BIN = Path(sys.executable).parent
SITE_ID = "Plone"
ADMIN = ("admin", "admin")
BENCH_USER = "bench"
PASSWORD = "benchmark-pw-1"
EDITORS = 20
SECTIONS = 20
STREAM_SHARE = 0.20
REPLY_SHARE = 0.20
QUESTION_SHARE = 0.10
ACCEPT_SHARE = 0.30
HASHTAG_SHARE = 0.40
MENTION_SHARE = 0.15
COMMUNITY_PAGE_SHARE = 0.20
NEWS_SHARE = 0.30
VISIBILITY_MIX = (("open", 0.60), ("closed", 0.25), ("secret", 0.15))
FORMAT = 1


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _words(
    "Anna Ben Clara David Eva Felix Greta Hannes Ida Jonas Karla Lukas Mia "
    "Noah Olga Paul Rosa Samuel Tilda Uwe Vera Wim Xenia Yusuf Zoe Amira "
    "Bernd Chiara Deniz Emil Fatma Georg Hanna Ilias Jana Kemal Lea Mats "
    "Nele Oskar"
)
LAST_NAMES = _words(
    "Albers Becker Conrad Demir Engel Fischer Graf Hoffmann Ilgner Jung "
    "Krause Lehmann Meyer Neumann Otto Peters Quandt Richter Schulz Tanaka "
    "Ullrich Vogel Wagner Yilmaz Zimmermann Brandt Kaiser Lorenz Novak "
    "Sommer"
)
WORDS = _words(
    "team release roadmap customer meeting budget review sprint design "
    "feedback deadline office lunch workshop training onboarding report "
    "numbers quarter launch server backup security policy travel holiday "
    "coffee printer update project plan idea question answer draft slides "
    "demo partner contract invoice hiring welcome farewell kudos thanks "
    "milestone migration network laptop heute morgen bitte danke "
    "Besprechung Bericht Kunde Termin Projekt Idee"
)
TOPICS = _words(
    "Vertrieb Marketing Entwicklung Betrieb Personal Einkauf Recht Finanzen "
    "Kantine Sport Fotografie Nachhaltigkeit Mobilität Sicherheit Design "
    "Daten Support Qualität Innovation Lernen Musik Laufen Garten Kochen "
    "Familie"
)


# -- where a dataset lives -------------------------------------------------


def directory(name: str) -> Path:
    return VAR / name


def load(name: str) -> dict:
    """The ``dataset.json`` of a built dataset (FileNotFoundError if none)."""
    if not (directory(name) / "dataset.json").exists():
        raise FileNotFoundError(
            f"dataset {name!r} is not built: run benchmarks/dataset.py --name {name}"
        )
    return load_dir(directory(name))


def load_dir(target: Path) -> dict:
    """The ``dataset.json`` in ``target`` (a dataset or a scratch copy)."""
    return json.loads((Path(target) / "dataset.json").read_text())


def _instance_module():
    spec = importlib.util.spec_from_file_location(
        "ospa_instance", ROOT / "scripts" / "instance.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# More options of scripts/instance.py for every configuration written, e.g.
# ``["--storage", "relstorage", "--dsn", dsn]`` (benchmarks/bench_scale.py).
CONFIG_OPTIONS: list[str] = []


def write_config(target: Path, port: int = 8080, threads: int = 4) -> Path:
    """zope.conf and zope.ini of ``target`` as scripts/instance.py writes
    them for ``make start``, with the data in ``target`` itself."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        _instance_module().main(
            [
                "--dir",
                str(target),
                "--var",
                str(target),
                "--port",
                str(port),
                "--threads",
                str(threads),
                *CONFIG_OPTIONS,
            ]
        )
    return target / "etc" / "zope.conf"


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def scratch_copy(name: str, suffix: str = "run") -> Path:
    """A throw-away copy of dataset ``name`` (``var/<name>.<suffix>``).

    Data.fs and its index are copied, blobs hard-linked (blob files are
    never changed in place). Benchmarks write into the copy only.
    """
    source = directory(name)
    load(name)
    target = VAR / f"{name}.{suffix}"
    if target.exists():
        shutil.rmtree(target)
    (target / "filestorage").mkdir(parents=True)
    for filename in ("Data.fs", "Data.fs.index"):
        if (source / "filestorage" / filename).exists():
            shutil.copy2(
                source / "filestorage" / filename, target / "filestorage" / filename
            )
    subprocess.run(
        ["cp", "-al", str(source / "blobstorage"), str(target / "blobstorage")],
        check=True,
    )
    shutil.copy2(source / "dataset.json", target / "dataset.json")
    write_config(target)
    return target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(target: Path, port: int | None = None, threads: int = 4):
    """Serve the instance in ``target`` with waitress (``runwsgi``, as
    ``make serve`` does) in a subprocess; yields the site URL."""
    port = port or free_port()
    write_config(target, port=port, threads=threads)
    with open(target / "log" / "server.log", "ab") as log:
        process = subprocess.Popen(
            [str(BIN / "runwsgi"), str(target / "etc" / "zope.ini")],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}/{SITE_ID}"
    try:
        deadline = time.monotonic() + 300
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"the server stopped (see {target / 'log' / 'server.log'})"
                )
            try:
                with urllib.request.urlopen(url + "/robots.txt", timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


_opened = {}


def open_site(target: Path):
    """Zope on the instance in ``target``, in this process (once per
    process: Zope configures itself globally). Returns the Plone site, with
    a request and the site set, as the system user."""
    if _opened:
        raise RuntimeError("Zope is open already in this process")
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.users import system
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite
    from zope.globalrequest import setRequest
    from Zope2.Startup.run import make_wsgi_app
    import Zope2

    conf = target / "etc" / "zope.conf"
    if not conf.exists():
        write_config(target)
    wsgi = make_wsgi_app({}, str(conf))
    app = makerequest(Zope2.app())
    app.REQUEST["PARENTS"] = [app]
    app.REQUEST.other["SERVER_URL"] = "http://localhost:8080"
    app.REQUEST["SERVER_URL"] = "http://localhost:8080"
    setRequest(app.REQUEST)
    newSecurityManager(None, system)
    _opened["app"] = app
    _opened["wsgi"] = wsgi
    portal = app.get(SITE_ID)
    if portal is not None:
        setSite(portal)
    return app, portal


def wsgi_app():
    """The WSGI application of the Zope :func:`open_site` opened: to publish
    requests in this process (under a profiler, say)."""
    return _opened["wsgi"]


def close_site():
    app = _opened.pop("app", None)
    _opened.pop("wsgi", None)
    if app is not None:
        import transaction

        transaction.abort()
        app._p_jar.db().close()


# -- progress --------------------------------------------------------------


class Progress:
    """A progress bar: tqdm when installed, else one line on stderr."""

    def __init__(self, total: int, label: str):
        self.total, self.label, self.done = total, label, 0
        self.start = self.shown = time.perf_counter()
        try:
            from tqdm import tqdm
        except ImportError:
            self.bar = None
        else:
            self.bar = tqdm(total=total, desc=label, unit="obj", smoothing=0.05)

    def update(self, count: int = 1):
        self.done += count
        if self.bar is not None:
            self.bar.update(count)
            return
        now = time.perf_counter()
        if now - self.shown >= 1 or self.done >= self.total:
            self.shown = now
            elapsed = now - self.start
            rate = self.done / elapsed if elapsed else 0.0
            left = (self.total - self.done) / rate if rate else 0.0
            width = 30
            filled = int(width * self.done / self.total) if self.total else width
            sys.stderr.write(
                f"\r  {self.label:<22} [{'#' * filled}{'.' * (width - filled)}] "
                f"{self.done}/{self.total} {rate:7.1f}/s "
                f"{_clock(elapsed)} elapsed, {_clock(left)} left "
            )
            sys.stderr.flush()

    def close(self) -> float:
        elapsed = time.perf_counter() - self.start
        if self.bar is not None:
            self.bar.close()
        else:
            self.shown = 0
            self.done = min(self.done, self.total)
            self.update(0)
            sys.stderr.write("\n")
        return elapsed


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60:d}:{seconds % 60:02d}"


def say(message: str):
    print(message, flush=True)


# -- building --------------------------------------------------------------


class Builder:
    """Fills one site; every step commits in batches of ``batch`` objects."""

    def __init__(self, app, portal, args, meta):
        from AccessControl.SecurityManagement import newSecurityManager

        self.app, self.portal, self.args, self.meta = app, portal, args, meta
        self.batch = args.batch
        self.pending = 0
        self._login = newSecurityManager
        self._users = {}

    # security contexts without a user look-up each time
    def act_as(self, userid: str):
        user = self._users.get(userid)
        if user is None:
            acl = self.portal.acl_users
            user = acl.getUserById(userid).__of__(acl)
            self._users[userid] = user
        self._login(self.app.REQUEST, user)

    def act_as_admin(self):
        acl = self.app.acl_users
        self._login(self.app.REQUEST, acl.getUserById(ADMIN[0]).__of__(acl))

    def done_one(self):
        self.pending += 1
        if self.pending >= self.batch:
            self.commit()

    def commit(self):
        import transaction

        transaction.commit()
        self.pending = 0
        # A new request each batch: its annotations (borg.localrole's and
        # plone.memoize's caches) would grow without end.
        annotations = getattr(self.app.REQUEST, "__annotations__", None)
        if annotations is not None:
            annotations.clear()
        self.app._p_jar.cacheGC()

    # -- the site ----------------------------------------------------------

    def create_site(self):
        from plone.base.utils import get_installer
        from plone.distribution.api import site as site_api
        from zope.component.hooks import setSite
        import transaction

        acl = self.app.acl_users
        if acl.getUserById(ADMIN[0]) is None:
            acl.userFolderAddUser(ADMIN[0], ADMIN[1], ["Manager"], [])
            # plone.distribution begins a new transaction: commit first.
            transaction.commit()
        self.act_as_admin()
        site = site_api.create(
            self.app,
            "classic",
            {
                "site_id": SITE_ID,
                "title": "Intranet",
                "description": "Benchmark intranet built by benchmarks/dataset.py",
                "default_language": "en",
                "portal_timezone": "Europe/Berlin",
                "setup_content": False,
            },
        )
        setSite(site)
        get_installer(site).install_product("ospa.social")
        transaction.commit()
        self.portal = site
        return site

    def create_users(self, rng):
        from plone import api

        self.act_as_admin()
        count = self.args.users
        userids = [f"user{number:05d}" for number in range(1, count + 1)]
        progress = Progress(count + 1, "users")
        for userid in [BENCH_USER, *userids]:
            if userid == BENCH_USER:
                fullname = "Benchmark Employee"
            else:
                fullname = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            api.user.create(
                email=f"{userid}@example.org",
                username=userid,
                password=PASSWORD,
                properties={"fullname": fullname},
            )
            progress.update()
            self.done_one()
        self.commit()
        self.meta["timings"]["users_seconds"] = round(progress.close(), 1)
        self.meta["users"] = userids
        return userids

    def create_communities(self, rng, userids):
        from ospa.social.communities import api as communities
        from plone import api

        count = self.args.communities
        visibilities = []
        for visibility, share in VISIBILITY_MIX:
            visibilities += [visibility] * round(count * share)
        visibilities = (visibilities + ["open"] * count)[:count]
        rng.shuffle(visibilities)
        # bench is in --member-of communities: half open, the rest closed and
        # secret (as many as there are).
        wanted = self.args.member_of
        by_visibility = {
            name: [i for i, found in enumerate(visibilities) if found == name]
            for name, _share in VISIBILITY_MIX
        }
        mine = by_visibility["open"][: wanted - wanted // 2]
        others = by_visibility["closed"] + by_visibility["secret"]
        rng.shuffle(others)
        mine += others[: wanted - len(mine)]
        mine += [i for i in range(count) if i not in mine][: wanted - len(mine)]
        mine = set(mine)

        progress = Progress(count, "communities")
        made = []
        folder = self.portal["communities"]
        for number, visibility in enumerate(visibilities):
            owner = rng.choice(userids)
            self.act_as(owner)
            topic = TOPICS[number % len(TOPICS)]
            community = api.content.create(
                folder,
                "Community",
                id=f"community-{number + 1:02d}",
                title=f"{topic} {number + 1:02d}",
                description=f"Everything about {topic.lower()}.",
                visibility=visibility,
                join_policy="open" if visibility == "open" else "request",
            )
            self.act_as_admin()
            roster = {owner}
            for userid in rng.sample(userids, min(len(userids), rng.randint(20, 120))):
                if userid not in roster:
                    communities.add(community, userid, "member")
                    roster.add(userid)
            if number in mine:
                communities.add(community, BENCH_USER, "member")
                roster.add(BENCH_USER)
            made.append(
                {
                    "id": community.getId(),
                    "uid": community.UID(),
                    "path": "/".join(community.getPhysicalPath()),
                    "visibility": visibility,
                    "members": len(roster),
                    "bench_is_member": number in mine,
                }
            )
            self.commit()
            progress.update()
        self.meta["timings"]["communities_seconds"] = round(progress.close(), 1)
        self.meta["communities"] = made
        return made

    def create_pages(self, rng, userids, made):
        from DateTime import DateTime
        from ospa.social.communities import api as communities
        from plone import api
        from plone.app.textfield.value import RichTextValue
        from plone.dexterity.utils import createContentInContainer

        self.act_as_admin()
        self._users.clear()  # their groups change now
        editors = rng.sample(userids, min(EDITORS, len(userids)))
        group = api.group.create(groupname="editors", title="Site editors")
        for userid in editors:
            api.group.add_user(groupname="editors", username=userid)
        root = api.content.create(self.portal, "Folder", id="pages", title="Pages")
        root.manage_setLocalRoles(group.getId(), ["Contributor", "Editor", "Reviewer"])
        workflow = api.portal.get_tool("portal_workflow")
        workflow.doActionFor(root, "publish")
        sections = []
        for number in range(SECTIONS):
            section = api.content.create(
                root,
                "Folder",
                id=f"section-{number + 1:02d}",
                title=f"{TOPICS[number % len(TOPICS)]} pages",
            )
            workflow.doActionFor(section, "publish")
            sections.append(section)
        self.commit()

        self._users.clear()
        folder = self.portal["communities"]
        places = [folder[entry["id"]] for entry in made]
        rosters = [list(communities.roster(c).roles.keys()) for c in places]
        end = self.meta["end_ts"]
        span = self.args.page_days * 86400
        count = self.args.pages
        if not self.args.versions:
            _no_initial_versions()
        progress = Progress(count, "pages")
        for number in range(count):
            portal_type = "News Item" if rng.random() < NEWS_SHARE else "Document"
            when = DateTime(end - rng.random() * span)
            if rng.random() < COMMUNITY_PAGE_SHARE and places:
                index = rng.randrange(len(places))
                container, author = places[index], rng.choice(rosters[index])
                publish = False
            else:
                container, author = rng.choice(sections), rng.choice(editors)
                publish = True
            self.act_as(author)
            words = " ".join(rng.choices(WORDS, k=rng.randint(30, 120)))
            item = createContentInContainer(
                container,
                portal_type,
                checkConstraints=True,
                id=f"page-{number + 1:06d}",
                title=" ".join(rng.choices(WORDS, k=rng.randint(2, 6))).capitalize(),
                description=" ".join(rng.choices(WORDS, k=12)),
                text=RichTextValue(f"<p>{words}</p>", "text/html", "text/x-html-safe"),
                subject=tuple(rng.sample(TOPICS, rng.randint(0, 2))),
                creation_date=when,
                modification_date=when,
                effective_date=when,
            )
            if publish:
                workflow.doActionFor(item, "publish")
            # Adding and publishing set the modification date to now.
            item.modification_date = when
            item.reindexObject(idxs=["modified", "stream_ts"])
            progress.update()
            self.done_one()
        self.commit()
        self.meta["timings"]["pages_seconds"] = round(progress.close(), 1)
        self.meta["counts"]["pages"] = count

    def create_posts(self, rng, made, first_rank, last_rank):
        """Posts of age ranks ``[first_rank, last_rank)`` (0 is the newest),
        oldest first."""
        from DateTime import DateTime
        from ospa.social.communities import api as communities
        from ospa.social.stream import posts
        from plone.dexterity.utils import createContentInContainer

        self._users.clear()  # fetched again, with all their groups
        folder = self.portal["communities"]
        stream = self.portal[posts.STREAM_FOLDER]
        places = [folder[entry["id"]] for entry in made]
        rosters = [list(communities.roster(c).roles.keys()) for c in places]
        everyone = [BENCH_USER, *self.meta["users"]]
        # Some people post far more than others (Zipf-like, as in any
        # community): the author paths then have authors with full pages.
        activity = [1 / (rank + 1) ** 0.8 for rank in range(len(everyone))]
        rng.shuffle(activity)
        activity = dict(zip(everyone, activity, strict=True))

        def cumulative(roster):
            total, found = 0.0, []
            for userid in roster:
                total += activity.get(userid, 1.0)
                found.append(total)
            return found

        author_weights = [cumulative(roster) for roster in rosters]
        everyone_weights = cumulative(everyone)
        # Some communities are busier than others (Zipf-like weights).
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(places))]
        rng.shuffle(weights)
        tags = [f"{rng.choice(TOPICS).lower()}{n}" for n in range(300)]
        tag_weights = [1 / (rank + 1) for rank in range(len(tags))]
        recent = {}  # container path -> recent top-level posts
        end, interval = self.meta["end_ts"], self.meta["interval"]
        count = last_rank - first_rank
        progress = Progress(count, "posts")
        made_posts = replies = questions = accepted = 0
        for rank in range(last_rank - 1, first_rank - 1, -1):
            when = DateTime(end - rank * interval - rng.random() * interval * 0.9)
            if rng.random() < STREAM_SHARE or not places:
                container, roster, cum = stream, everyone, everyone_weights
            else:
                index = rng.choices(range(len(places)), weights)[0]
                container, roster = places[index], rosters[index]
                cum = author_weights[index]
            key = id(container)
            earlier = recent.setdefault(key, [])
            parent = None
            if earlier and rng.random() < REPLY_SHARE:
                parent = rng.choice(earlier[-30:])
            author = rng.choices(roster, cum_weights=cum)[0]
            words = rng.choices(WORDS, k=rng.randint(6, 40))
            if rng.random() < HASHTAG_SHARE:
                for tag in rng.choices(tags, tag_weights, k=rng.randint(1, 3)):
                    words.insert(rng.randrange(len(words) + 1), f"#{tag}")
            if rng.random() < MENTION_SHARE:
                for userid in rng.sample(roster, min(len(roster), rng.randint(1, 2))):
                    words.insert(rng.randrange(len(words) + 1), f"@{userid}")
            question = parent is None and rng.random() < QUESTION_SHARE
            text = " ".join(words).capitalize() + ("?" if question else ".")
            self.act_as(author)
            # What posts.create does, with the date of the dataset's timeline.
            post = createContentInContainer(
                container,
                posts.POST_TYPE,
                checkConstraints=True,
                text=text,
                question=question,
                in_reply_to=parent.UID() if parent is not None else None,
                about=None,
                attachment=None,
                creation_date=when,
                modification_date=when,
            )
            made_posts += 1
            if parent is None:
                earlier.append(post)
                del earlier[:-60]
                questions += question
            else:
                replies += 1
                answers = parent.question and not parent.accepted_answer
                if answers and rng.random() < ACCEPT_SHARE:
                    self.act_as(parent.listCreators()[0])
                    posts.accept(parent, post.UID())
                    accepted += 1
            progress.update()
            self.done_one()
        self.commit()
        seconds = progress.close()
        counts = self.meta["counts"]
        counts["posts"] = counts.get("posts", 0) + made_posts
        counts["replies"] = counts.get("replies", 0) + replies
        counts["questions"] = counts.get("questions", 0) + questions
        counts["accepted_answers"] = counts.get("accepted_answers", 0) + accepted
        return seconds, made_posts


def _no_initial_versions():
    """Pages get no initial CMFEditions version while this process builds
    (a third of the time of a page, and nothing the stream reads). Only
    this process is patched; the site's versioning settings are unchanged."""
    from Products.CMFEditions.CopyModifyMergeRepositoryTool import (
        CopyModifyMergeRepositoryTool,
    )

    CopyModifyMergeRepositoryTool.isVersionable = lambda self, obj: False


def _pack(app, target: Path):
    start = time.perf_counter()
    app._p_jar.db().pack()
    # The packed-away history is of no use to a benchmark.
    (target / "filestorage" / "Data.fs.old").unlink(missing_ok=True)
    return round(time.perf_counter() - start, 1)


def build(args):
    target = directory(args.name)
    if (target / "dataset.json").exists() and not args.force:
        say(f"{target} exists: reusing it (--force rebuilds it)")
        return load(args.name)
    if target.exists():
        shutil.rmtree(target)
    started = time.perf_counter()
    rng = random.Random(args.seed)
    if args.extend:
        base = load(args.extend)
        say(f"==> Copying dataset {args.extend} into {target}")
        copy = scratch_copy(args.extend, suffix="tmp")
        copy.rename(target)
        write_config(target)
        meta = dict(base)
        meta["extended_from"] = args.extend
        meta["timings"] = {
            f"{args.extend}:{key}": value for key, value in base["timings"].items()
        }
        meta["counts"] = dict(base["counts"])
        meta["parameters"] = {**base["parameters"], "posts": args.posts}
        if args.posts <= base["counts"]["posts"]:
            raise SystemExit(f"{args.extend} has {args.posts} posts or more already")
        rng = random.Random(args.seed + base["counts"]["posts"])
    else:
        meta = {
            "format": FORMAT,
            "name": args.name,
            "site": SITE_ID,
            "admin": list(ADMIN),
            "bench_user": [BENCH_USER, PASSWORD],
            "end_ts": int(time.time()) - 3600,
            "interval": args.interval,
            "parameters": {
                "users": args.users,
                "communities": args.communities,
                "member_of": args.member_of,
                "posts": args.posts,
                "pages": args.pages,
                "interval": args.interval,
                "page_days": args.page_days,
                "batch": args.batch,
                "seed": args.seed,
                "initial_versions": args.versions,
            },
            "timings": {},
            "counts": {},
        }
        write_config(target)
    meta["name"] = args.name
    meta["timings"]["batch"] = args.batch
    app, portal = open_site(target)
    try:
        builder = Builder(app, portal, args, meta)
        if args.extend:
            existing = meta["counts"]["posts"]
            say(f"==> {args.posts - existing} older posts (ranks {existing}…)")
            seconds, made = builder.create_posts(
                rng, meta["communities"], existing, args.posts
            )
        else:
            say(f"==> Site {SITE_ID} with ospa.social")
            step = time.perf_counter()
            builder.create_site()
            meta["timings"]["site_seconds"] = round(time.perf_counter() - step, 1)
            say(
                f"==> {args.users} users, {args.communities} communities, "
                f"{args.pages} pages, {args.posts} posts"
            )
            userids = builder.create_users(rng)
            made = builder.create_communities(rng, userids)
            builder.create_pages(rng, userids, made)
            seconds, made = builder.create_posts(rng, made, 0, args.posts)
        meta["timings"]["posts_seconds"] = round(seconds, 1)
        meta["timings"]["posts_per_second"] = round(made / seconds, 1)
        say("==> Packing the storage")
        meta["timings"]["pack_seconds"] = _pack(app, target)
        catalog = builder.portal.portal_catalog
        meta["counts"]["catalog_objects"] = len(catalog)
        meta["counts"]["in_stream"] = len(
            catalog.unrestrictedSearchResults(in_stream=True)
        )
    finally:
        close_site()
    meta["timings"]["total_seconds"] = round(time.perf_counter() - started, 1)
    meta["sizes"] = {
        "data_fs_bytes": size_of(target / "filestorage" / "Data.fs"),
        "blobstorage_bytes": size_of(target / "blobstorage"),
    }
    meta["built_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    (target / "dataset.json").write_text(json.dumps(meta, indent=2) + "\n")
    say(f"==> {target}: {describe(meta)}")
    return meta


def describe(meta: dict) -> str:
    counts, timings = meta["counts"], meta["timings"]
    return (
        f"{counts.get('posts', 0)} posts ({counts.get('replies', 0)} replies), "
        f"{counts.get('pages', 0)} pages, {len(meta['communities'])} communities, "
        f"{len(meta['users']) + 1} users; Data.fs "
        f"{meta['sizes']['data_fs_bytes'] / 2**20:.0f} MB; built in "
        f"{timings['total_seconds'] / 60:.1f} min "
        f"({timings.get('posts_per_second')} posts/s)"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--name", required=True, help="benchmarks/var/<name>")
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--communities", type=int, default=50)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=1_000)
    parser.add_argument(
        "--member-of", type=int, default=10, help="communities bench is a member of"
    )
    parser.add_argument(
        "--interval", type=int, default=300, help="seconds between two posts"
    )
    parser.add_argument(
        "--page-days", type=int, default=365, help="pages changed in these days"
    )
    parser.add_argument("--batch", type=int, default=500, help="objects per commit")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--versions",
        action="store_true",
        help="give pages their initial CMFEditions version (slower)",
    )
    parser.add_argument(
        "--extend", metavar="NAME", help="copy dataset NAME and add older posts"
    )
    parser.add_argument("--force", action="store_true", help="build again")
    parser.add_argument(
        "--info", action="store_true", help="print what the dataset holds"
    )
    args = parser.parse_args(argv)
    if args.info:
        meta = load(args.name)
        print(describe(meta))
        print(json.dumps(meta["timings"], indent=2))
        return
    os.environ.setdefault("zope_i18n_compile_mo_files", "true")
    build(args)


if __name__ == "__main__":
    main()
