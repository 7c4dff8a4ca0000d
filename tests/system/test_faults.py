"""Crawls under the replica's fault switches still export every article once, exactly."""

from __future__ import annotations

import collections
from typing import TYPE_CHECKING, Any

import pytest

from scripts.replica_process import ReplicaProcess
from tests.integration.crawl import fetch_json, field_mismatches, run_crawl

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.system

CHAOS = "500:10%,429:5%,slow:3%,truncate:2%,reset:2%"


def _assert_exact(lines: list[dict[str, Any]], truth: dict[str, dict[str, Any]]) -> None:
    counts = collections.Counter(line["url"] for line in lines)
    assert [url for url, n in counts.items() if n > 1] == []
    assert sorted(set(truth) - set(counts)) == []
    assert sorted(set(counts) - set(truth)) == []
    by_url = {line["url"]: line for line in lines}
    mismatches = [m for url, want in truth.items() for m in field_mismatches(by_url[url], want)]
    assert mismatches == [], "\n".join(mismatches[:40])


def test_the_chaos_profile_loses_nothing_and_doubles_nothing(tmp_path: Path) -> None:
    extra = ("--faults", CHAOS, "--slow-seconds", "4")
    with ReplicaProcess(articles=500, seed=5, extra_args=extra) as replica:
        truth = fetch_json(f"{replica.base_url}/_replica/truth.json")
        run = run_crawl(replica.base_url, tmp_path, settings={"DOWNLOAD_TIMEOUT": "2"})
    assert run.returncode == 0, run.log[-3000:]
    _assert_exact(run.lines, truth)
    stats = run.manifest["stats"]
    assert stats["downloader/response_status_count/500"] > 0
    assert stats["mayadeen/retry_after/honoured"] > 0
    assert stats["mayadeen/truncated/seen"] > 0
    assert stats["retry/reason_count/scrapy.exceptions.DownloadTimeoutError"] > 0


def test_challenge_pages_are_never_parsed_and_are_retried(tmp_path: Path) -> None:
    with ReplicaProcess(articles=150, seed=6, extra_args=("--faults", "challenge:10%")) as replica:
        truth = fetch_json(f"{replica.base_url}/_replica/truth.json")
        run = run_crawl(replica.base_url, tmp_path)
    assert run.returncode == 0, run.log[-3000:]
    _assert_exact(run.lines, truth)
    stats = run.manifest["stats"]
    assert stats["mayadeen/challenge/seen"] > 0
    assert "mayadeen/articles/skipped/challenge" not in stats


def test_a_drifted_layout_falls_back_field_by_field_and_says_so(tmp_path: Path) -> None:
    with ReplicaProcess(articles=200, seed=7, extra_args=("--drift", "15%")) as replica:
        truth = fetch_json(f"{replica.base_url}/_replica/truth.json")
        run = run_crawl(replica.base_url, tmp_path)
    # Every line is still exact, and the monitors say the layout moved (exit 3, see test_monitors.py).
    assert run.returncode == 3, run.log[-3000:]
    assert "layer/body/dom" in run.manifest["monitors"]["failed"]
    _assert_exact(run.lines, truth)
    stats = run.manifest["stats"]
    assert stats["mayadeen/parser/layer/body/dom-fallback"] > 0
    assert sum(1 for line in run.lines if line["post_id"] is None) == stats[
        "mayadeen/parser/layer/body/dom-fallback"
    ]
