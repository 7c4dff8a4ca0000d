"""Crawls with the real Chromium: challenges solved once and reused, JS listings, hanging pages."""

from __future__ import annotations

import collections
from typing import TYPE_CHECKING, Any

import pytest

from scripts.replica_process import ReplicaProcess
from tests.integration.crawl import CrawlRun, fetch_json, field_mismatches, run_crawl

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.system


def _crawl(
    tmp_path: Path, replica_args: tuple[str, ...], articles: int, **settings: str
) -> tuple[CrawlRun, Any]:
    with ReplicaProcess(articles=articles, seed=11, extra_args=replica_args) as replica:
        truth = fetch_json(f"{replica.base_url}/_replica/truth.json")
        run = run_crawl(replica.base_url, tmp_path, settings=settings)
    return run, truth


def _assert_exact(run: CrawlRun, truth: dict[str, dict[str, Any]]) -> dict[str, Any]:
    assert run.returncode == 0, run.log[-3000:]
    counts = collections.Counter(line["url"] for line in run.lines)
    assert [url for url, n in counts.items() if n > 1] == []
    assert sorted(set(truth) ^ set(counts)) == []
    by_url = {line["url"]: line for line in run.lines}
    mismatches = [m for url, want in truth.items() for m in field_mismatches(by_url[url], want)]
    assert mismatches == [], "\n".join(mismatches[:40])
    stats: dict[str, Any] = run.manifest["stats"]
    assert stats.get("playwright/page_count", 0) == stats.get("playwright/page_count/closed", 0)
    return stats


def test_challenges_are_solved_in_the_browser_and_the_cookie_carries_the_crawl(tmp_path: Path) -> None:
    replica = ("--mode", "challenge", "--clearance-uses", "150")
    run, truth = _crawl(tmp_path, replica, articles=300)
    stats = _assert_exact(run, truth)
    browser, plain = stats["mayadeen/browser/requests"], stats["mayadeen/plain/requests"]
    assert browser <= 0.05 * (browser + plain), (browser, plain)
    assert stats["mayadeen/challenge/solved"] >= 2  # the first one, and after the cookie stopped working
    assert stats["mayadeen/clearance/stopped_working"] > 0
    assert stats["mayadeen/clearance/reused"] > 0.9 * plain
    assert stats["playwright/request_count/aborted"] > 0  # images never fetched
    assert "mayadeen/articles/skipped/challenge" not in stats


def test_the_cookie_is_reused_with_the_user_agent_the_browser_actually_sent(tmp_path: Path) -> None:
    headers = "tests.system.browser_headers.browser_own_headers"
    run, truth = _crawl(
        tmp_path, ("--mode", "challenge"), articles=40, PLAYWRIGHT_PROCESS_REQUEST_HEADERS=headers
    )
    stats = _assert_exact(run, truth)
    assert stats["mayadeen/challenge/solved"] == 1
    assert (
        "bound to 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/"
        in run.log
    )


@pytest.mark.parametrize(("mode", "browser_used"), [("js-listing", False), ("js-listing-hidden", True)])
def test_script_paged_listings_reach_every_article(tmp_path: Path, mode: str, browser_used: bool) -> None:
    run, truth = _crawl(tmp_path, ("--mode", mode), articles=120)
    stats = _assert_exact(run, truth)
    if browser_used:  # no endpoint in the markup: the browser pressed "Load more"
        assert stats["mayadeen/listing/script_paging/browser"] > 0
        assert stats["mayadeen/browser/requests"] == stats["mayadeen/listing/script_paging/browser"]
    else:  # the JSON endpoint was read directly, no browser at all
        assert stats["mayadeen/listing/script_paging/json"] > 0
        assert "mayadeen/browser/requests" not in stats
        assert "Starting download handler" not in run.log  # Playwright itself never started


def test_a_page_that_hangs_in_the_browser_does_not_hang_the_crawl(tmp_path: Path) -> None:
    replica = ("--mode", "browser-hang", "--hang-share", "0.1")
    run, truth = _crawl(
        tmp_path, replica, articles=40, MAYADEEN_BROWSER="always", MAYADEEN_BROWSER_TIMEOUT="3"
    )
    stats = _assert_exact(run, truth)
    assert stats["mayadeen/browser/errors"] > 0
    assert stats["mayadeen/browser/fallback_plain"] == stats["mayadeen/browser/errors"]
    assert stats["playwright/page_count/max_concurrent"] <= 4


def test_without_the_browser_a_challenge_fails_loudly_and_nothing_is_exported(tmp_path: Path) -> None:
    run, _ = _crawl(tmp_path, ("--mode", "challenge"), articles=40, MAYADEEN_BROWSER="never")
    assert run.lines == []
    stats = run.manifest["stats"]
    assert stats["mayadeen/challenge/given_up"] >= 1
    assert "mayadeen/browser/requests" not in stats
    assert "playwright/page_count" not in stats  # scrapy-playwright was never installed
    assert "MAYADEEN_BROWSER=auto would solve it" in run.log
    assert run.returncode != 0  # the run monitors flag a run that exported nothing
