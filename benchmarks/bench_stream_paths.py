"""Every path of ``stream.query()`` against data size, busy and quiet.

    .venv/bin/python benchmarks/bench_stream_paths.py --label after \\
        [--datasets stream-5k stream-100k] [--repeat 50]

The issue's figure is the growth of each path from the small dataset to
the large one (which extends it with *older* posts, so that its first page
is the same): every path at most 1.5 times. ``bench_stream.py`` measures
the whole request over HTTP; this measures ``stream.query()`` in process
(a subprocess with Zope open on a scratch copy), where the paths differ:

* ``dense``: the whole stream of ``bench`` (an employee in 10 of 50
  communities), ``communities`` (filter=communities), ``author`` (the
  author of the newest post in /stream), ``hashtag`` (the tag of the newest
  post with one), ``following`` (``bench`` follows the authors of the 10
  newest posts, 2 of its communities and 3 tags: one query each),
  ``new_employee`` (an employee made for the run: in no community, follows
  nothing), ``quiet_community`` (the community of ``bench``'s whose newest
  post is the oldest: a few posts a day at most);
* the same on a **quiet site**, nothing newer than a week: the clock the
  stream reads (``stream.query.now_ms``, its one source of "now") is moved
  ``QUIET_DAYS`` days past the dataset's newest post. ``quiet_*_page2`` is
  the next page after the cursor of the first;
* ``hashtags``: ``stream.hashtags.popular()`` (the last 30 days), busy
  clock, counted anew and (``_cached``) from the RAM cache;
* ``<path>_search``: the catalog search of the path alone
  (``stream._search``), without serialising the page: where one dataset
  fills a page that the other does not (an author with five posts in the
  small one), the serialisation of the fuller page is what differs.

Each figure is ``--repeat`` calls after a warm-up, each its own request
(the catalog keeps index results on the request). ``--label`` says what
the figures are (``before``, ``after``): results/stream_paths.json keeps
one set per label, so that a change is recorded against what it replaced.
"""

from measure import record
from measure import RESULTS
from measure import summarise
from pathlib import Path
import argparse
import bench_stream
import dataset
import json
import shutil
import subprocess
import sys
import time


DATASETS = ("stream-5k", "stream-100k")
REPEAT = 50
QUIET_DAYS = 8
TARGET_RATIO = 1.5
DAY_MS = 24 * 3600 * 1000


def timed(action, repeat: int, warmup: int = 5) -> dict:
    """Wall-clock p50/p95 (ms) and, as ``cpu_p50_ms``, the CPU time of this
    process: on two cores shared with other work the wall clock also
    measures the others, the CPU time mostly not."""
    for _ in range(warmup):
        action()
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    found = summarise(wall)
    cpu = summarise(cpu)
    found["cpu_p50_ms"] = cpu["p50_ms"]
    found["cpu_min_ms"] = cpu["min_ms"]
    return found


def in_process(target: Path, repeat: int) -> dict:
    from AccessControl.SecurityManagement import newSecurityManager
    from ospa.social.following import api as following
    from ospa.social.stream import hashtags
    from ospa.social.stream import query as stream
    from plone import api
    from zope.component import getUtility
    from zope.ramcache.interfaces.ram import IRAMCache

    app, portal = dataset.open_site(target)
    meta = dataset.load_dir(target)
    request = app.REQUEST
    acl = portal.acl_users
    catalog = portal.portal_catalog

    def act_as(userid):
        newSecurityManager(request, acl.getUserById(userid).__of__(acl))

    def fresh(action):
        def run():
            request.other.pop("__catalog_cache__", None)
            return action()

        return run

    # What the paths are about, chosen from the newest items: the same in a
    # dataset and in one that extends it with older posts.
    newest = catalog.unrestrictedSearchResults(
        portal_type="Post",
        path="/".join(portal["stream"].getPhysicalPath()),
        sort_on="stream_ts",
        sort_order="descending",
        sort_limit=200,
    )[:200]
    # The most frequent author of the newest posts (the same in a dataset
    # and its extension), so that their page is full at both sizes.
    authored = {}
    for brain in newest:
        authored[brain.Creator] = authored.get(brain.Creator, 0) + 1
    author = max(authored, key=lambda userid: (authored[userid], userid))
    index = catalog._catalog.getIndex("hashtags")
    tag = next(
        tags[0]
        for tags in (index.getEntryForObject(b.getRID(), ()) for b in newest)
        if tags
    )
    recent_authors = []
    for brain in newest:
        if brain.Creator not in recent_authors:
            recent_authors.append(brain.Creator)
    mine = [c for c in meta["communities"] if c["bench_is_member"]]

    def newest_ts(uid):
        found = catalog.unrestrictedSearchResults(
            community_uid=uid, sort_on="stream_ts", sort_order="descending"
        )
        return found[0].stream_ts if len(found) else 0

    quiet = min(mine, key=lambda c: newest_ts(c["uid"]))
    userid = meta["bench_user"][0]
    act_as(userid)
    for person in recent_authors[:10]:
        following.follow("user", person)
    for community in mine[:2]:
        following.follow("community", community["uid"])
    tags = []
    for brain in newest:
        for found in index.getEntryForObject(brain.getRID(), ()) or ():
            if found not in tags:
                tags.append(found)
    for found in tags[:3]:
        following.follow("tag", found)
    newcomer = "newcomer"
    api.user.create(
        email="newcomer@example.org",
        username=newcomer,
        password=dataset.PASSWORD,
        roles=("Member",),
    )

    real_now_ms = stream.now_ms
    shift = int(time.time() * 1000) - meta["end_ts"] * 1000 + QUIET_DAYS * DAY_MS

    def quiet_clock():
        return real_now_ms() + shift

    cases = {
        "dense": (userid, {}),
        "communities": (userid, {"filter": "communities"}),
        "author": (userid, {"author": author}),
        "hashtag": (userid, {"hashtag": tag}),
        "following": (userid, {"filter": "following"}),
        "new_employee": (newcomer, {}),
        "quiet_community": (userid, {"community": quiet["uid"]}),
    }

    def page(kwargs, before=None):
        return lambda: stream.query(size=20, before=before, **kwargs)

    def search(kwargs, who):
        """The catalog search alone (``_search``), without serialising: a
        page that is fuller at one size than at the other costs more to
        serialise, not to find."""
        queries = stream._queries(
            kwargs.get("filter", "all"),
            kwargs.get("community"),
            kwargs.get("hashtag"),
            kwargs.get("author"),
            who,
        )
        return lambda: stream._search(queries, 21) if queries else []

    import ospa.social

    figures = {
        # The code measured: a checkout's src/ (PYTHONPATH) or the venv's.
        "ospa_social_from": next(iter(ospa.social.__path__)),
        "chosen": {
            "author": author,
            "hashtag": tag,
            "quiet_community": quiet["id"],
            "quiet_community_newest_days_before_end": round(
                (meta["end_ts"] * 1000 - newest_ts(quiet["uid"])) / DAY_MS, 1
            ),
            "following": {"people": 10, "communities": 2, "tags": len(tags[:3])},
            "quiet_days": QUIET_DAYS,
        },
    }
    pages = {}
    for clock, prefix in ((real_now_ms, ""), (quiet_clock, "quiet_")):
        stream.now_ms = clock
        try:
            for name, (who, kwargs) in cases.items():
                if prefix and name == "quiet_community":
                    name = "community"
                act_as(who)
                key = f"{prefix}{name}"
                figures[key] = timed(fresh(page(kwargs)), repeat, warmup=5)
                found = page(kwargs)()
                pages[key] = [item["uid"] for item in found["items"]]
                figures[key]["items"] = len(found["items"])
                figures[f"{key}_search"] = timed(
                    fresh(search(kwargs, who)), repeat, warmup=5
                )
                if prefix and name in ("dense", "community") and found["next"]:
                    figures[f"{key}_page2"] = timed(
                        fresh(page(kwargs, found["next"])), repeat, warmup=5
                    )
        finally:
            stream.now_ms = real_now_ms
    # A quiet site shows what a busy one shows, only later.
    figures["quiet_pages_equal_busy_pages"] = all(
        pages[f"quiet_{name}"] == pages[name]
        for name in ("dense", "communities", "author", "hashtag", "following")
    )

    def uncached():
        # Plone's RAM cache utility holds plone.memoize's entries.
        getUtility(IRAMCache).invalidate("ospa.social.stream.hashtags._counts")
        return hashtags.popular()

    for who, key in ((userid, "hashtags"), (newcomer, "hashtags_new_employee")):
        act_as(who)
        # Counted anew (the RAM cache emptied first), and as most stream
        # pages get them: from the cache, the catalog unchanged since.
        figures[key] = timed(fresh(uncached), repeat, warmup=5)
        figures[f"{key}_cached"] = timed(fresh(hashtags.popular), repeat, warmup=5)
    act_as(userid)
    figures["hashtags_top"] = hashtags.popular(limit=5)
    import transaction

    transaction.abort()
    dataset.close_site()
    return figures


def run_dataset(name: str, args) -> dict:
    meta = dataset.load(name)
    print(f"==> {name}: {dataset.describe(meta)}", flush=True)
    copy = dataset.scratch_copy(name, suffix="paths")
    try:
        command = [
            sys.executable,
            __file__,
            "--in-process",
            str(copy),
            "--repeat",
            str(args.repeat),
        ]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            sys.stderr.write(done.stderr[-5000:])
            raise SystemExit(f"the measurement failed on {name}")
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    figures["hours_since_newest_post"] = round((time.time() - meta["end_ts"]) / 3600, 1)
    figures["posts"] = meta["counts"]["posts"]
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=list(DATASETS))
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--label", default="after", help="before, after, ...")
    parser.add_argument("--in-process", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.in_process:
        print(json.dumps(in_process(Path(args.in_process), args.repeat)))
        return
    load_before = bench_stream.load_average()
    per_dataset = {name: run_dataset(name, args) for name in args.datasets}
    found = {
        "load_average_1_5_15": {
            "before": load_before,
            "after": bench_stream.load_average(),
        },
        "code": bench_stream.code_state(),
        "repeat": args.repeat,
        **per_dataset,
    }
    if len(args.datasets) == 2:
        small, large = args.datasets
        for figure in ("p50_ms", "cpu_p50_ms"):
            found[f"ratios_{figure}"] = {
                key: round(per_dataset[large][key][figure] / value[figure], 2)
                for key, value in per_dataset[small].items()
                if isinstance(value, dict) and figure in value
            }
        print(f"\n{'p50 ms (CPU p50)':<28}{small:>16}{large:>16}{'ratio':>12}")
        for key, ratio in found["ratios_p50_ms"].items():
            low, high = per_dataset[small][key], per_dataset[large][key]
            print(
                f"{key:<28}{low['p50_ms']:>9} ({low['cpu_p50_ms']:>4})"
                f"{high['p50_ms']:>9} ({high['cpu_p50_ms']:>4})"
                f"{ratio:>6} ({found['ratios_cpu_p50_ms'][key]})"
            )
    path = RESULTS / "stream_paths.json"
    stored = json.loads(path.read_text())["figures"] if path.exists() else {}
    stored["target_ratio_p50"] = TARGET_RATIO
    stored[args.label] = found
    record("stream_paths", stored)


if __name__ == "__main__":
    main()
