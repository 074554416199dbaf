"""Social actions and throughput on FileStorage, RelStorage and ZEO.

    .venv/bin/python benchmarks/bench_cluster.py [--configs fs:1 rs:1 rs:2 zeo:2]
        [--requests 100] [--clients 16] [--seconds 20]

Each configuration is a fresh site without demo content, served by real
Zope processes (``scripts/cluster.py``, the code of ``make start`` /
``start-relstorage`` / ``start-zeo``): ``fs:1`` one instance on a
FileStorage, ``rs:N`` N instances on RelStorage/PostgreSQL (a scratch
database ``ospa_bench``), ``zeo:N`` N instances on one ZEO server. The
site gets ``USERS`` employees, one open community they all belong to with
``POSTS`` posts, and an idea box with ``IDEAS`` submitted ideas.

1. Latency, one client at a time, on the first instance (``--requests``
   each, after a warm-up): the first stream page (``GET /@stream?size=20``),
   creating a post in the community (``POST``, commit included), liking and
   unliking a post, supporting an idea and withdrawing the support, joining
   and leaving the community. p50/p95.
2. Throughput: ``--clients`` threads, each a different employee, for
   ``--seconds``, spread round-robin over the instances, a mix of 60 %
   stream pages, 10 % posts, 10 % like/unlike, 10 % support/withdraw and
   10 % join/leave: requests per second, p50/p95 of all requests, failed
   requests, and the conflicts Zope retried (counted in the event logs).

Results: benchmarks/results/cluster.json. Needs PostgreSQL for ``rs``
configurations (OSPA_BENCH_PG_DSN, default the local server as postgres).
"""

from concurrent.futures import ThreadPoolExecutor
from measure import record
from measure import summarise
from pathlib import Path
import argparse
import importlib.util
import itertools
import os
import random
import requests
import shutil
import threading
import time


HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VAR = HERE / "var"
PG_SERVER = os.environ.get(
    "OSPA_BENCH_PG_DSN", "user='postgres' host='127.0.0.1' port='5432'"
)
USERS = 40
POSTS = 200
IDEAS = 20
PASSWORD = "secret12345"
HEADERS = {"Accept": "application/json", "Content-Type": "application/json"}
TEAM = "communities/team"
MIX = ["stream"] * 6 + ["post"] * 1 + ["like"] * 1 + ["support"] * 1 + ["join"] * 1


def _cluster_module():
    spec = importlib.util.spec_from_file_location(
        "ospa_cluster", ROOT / "scripts" / "cluster.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cluster = _cluster_module()


def say(message):
    print(message, flush=True)


class Client:
    def __init__(self, urls, user):
        self.urls = urls
        self.user = user
        self.session = requests.Session()
        self.session.auth = (user, "admin" if user == "admin" else PASSWORD)
        self.session.headers.update(HEADERS)
        self.turn = itertools.count()

    def url(self, path, instance=None):
        number = next(self.turn) if instance is None else instance
        base = f"{self.urls[number % len(self.urls)]}/Plone"
        return f"{base}/{path}" if path else base

    def call(self, method, path, instance=None, **kwargs):
        response = self.session.request(
            method, self.url(path, instance), timeout=120, **kwargs
        )
        if response.status_code >= 400:
            raise RuntimeError(
                f"{method} {path}: {response.status_code} {response.text[:300]}"
            )
        return response


def prepare(urls) -> dict:
    """Employees, the community with posts, the idea box with ideas."""
    admin = Client(urls, "admin")
    users = [f"emp{number:03d}" for number in range(USERS)]
    for userid in users:
        admin.call(
            "POST",
            "@users",
            0,
            json={
                "username": userid,
                "email": f"{userid}@example.org",
                "password": PASSWORD,
                "fullname": f"Employee {userid}",
            },
        )
    admin.call(
        "POST",
        "communities",
        0,
        json={
            "@type": "Community",
            "id": "team",
            "title": "Team",
            "visibility": "open",
            "join_policy": "open",
        },
    )
    for userid in users:
        Client(urls, userid).call("POST", f"{TEAM}/@members", 0, json={})
    posts = []
    for number in range(POSTS):
        author = Client(urls, users[number % USERS])
        body = {"@type": "Post", "text": f"Post {number} #bench"}
        posts.append(author.call("POST", TEAM, 0, json=body).json()["@id"])
    admin.call(
        "POST", "", 0, json={"@type": "Idea Box", "id": "ideas", "title": "Ideas"}
    )
    ideas = []
    for number in range(IDEAS):
        author = Client(urls, users[number % USERS])
        idea = author.call(
            "POST",
            "ideas",
            0,
            json={
                "@type": "Idea",
                "title": f"Idea {number}",
                "problem": "A problem.",
                "proposal": {"data": "<p>A proposal.</p>", "content-type": "text/html"},
            },
        ).json()["@id"]
        author.call("POST", f"{_path(idea)}/@workflow/submit", 0, json={})
        ideas.append((idea, users[number % USERS]))
    return {"users": users, "posts": posts, "ideas": ideas}


def _path(url):
    return url.split("/Plone/", 1)[1]


def latency(urls, world, repeat) -> dict:
    user = world["users"][1]
    client = Client(urls, user)
    post = _path(world["posts"][-1])
    idea = next(_path(url) for url, author in world["ideas"] if author != user)
    figures = {}

    def measure(name, action):
        for _ in range(5):
            action()
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            action()
            samples.append((time.perf_counter() - start) * 1000)
        figures[name] = summarise(samples)
        say(f"    {name}: p50 {figures[name]['p50_ms']} ms")

    measure("stream", lambda: client.call("GET", "@stream?size=20", 0))
    counter = itertools.count()
    measure(
        "post",
        lambda: client.call(
            "POST", TEAM, 0, json={"@type": "Post", "text": f"New {next(counter)}"}
        ),
    )
    liked = itertools.cycle(["POST", "DELETE"])
    measure("like_or_unlike", lambda: client.call(next(liked), f"{post}/@likes", 0))
    supported = itertools.cycle(["POST", "DELETE"])
    measure(
        "support_or_withdraw",
        lambda: client.call(next(supported), f"{idea}/@supports", 0),
    )
    joined = itertools.cycle(["DELETE", "POST"])

    def join_or_leave():
        method = next(joined)
        path = f"{TEAM}/@members/{user}" if method == "DELETE" else f"{TEAM}/@members"
        client.call(method, path, 0, json={} if method == "POST" else None)

    measure("join_or_leave", join_or_leave)
    return figures


def throughput(urls, world, clients, seconds) -> dict:
    # Not the latency phase's employee (users[1]), whose likes, supports and
    # membership that phase left in some state: each client here knows its own.
    users = world["users"][2 : 2 + max(clients, 1)]
    post = _path(world["posts"][0])
    stop_at = time.monotonic() + seconds
    lock = threading.Lock()
    samples, failures = [], []

    def run(number):
        user = users[number % len(users)]
        client = Client(urls, user)
        client.turn = itertools.count(number)
        randomness = random.Random(number)
        idea = next(_path(url) for url, author in world["ideas"] if author != user)
        state = {"like": False, "support": False, "member": True}
        count = itertools.count()
        while time.monotonic() < stop_at:
            kind = randomness.choice(MIX)
            if kind == "post" and not state["member"]:
                kind = "join"  # only members post into the community
            start = time.perf_counter()
            try:
                if kind == "stream":
                    client.call("GET", "@stream?size=20")
                elif kind == "post":
                    text = f"{user} {next(count)}"
                    client.call("POST", TEAM, json={"@type": "Post", "text": text})
                elif kind == "like":
                    method = "DELETE" if state["like"] else "POST"
                    client.call(method, f"{post}/@likes")
                    state["like"] = not state["like"]
                elif kind == "support":
                    method = "DELETE" if state["support"] else "POST"
                    client.call(method, f"{idea}/@supports")
                    state["support"] = not state["support"]
                else:
                    if state["member"]:
                        client.call("DELETE", f"{TEAM}/@members/{user}")
                    else:
                        client.call("POST", f"{TEAM}/@members", json={})
                    state["member"] = not state["member"]
            except RuntimeError as error:
                with lock:
                    failures.append(str(error)[:200])
                continue
            with lock:
                samples.append((time.perf_counter() - start) * 1000)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(run, range(clients)))
    elapsed = time.monotonic() - started
    figures = summarise(samples) if samples else {}
    figures["requests_per_second"] = round(len(samples) / elapsed, 1)
    figures["failed"] = len(failures)
    figures["failures"] = failures[:5]
    figures["clients"] = clients
    figures["seconds"] = round(elapsed, 1)
    return figures


def conflicts(var: Path) -> int:
    found = 0
    for log in (var / "log").glob("event*.log"):
        found += sum(
            1 for line in log.open(errors="replace") if "ConflictError" in line
        )
    return found


def run_config(name, storage, count, args) -> dict:
    var = VAR / f"cluster-{name}"
    shutil.rmtree(var, ignore_errors=True)
    options = {}
    if storage == "relstorage":
        options["dsn"] = f"dbname='ospa_bench' {PG_SERVER}"
        cluster.drop_postgres_database(options["dsn"])
    elif storage == "zeo":
        options["zeo"] = f"127.0.0.1:{cluster.free_port()}"
    ports = [cluster.free_port() for _ in range(count)]
    running = cluster.Cluster(storage, var, ports, threads=4, demo=False, **options)
    say(f"==> {name}: {count} instance(s) on {storage}")
    started = time.monotonic()
    running.start(timeout=300)
    try:
        say(f"    ready in {time.monotonic() - started:.0f} s; preparing the data")
        world = prepare(running.urls)
        figures = {"storage": storage, "instances": count}
        figures["latency"] = latency(running.urls, world, args.requests)
        before = conflicts(var)
        figures["throughput"] = throughput(
            running.urls, world, args.clients, args.seconds
        )
        figures["throughput"]["conflicts_retried"] = conflicts(var) - before
        say(
            f"    throughput: {figures['throughput']['requests_per_second']} req/s, "
            f"p95 {figures['throughput'].get('p95_ms')} ms, "
            f"{figures['throughput']['failed']} failed"
        )
        return figures
    finally:
        running.stop()
        if "dsn" in options:
            cluster.drop_postgres_database(options["dsn"])
        shutil.rmtree(var, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configs", nargs="+", default=["fs:1", "rs:1", "rs:2"])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--clients", type=int, default=16, help="at most 38")
    parser.add_argument("--seconds", type=int, default=20)
    args = parser.parse_args(argv)
    storages = {"fs": "filestorage", "rs": "relstorage", "zeo": "zeo"}
    results = {
        "users": USERS,
        "posts": POSTS,
        "ideas": IDEAS,
        "load_average_before": os.getloadavg(),
    }
    for config in args.configs:
        kind, _, count = config.partition(":")
        results[config] = run_config(
            config.replace(":", "-"), storages[kind], int(count or 1), args
        )
    results["load_average_after"] = os.getloadavg()
    record("cluster", results)


if __name__ == "__main__":
    main()
