"""Crawl throughput: the full crawl against the download-only ceiling, in one run.

``python -m benchmarks.throughput [--sizes 2000,20000] [--seed 1]``

For each size: one replica process; the full ``mayadeen`` crawl (parse, clean, validate,
dedupe, export; fresh state) records every URL it fetched; then the ceiling spider
(``benchmarks/download_only.py``: the same Scrapy, settings and downloader stack, parses
nothing) downloads exactly those URLs from the same replica. Rates use Scrapy's own
``elapsed_time_seconds`` (spider open to close), the best of ``--repeat`` pairs run back
to back (the machine may be shared; the JSON keeps every repeat); CPU seconds of the crawler come from
``wait4`` and those of the replica from ``/proc``, so the result says which side was busy.
Writes ``benchmarks/results/throughput.json``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import (
    Measured,
    as_dict,
    crawl_command,
    download_only_command,
    process_cpu_seconds,
    run_measured,
    write_result,
)
from scripts.replica_process import ReplicaProcess

TARGET_RATIO = 0.80


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,20000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--repeat", default="1", help="full/ceiling pairs per size (N, or one per size: 3,1); best of each"
    )
    options = parser.parse_args(argv)
    sizes = [int(size) for size in options.sizes.split(",")]
    repeats = [int(count) for count in options.repeat.split(",")]
    repeats += [repeats[-1]] * (len(sizes) - len(repeats))
    with tempfile.TemporaryDirectory(prefix="mayadeen-bench-") as scratch:
        startup = _startup_cost(Path(scratch))
        runs = [
            _one_size(size, options.seed, Path(scratch), startup, repeat)
            for size, repeat in zip(sizes, repeats, strict=False)
        ]
    path = write_result(
        "throughput",
        {"target_ratio": TARGET_RATIO, "crawler_startup_cpu_s": round(startup, 3), "runs": runs},
    )
    print(f"wrote {path.relative_to(path.parents[2])}")
    return 0 if all(run["ok"] for run in runs) else 1


def _startup_cost(scratch: Path) -> float:
    """CPU seconds of a Scrapy process that downloads nothing (import, start, stop)."""
    empty = scratch / "no-urls.txt"
    empty.write_text("", encoding="utf-8")
    return run_measured(download_only_command(empty, stats=scratch / "empty-stats.json")).cpu_s


def _one_size(size: int, seed: int, scratch: Path, startup: float, repeat: int) -> dict[str, Any]:
    urls = scratch / f"urls-{size}.txt"
    fulls: list[Timed] = []
    ceilings: list[Timed] = []
    with ReplicaProcess(articles=size, seed=seed) as replica:
        assert replica.process is not None
        for rep in range(repeat):
            workdir = scratch / f"throughput-{size}-{rep}"
            workdir.mkdir()
            full_command = crawl_command(
                replica.base_url, workdir, stats=workdir / "full.json", urls=urls if rep == 0 else None
            )
            fulls.append(_timed(replica.process.pid, full_command, workdir / "full"))
            ceiling_command = download_only_command(urls, stats=workdir / "ceiling.json")
            ceilings.append(_timed(replica.process.pid, ceiling_command, workdir / "ceiling"))
    full, ceiling = min(fulls, key=_elapsed), min(ceilings, key=_elapsed)
    articles = int(full.stats.get("item_scraped_count", 0))
    run: dict[str, Any] = {
        "articles_in_corpus": size,
        "articles_exported": articles,
        "pages_fetched": int(full.stats.get("response_received_count", 0)),
        "repeats": repeat,
        "full": _side(full, articles, startup),
        "ceiling": _side(ceiling, articles, startup),
        "elapsed_s_each_repeat": {
            "full": [round(_elapsed(t), 2) for t in fulls],
            "ceiling": [round(_elapsed(t), 2) for t in ceilings],
        },
    }
    run["ratio"] = round(run["full"]["articles_per_s"] / run["ceiling"]["articles_per_s"], 3)
    # the same ratio from the crawler's CPU per article: what it is when each crawl has a core
    # to itself, whatever else the machine was doing
    run["cpu_ratio"] = round(
        run["ceiling"]["crawler_cpu_ms_per_article"] / run["full"]["crawler_cpu_ms_per_article"], 3
    )
    run["ok"] = all(t.measured.returncode == 0 for t in fulls + ceilings) and articles == size
    run["meets_target"] = run["ratio"] >= TARGET_RATIO
    _print(run)
    return run


@dataclass(frozen=True)
class Timed:
    """One measured crawl: the crawler process, its final Scrapy stats, the replica's CPU."""

    measured: Measured
    stats: dict[str, Any]
    replica_cpu_s: float


def _timed(replica_pid: int, command: list[str], stem: Path) -> Timed:
    before = process_cpu_seconds(replica_pid)
    measured = run_measured(command, log=stem.with_suffix(".log"))
    replica_cpu = process_cpu_seconds(replica_pid) - before
    stats = json.loads(stem.with_suffix(".json").read_text("utf-8"))
    return Timed(measured, stats, replica_cpu)


def _elapsed(timed: Timed) -> float:
    return float(timed.stats.get("elapsed_time_seconds", timed.measured.wall_s))


def _side(timed: Timed, articles: int, startup: float) -> dict[str, Any]:
    measured, stats, replica_cpu = timed.measured, timed.stats, timed.replica_cpu_s
    elapsed = _elapsed(timed)
    per_article = 1000 / max(articles, 1)
    return {
        "elapsed_s": round(elapsed, 2),
        "articles_per_s": round(articles / elapsed, 1),
        "pages_per_s": round(int(stats.get("response_received_count", 0)) / elapsed, 1),
        "process": as_dict(measured),
        "crawler_cpu_ms_per_article": round(measured.cpu_s * per_article, 3),
        "crawler_cpu_ms_per_article_net_of_startup": round((measured.cpu_s - startup) * per_article, 3),
        "replica_cpu_s": round(replica_cpu, 2),
        "replica_cpu_ms_per_article": round(replica_cpu * per_article, 3),
        "crawler_cores_busy": round(measured.cpu_s / measured.wall_s, 2),
        "replica_cores_busy": round(replica_cpu / measured.wall_s, 2),
    }


def _print(run: dict[str, Any]) -> None:
    full, ceiling = run["full"], run["ceiling"]
    print(
        f"{run['articles_in_corpus']:>6} articles: full {full['articles_per_s']:>6}/s "
        f"({full['elapsed_s']} s), ceiling {ceiling['articles_per_s']:>6}/s ({ceiling['elapsed_s']} s), "
        f"ratio {run['ratio']:.0%} (target {TARGET_RATIO:.0%}; by crawler CPU per article {run['cpu_ratio']:.0%})"
    )
    for name, side in (("full", full), ("ceiling", ceiling)):
        print(
            f"        {name:<8} CPU ms/article: crawler {side['crawler_cpu_ms_per_article']}, "
            f"replica {side['replica_cpu_ms_per_article']}; cores busy: crawler "
            f"{side['crawler_cores_busy']}, replica {side['replica_cores_busy']}; "
            f"peak RSS {side['process']['peak_rss_mib']} MiB"
        )


if __name__ == "__main__":
    raise SystemExit(main())
