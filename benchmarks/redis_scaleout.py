"""Scale-out on Redis: articles/s for 1, 2 and 4 worker processes sharing one frontier.

``python -m benchmarks.redis_scaleout [--articles 3000] [--latency-ms 100] [--workers 1,2,4]
[--concurrency 8] [--route menus|sitemaps] [--seed 1]``

One replica that waits ``--latency-ms`` before every response (a far-away site) and one
``redis-server`` (Debian's, on a free loopback port) serve every run. For each worker
count, that many ``scrapy crawl mayadeen -s MAYADEEN_REDIS_URL=...`` processes start at
once under a fresh key prefix (so a fresh frontier and seen-store), each with
``CONCURRENT_REQUESTS=--concurrency``, and crawl the replica to its end; first, as the
baseline, one process without Redis (SQLite seen-store, Scrapy's own scheduler). Reported:
articles exported (the union of the workers' files, checked against the replica's truth:
each article exactly once), the wall time from launch to the last exit, and the crawl span
from the first worker's Scrapy start to the last one's finish (both include the
``MAYADEEN_REDIS_IDLE_CLOSE`` wait of 1 s here, start-up only the first), with articles/s
over each, and the CPU seconds the workers used (``getrusage`` of the waited children) with
the cores they kept busy over the wall time, the replica's CPU seconds, and the machine's
load average after the run (a shared machine is noisy). Writes
``benchmarks/results/redis_scaleout.json`` (``redis_scaleout_sitemaps.json`` with
``--route sitemaps``) and prints a table.

On the menus route a listing is paged one page after the other, so its deepest listing is
a chain of page latencies no number of workers shortens; the sitemap route hands out all
article URLs after two levels of sitemaps.
"""

from __future__ import annotations

import argparse
import collections
import os
import resource
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.common import process_cpu_seconds, write_result
from scripts.redis_process import RedisProcess
from scripts.replica_process import ReplicaProcess
from scripts.workers import manifests, published_lines, start_worker, stop
from tests.integration.crawl import fetch_json

_IDLE_CLOSE = 1.0


def _one_run(
    workers: int,
    replica: ReplicaProcess,
    redis_url: str,
    truth: dict[str, Any],
    scratch: Path,
    concurrency: int,
    route: str,
) -> dict[str, Any]:
    """``workers`` processes on Redis at ``redis_url``; one without Redis when it is empty."""
    workdir = scratch / (f"workers-{workers}" if redis_url else "no-redis")
    settings = {
        "MAYADEEN_REDIS_PREFIX": f"bench:{workers}:{time.time_ns()}",
        "MAYADEEN_REDIS_IDLE_CLOSE": str(_IDLE_CLOSE),
        "CONCURRENT_REQUESTS": str(concurrency),
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(concurrency),
        "LOG_LEVEL": "INFO",
    }
    cpu_before = _children_cpu()
    assert replica.process is not None
    replica_before = process_cpu_seconds(replica.process.pid)
    started = time.perf_counter()
    args = (f"route={route}",)
    processes = [start_worker(replica.base_url, redis_url, workdir, f"w{i}", settings, args) for i in range(workers)]
    try:
        codes = [process.wait(timeout=900) for process in processes]
    finally:
        for process in processes:
            stop(process)
    wall = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    replica_cpu = process_cpu_seconds(replica.process.pid) - replica_before
    lines = published_lines(workdir / "output")
    per_key = collections.Counter((line["post_id"] or line["url"], line["version"]) for line in lines)
    stats = [m["stats"] for m in manifests(workdir / "output")]
    span = _span(stats)
    exported = len({line["url"] for line in lines})
    return {
        "workers": workers,
        "redis": bool(redis_url),
        "returncodes": codes,
        "articles": exported,
        "matches_truth": set(truth) == {line["url"] for line in lines} and max(per_key.values(), default=0) == 1,
        "exported_per_worker": [int(s.get("mayadeen/exported", 0)) for s in stats],
        "requests": sum(int(s.get("downloader/request_count", 0)) for s in stats),
        "wall_s": round(wall, 2),
        "workers_cpu_s": round(cpu, 2),
        "workers_cores_busy": round(cpu / wall, 2),
        "replica_cpu_s": round(replica_cpu, 2),
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "span_s": round(span, 2),
        "articles_per_s_wall": round(exported / wall, 1),
        "articles_per_s_span": round(exported / span, 1) if span else None,
    }


def _children_cpu() -> float:
    """User + system CPU seconds of the child processes waited for so far (the workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _span(stats: list[dict[str, Any]]) -> float:
    """From the first Scrapy start to the last finish among the workers' manifests."""
    starts = [datetime.fromisoformat(str(s["start_time"])) for s in stats if s.get("start_time")]
    ends = [datetime.fromisoformat(str(s["finish_time"])) for s in stats if s.get("finish_time")]
    return (max(ends) - min(starts)).total_seconds() if starts and ends else 0.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.redis_scaleout", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--latency-ms", type=float, default=100)
    parser.add_argument("--workers", default="1,2,4", help="worker counts, comma-separated")
    parser.add_argument("--concurrency", type=int, default=8, help="CONCURRENT_REQUESTS of each worker")
    parser.add_argument("--route", default="menus", choices=("menus", "sitemaps"), help="the spider's route")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    switches = ("--latency-ms", str(args.latency_ms))
    rows = []
    with (
        tempfile.TemporaryDirectory(prefix="bench-redis-") as scratch,
        ReplicaProcess(args.articles, args.seed, extra_args=switches) as replica,
        RedisProcess() as server,
    ):
        truth = fetch_json(f"{replica.base_url}/_replica/truth.json")
        runs = [(1, "")] + [(workers, server.url) for workers in counts]
        for workers, redis_url in runs:
            row = _one_run(workers, replica, redis_url, truth, Path(scratch), args.concurrency, args.route)
            rows.append(row)
            label = f"{workers} worker(s)" if redis_url else "1 process, no Redis"
            print(
                f"{label}: {row['articles']} articles, wall {row['wall_s']} s "
                f"({row['articles_per_s_wall']}/s), span {row['span_s']} s ({row['articles_per_s_span']}/s), "
                f"exactly once: {row['matches_truth']}, per worker {row['exported_per_worker']}, "
                f"workers' CPU {row['workers_cpu_s']} s ({row['workers_cores_busy']} cores), "
                f"replica CPU {row['replica_cpu_s']} s, load {row['load_average_after'][0]}",
                flush=True,
            )
    base = rows[1]["articles_per_s_span"] or 1  # one worker on Redis
    for row in rows:
        row["speedup_span"] = round((row["articles_per_s_span"] or 0) / base, 2)
    path = write_result(
        "redis_scaleout" if args.route == "menus" else f"redis_scaleout_{args.route}",
        {
            "route": args.route,
            "articles": args.articles,
            "seed": args.seed,
            "latency_ms": args.latency_ms,
            "concurrency_per_worker": args.concurrency,
            "idle_close_s": _IDLE_CLOSE,
            "runs": rows,
        },
    )
    print(f"{'workers':>9} {'articles/s (span)':>18} {'articles/s (wall)':>18} {'speed-up':>9}")
    for row in rows:
        label = str(row["workers"]) if row["redis"] else "no Redis"
        print(
            f"{label:>9} {row['articles_per_s_span']!s:>18} {row['articles_per_s_wall']!s:>18} "
            f"{row['speedup_span']:>9}"
        )
    print(f"written to {path}")


if __name__ == "__main__":
    main()
