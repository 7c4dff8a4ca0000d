"""Incremental crawl cost: pages a first run and its re-runs download, on one STATE_DIR.

``python -m benchmarks.incremental [--articles 2000[,20000]] [--seed 1] [--new 20]``

For each size: a replica (restarted on the same port, so the same URLs) is crawled once
from a fresh state, then again unchanged; then, each from a copy of that state, after
``--new N`` new articles, after 1 % new articles (when that is not N already), and after
1 % edited articles read through the sitemap route. Pages are Scrapy's
``downloader/request_count`` and the spider's ``mayadeen/article_pages`` /
``mayadeen/listing_pages`` from each run's manifest; "other" is robots.txt, the home page
and sitemaps. Writes ``benchmarks/results/incremental.json`` and prints a table.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import write_result
from scripts.replica_process import ReplicaProcess
from tests.integration.crawl import run_crawl

_COLUMNS = ("requests", "article_pages", "listing_pages", "other_pages", "exported", "wall_s")


class Scenario:
    """One size: a replica restartable on its port, and the crawls run against it."""

    def __init__(self, articles: int, seed: int, scratch: Path) -> None:
        self.articles = articles
        self.seed = seed
        self.scratch = scratch
        self.port = 0
        self.rows: list[dict[str, Any]] = []

    def crawl(
        self, label: str, workdir: Path, switches: tuple[str, ...] = (), args: tuple[str, ...] = ()
    ) -> None:
        """One crawl of the replica started with ``switches``; its costs become a row."""
        workdir.mkdir(parents=True, exist_ok=True)
        with ReplicaProcess(self.articles, self.seed, extra_args=switches, port=self.port) as replica:
            self.port = replica.port
            started = time.perf_counter()
            run = run_crawl(replica.base_url, workdir, *args)
            wall = time.perf_counter() - started
        stats = run.manifest.get("stats", {})
        requests = int(stats.get("downloader/request_count", 0))
        articles = int(stats.get("mayadeen/article_pages", 0))
        listings = int(stats.get("mayadeen/listing_pages", 0))
        row = {
            "run": label,
            "switches": " ".join(switches + args) or "-",
            "returncode": run.returncode,
            "finish_reason": run.manifest.get("finish_reason"),
            "requests": requests,
            "article_pages": articles,
            "listing_pages": listings,
            "other_pages": requests - articles - listings,
            "exported": len(run.lines),
            "new": run.manifest.get("new", 0),
            "updated": run.manifest.get("updated", 0),
            "wall_s": round(wall, 2),
        }
        self.rows.append(row)
        print(_format_row(self.articles, row), flush=True)
        if run.returncode != 0:
            print(run.log[-2000:], file=sys.stderr)

    def copy_of(self, base: Path, name: str) -> Path:
        """A copy of the output and state a run left, for a scenario that must start from it."""
        target = self.scratch / name
        shutil.copytree(base, target)
        return target


def _one_size(articles: int, seed: int, new: int, scratch: Path) -> dict[str, Any]:
    scenario = Scenario(articles, seed, scratch)
    base = scratch / "base"
    scenario.crawl("first run", base)
    scenario.crawl("unchanged re-run", base)
    one_percent = max(1, articles // 100)
    for count in sorted({new, one_percent}):
        share = " (1 %)" if count == one_percent else ""
        scenario.crawl(
            f"re-run, {count} new{share}", scenario.copy_of(base, f"new-{count}"), ("--new", str(count))
        )
    scenario.crawl(
        f"sitemap re-run, {one_percent} edited",
        scenario.copy_of(base, "edited"),
        ("--updated", str(one_percent)),
        ("route=sitemaps",),
    )
    return {"articles": articles, "seed": seed, "runs": scenario.rows}


def _format_row(articles: int | str, row: dict[str, Any]) -> str:
    cells = "".join(f"{row[name]!s:>15}" for name in _COLUMNS)
    return f"{articles!s:>8}  {row['run']:<32}{cells}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", default="2000", help="comma-separated corpus sizes (2000,20000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--new", type=int, default=20, help="new articles of the first re-run with news")
    options = parser.parse_args(argv)
    print(_format_row("articles", {"run": "run", **{name: name for name in _COLUMNS}}), flush=True)
    sizes = []
    for articles in (int(size) for size in options.articles.split(",")):
        with tempfile.TemporaryDirectory(prefix="mayadeen-incremental-") as scratch:
            sizes.append(_one_size(articles, options.seed, options.new, Path(scratch)))
    path = write_result("incremental", {"sizes": sizes})
    print(f"wrote {path.relative_to(path.parents[2])}")
    failed = [row["run"] for size in sizes for row in size["runs"] if row["returncode"] != 0]
    if failed:
        print(f"crawls that failed: {failed}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
