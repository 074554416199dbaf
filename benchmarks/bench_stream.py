"""The activity stream at 10,000 and 100,000 posts; creating posts.

    make bench-dataset      # once: benchmarks/var/stream-10k and stream-100k
    make bench-stream       # .venv/bin/python benchmarks/bench_stream.py

Not part of ``make bench`` (it needs the datasets of benchmarks/dataset.py:
100,000 posts in 50 communities, 10,000 pages, ``bench`` in 10
communities). For each dataset, on a scratch copy of it:

* over real HTTP (waitress in a subprocess, as ``make serve``; basic auth
  as ``bench``): the first stream page, ``GET /@stream?size=20`` and
  ``GET /@stream?filter=communities&size=20``, interleaved with
  ``GET /@site`` (the floor: an authenticated REST GET), 200 requests
  each after a warm-up, and pages 2 to 5 following the ``next`` cursor;
  later ``POST /communities/<one of bench's>`` with
  ``{"@type": "Post", "text": ...}`` (commit included), 200 requests;
* in this machine's Python, the server stopped (``--in-process``, a
  subprocess on the same copy): ``stream.query()`` itself, split into the
  catalog search and the serialisation; and posts per second through
  :func:`ospa.social.stream.posts.create` against Documents per second through
  ``plone.api.content.create``, in the same community, as the same user,
  alternating batches of 50 committed each (500 of each).

Recorded (results/stream.json) with the sizes and build times of the
datasets and the load of the machine: p50/p95 of each figure, the ratio of
the stream's p50 at 100,000 posts to its p50 at 10,000 (the issue's target:
<= 1.5), and posts/s : Documents/s. The issue's targets, quoted in the
results: first page p50 <= 50 ms, p95 <= 150 ms; creating a post p50 <=
60 ms. ``--profile`` also writes a cProfile of ``stream.query()`` per
dataset to benchmarks/var/<name>.stream-profile.txt.

    bench_stream.py [--datasets stream-10k stream-100k] [--requests 200]
                    [--profile] [--keep]
"""

from measure import record
from measure import RESULTS
from measure import summarise
from pathlib import Path
import argparse
import dataset
import json
import os
import shutil
import subprocess
import sys
import time


REQUESTS = 200
WARMUP = 20
CREATES = 500
CREATE_BATCH = 50
QUERY_REPEAT = 100
DATASETS = ("stream-10k", "stream-100k")
TARGETS = {
    "stream_p50_ms": 50,
    "stream_p95_ms": 150,
    "stream_p50_ratio_100k_to_10k": 1.5,
    "create_post_rest_p50_ms": 60,
}
FILTERS = {"all": "size=20", "communities": "filter=communities&size=20"}
# The floor of an authenticated REST GET on this server: plone.restapi's
# small @site answer, measured interleaved with the stream.
FLOOR = "@site"


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def code_state() -> dict:
    """Which code was measured: the commit and what differed from it."""

    def git(*args):
        done = subprocess.run(
            ["git", *args], cwd=dataset.ROOT, capture_output=True, text=True
        )
        return done.stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "changed_in_src": git("status", "--short", "--", "src").splitlines(),
        # Set when the code measured is another checkout's src/.
        "pythonpath": os.environ.get("PYTHONPATH"),
    }


def server_cpu_seconds(url: str) -> float | None:
    """CPU time used so far by the process serving ``url`` (user + system):
    on a machine shared with other work, the cost of a request that the
    wall clock mixes with the others'."""
    port = url.split(":")[2].split("/")[0]
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
            ini = [part for part in command.split("\0") if part.endswith("zope.ini")]
            if not ini or f"port = {port}\n" not in Path(ini[0]).read_text():
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return None


# -- over HTTP -------------------------------------------------------------


def client_for(meta: dict):
    import requests

    client = requests.Session()
    client.auth = tuple(meta["bench_user"])
    client.headers["Accept"] = "application/json"
    return client


def stream_over_http(url: str, meta: dict, requests_count: int) -> dict:
    """The first page of the stream, both filters interleaved."""
    client = client_for(meta)

    def get(query: str) -> float:
        start = time.perf_counter()
        path = FLOOR if query == FLOOR else f"@stream?{query}"
        response = client.get(f"{url}/{path}", timeout=60)
        elapsed = (time.perf_counter() - start) * 1000
        response.raise_for_status()
        return elapsed

    probe = client.get(f"{url}/@stream?size=20", timeout=60)
    if probe.status_code == 404:
        raise SystemExit("GET /@stream answers 404: the endpoint is not there yet")
    probe.raise_for_status()
    page = probe.json()
    shape = {
        "items": len(page["items"]),
        "kinds": {
            kind: sum(item["kind"] == kind for item in page["items"])
            for kind in sorted({item["kind"] for item in page["items"]})
        },
        "distinct_actors": len({item["actor"]["id"] for item in page["items"]}),
        "replies_shown": sum(len(item.get("replies", [])) for item in page["items"]),
        "bytes": len(probe.content),
    }
    for _ in range(WARMUP):
        for query in FILTERS.values():
            get(query)
    samples = {name: [] for name in FILTERS}
    floor = []
    load_before = load_average()
    for _ in range(requests_count):
        for name, query in FILTERS.items():
            samples[name].append(get(query))
        floor.append(get(FLOOR))
    figures = {f"stream_{name}": summarise(values) for name, values in samples.items()}
    figures["floor_get_site"] = summarise(floor)
    # Scrolling: pages 2 to 5 of the whole stream through the cursor, as a
    # client follows "next" (a range query on stream_ts below the cursor).
    deeper = []
    for _ in range(max(1, requests_count // 4)):
        found = client.get(f"{url}/@stream?size=20", timeout=60).json()
        for _page in range(4):
            if not found.get("next"):
                break
            query = f"size=20&before={found['next']}"
            start = time.perf_counter()
            response = client.get(f"{url}/@stream?{query}", timeout=60)
            deeper.append((time.perf_counter() - start) * 1000)
            response.raise_for_status()
            found = response.json()
    figures["stream_all_pages_2_to_5"] = summarise(deeper)
    figures["first_page"] = shape
    figures["load_average_1_5_15_stream"] = {
        "before": load_before,
        "after": load_average(),
    }
    return figures


def create_over_http(url: str, meta: dict, requests_count: int) -> dict:
    """POST a post into an open community bench is a member of."""
    client = client_for(meta)
    community = next(
        c
        for c in meta["communities"]
        if c["bench_is_member"] and c["visibility"] == "open"
    )
    target = f"{url}/communities/{community['id']}"

    def create(number: int) -> float:
        body = {"@type": "Post", "text": f"REST post {number} for the #benchmark"}
        start = time.perf_counter()
        response = client.post(target, json=body, timeout=60)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 201:
            raise RuntimeError(f"POST {target}: {response.status_code} {response.text}")
        return elapsed

    for number in range(5):
        create(-number)
    load_before = load_average()
    cpu_before = server_cpu_seconds(url)
    figures = {
        "create_post_rest": summarise(
            [create(number) for number in range(requests_count)]
        )
    }
    cpu_after = server_cpu_seconds(url)
    if cpu_before is not None and cpu_after is not None:
        figures["create_post_rest"]["server_cpu_ms_per_request"] = round(
            (cpu_after - cpu_before) * 1000 / requests_count, 2
        )
    figures["load_average_1_5_15_create"] = {
        "before": load_before,
        "after": load_average(),
    }
    return figures


# -- in this process (a subprocess with Zope open) --------------------------


def in_process(target: Path, profile: bool) -> dict:
    """Run in a subprocess: Zope open on ``target`` (the server stopped)."""
    from AccessControl.SecurityManagement import newSecurityManager
    from measure import timed

    app, portal = dataset.open_site(target)
    meta = dataset.load_dir(target)
    userid = meta["bench_user"][0]
    acl = portal.acl_users
    newSecurityManager(app.REQUEST, acl.getUserById(userid).__of__(acl))

    from ospa.social.core import users
    from ospa.social.stream import items
    from ospa.social.stream import posts
    from ospa.social.stream import query as stream
    from plone import api
    from plone.app.textfield.value import RichTextValue
    import transaction

    # Each call is a request of its own: the catalog keeps index results on
    # the request (``__catalog_cache__``), which a server never reuses.
    request = app.REQUEST

    def fresh(action):
        def run():
            request.other.pop("__catalog_cache__", None)
            return action()

        return run

    figures = {}
    for name in FILTERS:
        figures[f"query_{name}"] = timed(
            fresh(lambda name=name: stream.query(name, size=20)),
            QUERY_REPEAT,
            warmup=5,
        )
    # Where the time of the first page goes: the catalog search, then the
    # serialisation of its brains (people, communities, replies, text).
    queries = stream._queries("all", None, None, None, userid)
    figures["query_all_search_only"] = timed(
        fresh(lambda: stream._search(queries, 21)), QUERY_REPEAT, warmup=5
    )
    brains = stream._search(queries, 21)[:20]
    figures["query_all_serialize_only"] = timed(
        fresh(lambda: items.serialize(brains)), QUERY_REPEAT, warmup=5
    )
    authors = sorted({brain.Creator for brain in brains})
    figures["first_page_distinct_authors"] = len(authors)
    # People are looked up in PAS; a kept summary (users.forget() exists
    # where summaries are kept between requests) is measured both ways.
    forget = getattr(users, "forget", None)

    def people(cold: bool):
        for author in authors:
            if cold:
                forget(author)
            users.summary(author)

    variants = {"users_summary_per_call": False}
    if forget is not None:
        variants = {
            "users_summary_per_call": False,
            "users_summary_per_call_not_kept": True,
        }
        figures["query_all_people_not_kept"] = timed(
            fresh(lambda: (forget(), stream.query(size=20))), QUERY_REPEAT, warmup=5
        )
    for key, cold in variants.items():
        found = timed(lambda cold=cold: people(cold), 20, warmup=2)
        figures[key] = {
            name: round(value / len(authors), 3) if name != "n" else value
            for name, value in found.items()
        }
    if profile:
        import cProfile
        import io
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(50):
            fresh(lambda: stream.query(size=20))()
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(30)
        path = dataset.VAR / f"{meta['name']}.stream-profile.txt"
        path.write_text(out.getvalue())
        figures["profile"] = str(path.relative_to(dataset.ROOT))
    transaction.abort()

    # Posts/s and Documents/s through the Python API, same place, same user.
    community = portal["communities"][
        next(
            c["id"]
            for c in meta["communities"]
            if c["bench_is_member"] and c["visibility"] == "open"
        )
    ]
    seconds = {"posts": 0.0, "documents": 0.0}
    made = {"posts": 0, "documents": 0}

    def make_posts(start):
        for number in range(start, start + CREATE_BATCH):
            posts.create(community, f"API post {number} for the #benchmark")
        transaction.commit()

    def make_documents(start):
        for number in range(start, start + CREATE_BATCH):
            api.content.create(
                container=community,
                type="Document",
                title=f"API page {number}",
                description="A page of the benchmark",
                text=RichTextValue(
                    f"<p>API page {number} for the benchmark</p>",
                    "text/html",
                    "text/x-html-safe",
                ),
            )
        transaction.commit()

    make_posts(-CREATE_BATCH)  # warm-up
    make_documents(-CREATE_BATCH)
    for start in range(0, CREATES, CREATE_BATCH):
        for kind, action in (("posts", make_posts), ("documents", make_documents)):
            begin = time.perf_counter()
            action(start)
            seconds[kind] += time.perf_counter() - begin
            made[kind] += CREATE_BATCH
    rates = {kind: made[kind] / seconds[kind] for kind in made}
    figures["python_api"] = {
        "posts_per_second": round(rates["posts"], 1),
        "documents_per_second": round(rates["documents"], 1),
        "ratio_posts_to_documents": round(rates["posts"] / rates["documents"], 2),
        "created_each": made["posts"],
        "commit_every": CREATE_BATCH,
    }
    dataset.close_site()
    return figures


def profile_create(target: Path, count: int = 100) -> dict:
    """``POST`` a post ``count`` times through the WSGI application in this
    process (the publisher, plone.restapi, the commit: all of a request but
    the socket), under cProfile; writes
    benchmarks/var/<name>.create-profile.txt. Run in a subprocess with
    Zope open on ``target``."""
    import base64
    import cProfile
    import io
    import pstats
    import webtest

    dataset.open_site(target)
    meta = dataset.load_dir(target)
    community = next(
        c
        for c in meta["communities"]
        if c["bench_is_member"] and c["visibility"] == "open"
    )
    app = webtest.TestApp(dataset.wsgi_app())
    credentials = base64.b64encode(":".join(meta["bench_user"]).encode()).decode()
    headers = {"Authorization": f"Basic {credentials}", "Accept": "application/json"}
    path = f"/{dataset.SITE_ID}/communities/{community['id']}"

    def create(number):
        body = {"@type": "Post", "text": f"Profiled post {number} for the #benchmark"}
        app.post_json(path, body, headers=headers, status=201)

    for number in range(10):
        create(-number)
    samples = []
    profiler = cProfile.Profile()
    for number in range(count):
        start = time.perf_counter()
        profiler.enable()
        create(number)
        profiler.disable()
        samples.append((time.perf_counter() - start) * 1000)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(80)
    stats.sort_stats("tottime").print_stats(40)
    stats.sort_stats("cumulative").print_stats("ospa/social", 40)
    stats.print_callees("_setObject|before_commit|ospa/social/stream/services")
    written = dataset.VAR / f"{meta['name']}.create-profile.txt"
    written.write_text(out.getvalue())
    dataset.close_site()
    return {
        "create_post_wsgi_in_process_profiled": summarise(samples),
        "create_profile": str(written.relative_to(dataset.ROOT)),
    }


# -- the run ---------------------------------------------------------------


def run_dataset(name: str, args) -> dict:
    meta = dataset.load(name)
    print(f"==> {name}: {dataset.describe(meta)}", flush=True)
    start = time.perf_counter()
    copy = dataset.scratch_copy(name)
    copy_seconds = round(time.perf_counter() - start, 1)
    try:
        # Reading first, on the data as built; then what writes.
        with dataset.serve(copy) as url:
            print(f"    serving {url}: GET @stream", flush=True)
            figures = stream_over_http(url, meta, args.requests)
        print("    in process: stream.query(), posts/s and Documents/s", flush=True)
        command = [sys.executable, __file__, "--in-process", str(copy)]
        if args.profile:
            command.append("--profile")
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            sys.stderr.write(done.stderr[-5000:])
            raise SystemExit(f"the in-process measurement failed on {name}")
        figures.update(json.loads(done.stdout.strip().splitlines()[-1]))
        with dataset.serve(copy) as url:
            print(f"    serving {url}: POST Post", flush=True)
            figures.update(create_over_http(url, meta, args.requests))
    finally:
        if not args.keep:
            shutil.rmtree(copy, ignore_errors=True)
    figures["scratch_copy_seconds"] = copy_seconds
    # The stream looks for its newest items in windows back from now: how
    # old the dataset's newest post was when measured matters.
    figures["hours_since_newest_post"] = round((time.time() - meta["end_ts"]) / 3600, 1)
    return figures


def dataset_summary(name: str) -> dict:
    meta = dataset.load(name)
    return {
        "parameters": meta["parameters"],
        "counts": meta["counts"],
        "communities": len(meta["communities"]),
        "bench_member_of": sum(c["bench_is_member"] for c in meta["communities"]),
        "data_fs_mb": round(meta["sizes"]["data_fs_bytes"] / 2**20, 1),
        "build": meta["timings"],
        "extended_from": meta.get("extended_from"),
        "built_at": meta.get("built_at"),
    }


def table(per_dataset: dict) -> str:
    names = list(per_dataset)
    rows = [
        ("GET @stream (all) p50 / p95 ms", "stream_all"),
        ("GET @stream (communities) p50 / p95", "stream_communities"),
        ("GET @stream pages 2-5 (cursor) p50 / p95", "stream_all_pages_2_to_5"),
        ("GET @site (floor) p50 / p95", "floor_get_site"),
        ("POST Post (REST, commit) p50 / p95", "create_post_rest"),
        ("stream.query() in process p50 / p95", "query_all"),
        ("  catalog search only p50", "query_all_search_only"),
        ("  serialise 20 items p50", "query_all_serialize_only"),
        ("  ... people not kept (users.forget())", "query_all_people_not_kept"),
        ("  users.summary() per person p50", "users_summary_per_call"),
        ("  ... not kept p50", "users_summary_per_call_not_kept"),
    ]
    width = 40
    lines = [f"{'':<{width}}" + "".join(f"{n:>22}" for n in names)]
    for label, key in rows:
        cells = []
        for name in names:
            found = per_dataset[name].get(key)
            if not found:
                cells.append("-")
            elif label.endswith("p50"):
                cells.append(f"{found['p50_ms']}")
            else:
                cells.append(f"{found['p50_ms']} / {found['p95_ms']}")
        lines.append(f"{label:<{width}}" + "".join(f"{c:>22}" for c in cells))
    api_row = []
    for name in names:
        found = per_dataset[name]["python_api"]
        api_row.append(
            f"{found['posts_per_second']} / {found['documents_per_second']}"
            f" = {found['ratio_posts_to_documents']}"
        )
    lines.append(
        f"{'posts/s / Documents/s (Python API)':<{width}}"
        + "".join(f"{c:>22}" for c in api_row)
    )
    return "\n".join(lines)


def create_only(args) -> None:
    """``POST`` posts over HTTP on each dataset, nothing else: a change of
    the write path measured against what it replaced, label by label."""
    found = {"code": code_state(), "requests": args.requests}
    for name in args.datasets:
        meta = dataset.load(name)
        copy = dataset.scratch_copy(name, suffix="create")
        try:
            with dataset.serve(copy) as url:
                print(f"==> {name}: POST Post at {url}", flush=True)
                found[name] = create_over_http(url, meta, args.requests)
        finally:
            shutil.rmtree(copy, ignore_errors=True)
        print(f"    {found[name]['create_post_rest']}", flush=True)
    path = RESULTS / "stream_create.json"
    stored = json.loads(path.read_text())["figures"] if path.exists() else {}
    stored["target_p50_ms"] = TARGETS["create_post_rest_p50_ms"]
    stored[args.create_only] = found
    record("stream_create", stored)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=list(DATASETS))
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copies")
    parser.add_argument("--in-process", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument(
        "--profile-create",
        metavar="NAME",
        help="only profile creating posts on a scratch copy of dataset NAME",
    )
    parser.add_argument("--profile-create-in", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument(
        "--create-only",
        metavar="LABEL",
        help="only POST posts over HTTP on each dataset; the figures go to "
        "results/stream_create.json under LABEL (before, after, ...)",
    )
    args = parser.parse_args(argv)
    if args.create_only:
        create_only(args)
        return
    if args.profile_create_in:
        print(json.dumps(profile_create(Path(args.profile_create_in))))
        return
    if args.profile_create:
        copy = dataset.scratch_copy(args.profile_create, suffix="profile")
        try:
            done = subprocess.run(
                [sys.executable, __file__, "--profile-create-in", str(copy)],
                capture_output=True,
                text=True,
            )
        finally:
            shutil.rmtree(copy, ignore_errors=True)
        if done.returncode:
            sys.stderr.write(done.stderr[-5000:])
            raise SystemExit("profiling failed")
        print(done.stdout.strip().splitlines()[-1])
        return
    if args.in_process:
        figures = in_process(Path(args.in_process), args.profile)
        print(json.dumps(figures))
        return

    per_dataset = {name: run_dataset(name, args) for name in args.datasets}
    print()
    print(table(per_dataset))
    figures = {"targets": TARGETS}
    for name, found in per_dataset.items():
        figures[name] = found
    if len(args.datasets) == 2:
        small, large = args.datasets
        figures["ratios"] = {
            f"stream_{f}_p50_{large}_to_{small}": round(
                per_dataset[large][f"stream_{f}"]["p50_ms"]
                / per_dataset[small][f"stream_{f}"]["p50_ms"],
                2,
            )
            for f in FILTERS
        }
        figures["ratios"][f"create_post_rest_p50_{large}_to_{small}"] = round(
            per_dataset[large]["create_post_rest"]["p50_ms"]
            / per_dataset[small]["create_post_rest"]["p50_ms"],
            2,
        )
    figures["datasets"] = {name: dataset_summary(name) for name in args.datasets}
    figures["requests_per_figure"] = args.requests
    figures["code"] = code_state()
    record("stream", figures)


if __name__ == "__main__":
    main()
