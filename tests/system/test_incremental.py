"""Incremental runs on one STATE_DIR across replica restarts: a re-run costs only what is new.

The replica restarted with the same seed, size and port is the same site; ``--new`` and
``--updated`` make it the same site later. One first crawl is shared; every test starts
from a copy of its output and state.
"""

from __future__ import annotations

import collections
import json
import math
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from mayadeen_crawler.replica import Corpus
from mayadeen_crawler.replica.listing_page import PAGE_SIZE
from scripts.replica_process import ReplicaProcess
from tests.integration.crawl import ROOT, CrawlRun, crawl_command, fetch_json, field_mismatches, run_crawl

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.system

ARTICLES = 400
SEED = 21
NEW = 20
UPDATED = 10


@dataclass
class Site:
    """The replica of one seed and size, restartable on the port it first got."""

    port: int = 0

    @contextmanager
    def serve(self, *switches: str) -> Iterator[ReplicaProcess]:
        with ReplicaProcess(ARTICLES, SEED, extra_args=switches, port=self.port) as replica:
            self.port = replica.port
            yield replica

    def truth(self, *switches: str) -> dict[str, dict[str, Any]]:
        with self.serve(*switches) as replica:
            return dict(fetch_json(f"{replica.base_url}/_replica/truth.json"))


@dataclass
class FirstCrawl:
    site: Site
    workdir: Path
    run: CrawlRun
    truth: dict[str, dict[str, Any]]


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> FirstCrawl:
    site = Site()
    workdir = tmp_path_factory.mktemp("first")
    with site.serve() as replica:
        truth = dict(fetch_json(f"{replica.base_url}/_replica/truth.json"))
        run = run_crawl(replica.base_url, workdir)
    return FirstCrawl(site, workdir, run, truth)


@pytest.fixture
def workdir(first: FirstCrawl, tmp_path: Path) -> Path:
    """A copy of the output and state the first crawl left (its lock file is stale: dropped)."""
    copy = tmp_path / "crawl"
    shutil.copytree(first.workdir, copy)
    (copy / "state" / "seen.sqlite3.lock").unlink(missing_ok=True)
    return copy


def _assert_lines_equal_truth(lines: list[dict[str, Any]], truth: dict[str, dict[str, Any]]) -> None:
    counts = collections.Counter(line["url"] for line in lines)
    assert [url for url, n in counts.items() if n > 1] == []
    assert sorted(set(truth) - set(counts)) == [], "missing"
    assert sorted(set(counts) - set(truth)) == [], "not expected"
    mismatches = [m for line in lines for m in field_mismatches(line, truth[line["url"]])]
    assert mismatches == [], "\n".join(mismatches[:20])


def _cost(run: CrawlRun) -> dict[str, int]:
    stats = run.manifest["stats"]
    names = (
        "downloader/request_count",
        "mayadeen/article_pages",
        "mayadeen/listing_pages",
        "mayadeen/listings",
    )
    return {name.split("/", 1)[1]: int(stats.get(name, 0)) for name in names}


def _every_version_once(output: Path) -> list[tuple[str, int]]:
    lines = [line for path in sorted(output.glob("*.jsonl")) for line in _read(path)]
    counts = collections.Counter((line["post_id"] or line["url"], line["version"]) for line in lines)
    return [key for key, n in counts.items() if n > 1]


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_the_first_run_exports_every_article(first: FirstCrawl) -> None:
    assert first.run.returncode == 0, first.run.log[-3000:]
    _assert_lines_equal_truth(first.run.lines, first.truth)
    assert {line["version"] for line in first.run.lines} == {1}
    cost = _cost(first.run)
    print("first run:", cost)
    assert cost["article_pages"] == ARTICLES


def test_an_unchanged_rerun_downloads_no_article_page(first: FirstCrawl, workdir: Path) -> None:
    with first.site.serve() as replica:
        run = run_crawl(replica.base_url, workdir)
    assert run.returncode == 0, run.log[-3000:]
    assert run.lines == []
    cost = _cost(run)
    print("unchanged re-run:", cost)
    assert cost["article_pages"] == 0
    assert cost["listing_pages"] == cost["listings"], "more than one page for some listing"
    assert cost["request_count"] == cost["listings"] + 2  # + robots.txt and the home page
    assert run.manifest["stats"]["mayadeen/listing_stop/all_known"] > 0


def _expected_listing_pages(new: int, walked_listings: int) -> int:
    """Per listing: pages until the first one without a new card (never past its last page)."""
    corpus = Corpus(SEED, ARTICLES, new=new)
    pages = 0
    for indices in corpus.listings.values():
        fresh = sum(index < new for index in indices)
        pages += min(math.ceil(fresh / PAGE_SIZE) + 1, max(1, math.ceil(len(indices) / PAGE_SIZE)))
    return pages + walked_listings - len(corpus.listings)  # menu entries without cards (LIVE)


def test_new_articles_cost_their_own_pages(first: FirstCrawl, workdir: Path) -> None:
    grown = first.site.truth("--new", str(NEW))
    fresh = {url: want for url, want in grown.items() if url not in first.truth}
    assert len(fresh) == NEW
    with first.site.serve("--new", str(NEW)) as replica:
        run = run_crawl(replica.base_url, workdir)
    assert run.returncode == 0, run.log[-3000:]
    _assert_lines_equal_truth(run.lines, fresh)
    assert {line["version"] for line in run.lines} == {1}
    assert run.manifest["new"] == NEW
    cost = _cost(run)
    print(f"re-run with {NEW} new:", cost)
    assert cost["article_pages"] == NEW
    assert cost["listing_pages"] == _expected_listing_pages(NEW, cost["listings"])
    assert cost["request_count"] == cost["listing_pages"] + NEW + 2


def test_edits_seen_in_the_sitemap_lastmod_become_version_2(first: FirstCrawl, workdir: Path) -> None:
    edited_site = first.site.truth("--updated", str(UPDATED))
    edited = {url: want for url, want in edited_site.items() if want != first.truth[url]}
    assert len(edited) == UPDATED
    with first.site.serve("--updated", str(UPDATED)) as replica:
        run = run_crawl(replica.base_url, workdir, "route=sitemaps")
    assert run.returncode == 0, run.log[-3000:]
    _assert_lines_equal_truth(run.lines, edited)
    assert {line["version"] for line in run.lines} == {2}
    assert (run.manifest["updated"], run.manifest["new"]) == (UPDATED, 0)
    stats = run.manifest["stats"]
    print("sitemap re-run with edits:", _cost(run))
    assert stats["mayadeen/article_pages"] == stats["mayadeen/articles/refetch_lastmod"] == UPDATED
    assert _every_version_once(workdir / "output") == []


def test_refresh_all_downloads_everything_and_exports_only_changes(first: FirstCrawl, workdir: Path) -> None:
    with first.site.serve() as replica:
        unchanged = run_crawl(replica.base_url, workdir, "refresh=all")
    assert unchanged.returncode == 0, unchanged.log[-3000:]
    assert _cost(unchanged)["article_pages"] == ARTICLES
    assert unchanged.lines == []
    assert unchanged.manifest["stats"]["mayadeen/dropped/duplicate/unchanged"] == ARTICLES

    edited_site = first.site.truth("--updated", "3")
    edited = {url: want for url, want in edited_site.items() if want != first.truth[url]}
    with first.site.serve("--updated", "3") as replica:
        changed = run_crawl(replica.base_url, workdir, "refresh=all")
    assert changed.returncode == 0, changed.log[-3000:]
    assert _cost(changed)["article_pages"] == ARTICLES
    _assert_lines_equal_truth(changed.lines, edited)
    assert {line["version"] for line in changed.lines} == {2}
    assert _every_version_once(workdir / "output") == []


def _start(base_url: str, workdir: Path, name: str, settings: dict[str, str]) -> subprocess.Popen[bytes]:
    command = crawl_command(base_url, workdir, workdir / f"{name}.log", settings=settings)
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for_lock(lock: Path, process: subprocess.Popen[bytes]) -> None:
    """Until the crawl ``process`` holds the run lock (it writes its pid into the lock file)."""
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().strip() == f"pid {process.pid}"):
        assert process.poll() is None, "the first crawl ended before it took the lock"
        assert time.monotonic() < deadline, "the first crawl never took the lock"
        time.sleep(0.05)


def test_an_overlapping_run_refuses_or_waits_and_the_store_stays_whole(
    first: FirstCrawl, workdir: Path
) -> None:
    slow = {"DOWNLOAD_DELAY": "0.15"}  # the unchanged re-run takes a few seconds
    queued: subprocess.Popen[bytes] | None = None
    with first.site.serve() as replica:
        holder = _start(replica.base_url, workdir, "holder", slow)
        try:
            _wait_for_lock(workdir / "state" / "seen.sqlite3.lock", holder)
            queued = _start(replica.base_url, workdir, "queued", {"MAYADEEN_STATE_LOCK_WAIT": "120"})
            refused = run_crawl(replica.base_url, workdir)
            holder_still_running = holder.poll() is None
            assert holder.wait(timeout=120) == 0
            assert queued.wait(timeout=120) == 0
        finally:
            for process in (holder, queued):
                if process is not None and process.poll() is None:
                    process.kill()
                    process.wait()
    assert holder_still_running, "the runs did not overlap"
    assert refused.returncode != 0
    assert f"not started, the seen-store is busy: another crawl (pid {holder.pid})" in refused.log
    manifests = list((workdir / "output").glob("*.manifest.json"))
    assert len(manifests) == 3, "first crawl, holder and queued; a refused run writes no manifest"
    assert "waiting up to 120 s" in (workdir / "queued.log").read_text("utf-8")
    with sqlite3.connect(workdir / "state" / "seen.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        runs = db.execute("SELECT COUNT(*), SUM(clean) FROM runs").fetchone()
    db.close()
    assert runs == (3, 3), "first crawl, holder and queued each ended clean; the refused one left no row"
    assert _every_version_once(workdir / "output") == []


def test_a_partial_run_leaves_no_hole_for_the_next_run(first: FirstCrawl, workdir: Path) -> None:
    """``max_pages=1`` exports only the newest cards of each listing; the next full run must
    not stop early on the strength of those and miss the new articles below them."""
    grown = first.site.truth("--new", "200")
    fresh = {url: want for url, want in grown.items() if url not in first.truth}
    with first.site.serve("--new", "200") as replica:
        partial = run_crawl(replica.base_url, workdir, "max_pages=1")
        full = run_crawl(replica.base_url, workdir)
    assert partial.returncode == 0, partial.log[-3000:]
    assert full.returncode == 0, full.log[-3000:]
    assert 0 < len(partial.lines) < len(fresh)
    _assert_lines_equal_truth(partial.lines + full.lines, fresh)
