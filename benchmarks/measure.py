"""Helpers of the benchmarks: time a callable, print and record figures.

Benchmarks measure; they never assert a time. Each writes one JSON file to
``benchmarks/results/`` with the figures and the machine they came from.
"""

from collections.abc import Callable
from datetime import datetime
from datetime import UTC
from pathlib import Path
import json
import os
import platform
import statistics
import time


RESULTS = Path(__file__).parent / "results"


def timed(action: Callable[[], object], repeat: int, warmup: int = 2) -> dict:
    """Run ``action`` ``repeat`` times; return p50/p95/mean/min/max in ms."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return summarise(samples)


def summarise(samples: list[float]) -> dict:
    """p50/p95/mean/min/max in ms of samples taken in ms."""
    samples = sorted(samples)
    repeat = len(samples)
    return {
        "n": repeat,
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(samples[max(0, int(len(samples) * 0.95) - 1)], 2),
        "mean_ms": round(statistics.fmean(samples), 2),
        "min_ms": round(samples[0], 2),
        "max_ms": round(samples[-1], 2),
    }


def record(name: str, figures: dict) -> Path:
    """Print ``figures`` and write them to ``results/<name>.json``."""
    RESULTS.mkdir(exist_ok=True)
    payload = {
        "benchmark": name,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "figures": figures,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"\n{name}:")
    for key, value in figures.items():
        print(f"  {key}: {value}")
    print(f"  -> {path}")
    return path
