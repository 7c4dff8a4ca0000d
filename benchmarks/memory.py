"""Memory: peak RSS of the crawler process over full crawls of growing replicas.

``python -m benchmarks.memory [--sizes 2000,20000,50000] [--reuse benchmarks/results/throughput.json]``

Each size: one replica process and one full ``mayadeen`` crawl with fresh state; the
crawler's peak resident set comes from ``wait4`` (``ru_maxrss`` of that process alone,
not the replica), Scrapy's own ``memusage/startup`` and ``memusage/max`` are kept beside
it. ``--reuse`` takes the sizes the throughput benchmark already crawled from its JSON
instead of crawling them again. Target: the largest size within 1.3x of the smallest.
Writes ``benchmarks/results/memory.json``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.common import as_dict, crawl_command, run_measured, write_result
from scripts.replica_process import ReplicaProcess

TARGET_GROWTH = 1.3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,20000,50000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", default=None, help="a throughput.json whose full crawls count here")
    options = parser.parse_args(argv)
    reused = _reused(Path(options.reuse)) if options.reuse else {}
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="mayadeen-memory-") as scratch:
        for size in (int(size) for size in options.sizes.split(",")):
            run = reused.get(size) or _crawl(size, options.seed, Path(scratch))
            runs.append(run)
            print(
                f"{size:>6} articles: peak RSS {run['peak_rss_mib']:.1f} MiB "
                f"({run['articles_exported']} exported, {run['elapsed_s']} s{', reused' if run['reused'] else ''})"
            )
    growth = round(runs[-1]["peak_rss_mib"] / runs[0]["peak_rss_mib"], 3)
    print(f"growth {runs[0]['articles_in_corpus']} -> {runs[-1]['articles_in_corpus']}: {growth}x "
          f"(target <= {TARGET_GROWTH}x)")  # fmt: skip
    path = write_result(
        "memory",
        {
            "target_growth": TARGET_GROWTH,
            "growth": growth,
            "meets_target": growth <= TARGET_GROWTH,
            "runs": runs,
        },
    )
    print(f"wrote {path.relative_to(path.parents[2])}")
    return 0 if all(run["ok"] for run in runs) else 1


def _reused(path: Path) -> dict[int, dict[str, Any]]:
    if not path.exists():
        return {}
    document = json.loads(path.read_text("utf-8"))
    return {
        run["articles_in_corpus"]: {
            "articles_in_corpus": run["articles_in_corpus"],
            "articles_exported": run["articles_exported"],
            "peak_rss_mib": run["full"]["process"]["peak_rss_mib"],
            "elapsed_s": run["full"]["elapsed_s"],
            "ok": run["ok"],
            "reused": f"{path.name} ({document.get('commit')})",
        }
        for run in document.get("runs", [])
    }


def _crawl(size: int, seed: int, scratch: Path) -> dict[str, Any]:
    workdir = scratch / f"memory-{size}"
    workdir.mkdir()
    with ReplicaProcess(articles=size, seed=seed) as replica:
        measured = run_measured(
            crawl_command(replica.base_url, workdir, stats=workdir / "stats.json"), log=workdir / "crawl.log"
        )
    stats = json.loads((workdir / "stats.json").read_text("utf-8"))
    exported = int(stats.get("item_scraped_count", 0))
    return {
        "articles_in_corpus": size,
        "articles_exported": exported,
        "peak_rss_mib": round(measured.peak_rss_mib, 1),
        "scrapy_memusage_startup_mib": round(int(stats.get("memusage/startup", 0)) / 2**20, 1),
        "scrapy_memusage_max_mib": round(int(stats.get("memusage/max", 0)) / 2**20, 1),
        "elapsed_s": round(float(stats.get("elapsed_time_seconds", measured.wall_s)), 1),
        "process": as_dict(measured),
        "ok": measured.returncode == 0 and exported == size,
        "reused": None,
    }


if __name__ == "__main__":
    raise SystemExit(main())
