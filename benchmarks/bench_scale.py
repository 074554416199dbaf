"""Stream latency against data size, with a chart; an instance's memory.

    make bench-dataset     # stream-1k, stream-10k, stream-100k in benchmarks/var
    .venv/bin/python benchmarks/bench_scale.py
        [--datasets stream-1k stream-10k stream-100k] [--requests 200]
        [--relstorage stream-10k ...]

For each dataset, on a scratch copy served by one Zope instance over real
HTTP (as ``make serve``), as the dataset's ``bench`` employee: the first
stream page ``GET /@stream?size=20`` and ``?filter=communities``, p50/p95
of ``--requests`` each after a warm-up (``bench_stream.stream_over_http``).
After the measurement, the resident memory of the instance process
(``VmRSS``, and its peak ``VmHWM``) holding that site, warmed by those
requests and by the stream pages of 50 other employees.

``--relstorage NAME ...`` also copies those datasets into a scratch
PostgreSQL database with RelStorage's ``zodbconvert`` and measures the
same on RelStorage (history-free, as ``make start-relstorage``).

Writes benchmarks/results/scale.json and the chart
benchmarks/results/stream-latency.png (p50 and p95 against the number of
posts, log scale; one line per storage).
"""

from measure import record
from measure import summarise
from pathlib import Path
import argparse
import bench_stream
import dataset
import json
import os
import requests
import shutil
import subprocess
import sys
import tempfile
import time


HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DATASETS = ("stream-1k", "stream-10k", "stream-100k")
PG_SERVER = os.environ.get(
    "OSPA_BENCH_PG_DSN", "user='postgres' host='127.0.0.1' port='5432'"
)
OTHER_USERS = 50


def say(message):
    print(message, flush=True)


def _pid_serving(target: Path) -> int:
    ini = str(target / "etc" / "zope.ini")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(part.decode(errors="replace") == ini for part in command):
            return int(entry.name)
    raise RuntimeError(f"no process serves {ini}")


def memory_of(pid: int) -> dict:
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = round(int(value.split()[0]) / 1024, 1)
    return {"rss_mb": found.get("VmRSS"), "peak_rss_mb": found.get("VmHWM")}


def warm_with_others(url: str, meta: dict) -> dict:
    """The first stream page of other employees (other communities, names)."""
    samples = []
    for userid in meta["users"][:OTHER_USERS]:
        session = requests.Session()
        session.auth = (userid, dataset.PASSWORD)
        session.headers["Accept"] = "application/json"
        start = time.perf_counter()
        response = session.get(f"{url}/@stream?size=20", timeout=120)
        response.raise_for_status()
        samples.append((time.perf_counter() - start) * 1000)
    return summarise(samples)


def measure_served(target: Path, meta: dict, requests_count: int) -> dict:
    with dataset.serve(target) as url:
        say(f"    serving {url}: GET @stream")
        figures = bench_stream.stream_over_http(url, meta, requests_count)
        figures["stream_other_employees_cold"] = warm_with_others(url, meta)
        figures["memory"] = memory_of(_pid_serving(target))
    return {
        key: figures[key]
        for key in (
            "stream_all",
            "stream_communities",
            "floor_get_site",
            "stream_other_employees_cold",
            "memory",
        )
        if key in figures
    }


def to_relstorage(target: Path, name: str) -> str:
    """Copy the FileStorage of ``target`` into a scratch PostgreSQL database
    and point its instance configuration at it; returns the DSN."""
    sys.path.insert(0, str(dataset.ROOT / "scripts"))
    import cluster

    dsn = f"dbname='ospa_scale_{name.replace('-', '_')}' {PG_SERVER}"
    cluster.drop_postgres_database(dsn)
    cluster.ensure_postgres_database(dsn)
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as conf:
        conf.write(
            f"""%import relstorage
<filestorage source>
    path {target}/filestorage/Data.fs
    blob-dir {target}/blobstorage
</filestorage>
<relstorage destination>
    keep-history false
    blob-dir {target}/blobcache
    shared-blob-dir false
    <postgresql>
        dsn {dsn}
    </postgresql>
</relstorage>
"""
        )
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).parent / "zodbconvert"), "--clear", conf.name],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.unlink(conf.name)
    say(f"    zodbconvert into PostgreSQL: {time.perf_counter() - started:.0f} s")
    return dsn


def run(name: str, storage: str, requests_count: int) -> dict:
    meta = dataset.load(name)
    say(f"==> {name} on {storage}: {dataset.describe(meta)}")
    copy = dataset.scratch_copy(name, suffix=f"scale-{storage}")
    dsn = None
    try:
        if storage == "relstorage":
            dsn = to_relstorage(copy, name)
            dataset.CONFIG_OPTIONS[:] = ["--storage", "relstorage", "--dsn", dsn]
        figures = measure_served(copy, meta, requests_count)
    finally:
        dataset.CONFIG_OPTIONS[:] = []
        shutil.rmtree(copy, ignore_errors=True)
        if dsn:
            sys.path.insert(0, str(dataset.ROOT / "scripts"))
            import cluster

            cluster.drop_postgres_database(dsn)
    figures["posts"] = meta["counts"].get("posts")
    figures["data_fs_mb"] = round(meta["sizes"]["data_fs_bytes"] / 2**20, 1)
    figures["hours_since_newest_post"] = round((time.time() - meta["end_ts"]) / 3600, 1)
    return figures


def chart(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(7, 4.2), dpi=120)
    for storage, marker in (("filestorage", "o"), ("relstorage", "s")):
        points = sorted(
            (found["posts"], found["stream_all"])
            for key, found in results.items()
            if key.endswith(f"@{storage}")
        )
        if not points:
            continue
        sizes = [size for size, _ in points]
        axes.plot(
            sizes,
            [f["p50_ms"] for _, f in points],
            marker=marker,
            label=f"{storage} p50",
        )
        axes.plot(
            sizes,
            [f["p95_ms"] for _, f in points],
            marker=marker,
            linestyle="--",
            label=f"{storage} p95",
        )
    axes.axhline(50, color="grey", linewidth=0.8, linestyle=":")
    axes.text(1000, 46.5, "target: p50 50 ms", color="grey", fontsize=8)
    axes.set_xscale("log")
    axes.set_ylim(bottom=0)
    axes.set_xlabel("posts in the site")
    axes.set_ylabel("GET /@stream?size=20 (ms)")
    axes.set_title("ospa.social: first stream page against data size")
    axes.grid(True, which="both", linewidth=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path)
    say(f"    chart -> {path}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=list(DATASETS))
    parser.add_argument("--relstorage", nargs="*", default=[])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--chart-only", action="store_true", help="redraw from results/scale.json"
    )
    args = parser.parse_args(argv)
    if args.chart_only:
        stored = json.loads((RESULTS / "scale.json").read_text())["figures"]
        chart(stored, RESULTS / "stream-latency.png")
        return
    results = {"load_average_before": os.getloadavg()}
    for name in args.datasets:
        results[f"{name}@filestorage"] = run(name, "filestorage", args.requests)
    for name in args.relstorage:
        results[f"{name}@relstorage"] = run(name, "relstorage", args.requests)
    results["load_average_after"] = os.getloadavg()
    RESULTS.mkdir(exist_ok=True)
    chart(results, RESULTS / "stream-latency.png")
    record("scale", results)


if __name__ == "__main__":
    main()
