"""``kill -9`` at any moment, then run again: every article exactly once, no broken line."""

from __future__ import annotations

import collections
import json
import os
import signal
import subprocess
import time
from typing import TYPE_CHECKING, Any

import pytest

from scripts.processes import scrapy_crawl_command
from scripts.replica_process import ReplicaProcess
from scripts.workers import lines_on_disk
from tests.integration.crawl import ROOT, fetch_json, field_mismatches, run_crawl

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.system

KILL_AT_ITEMS = (60, 330, 700, 1150, 1600)  # lines written, counted across all runs so far
BATCH = {"MAYADEEN_EXPORT_BATCH_ITEMS": "100"}


def _crawl_command(base_url: str, workdir: Path) -> list[str]:
    settings = {"MAYADEEN_BASE_URL": base_url, "OUTPUT_DIR": workdir / "output", "STATE_DIR": workdir / "state"}
    return scrapy_crawl_command({**settings, "LOG_LEVEL": "WARNING", **BATCH})


def _crawl_and_kill(base_url: str, workdir: Path, at_lines: int) -> bool:
    """Start a crawl and SIGKILL it once at_lines lines are on disk; False if it ended first."""
    process = subprocess.Popen(_crawl_command(base_url, workdir), cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 120
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if lines_on_disk(workdir / "output") >= at_lines:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
                return True
            time.sleep(0.01)
        return False
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _published_lines(output: Path) -> list[dict[str, Any]]:
    lines = []
    for path in sorted(output.glob("*.jsonl")):
        text = path.read_text("utf-8")
        assert text.endswith("\n"), f"{path.name} ends in a half line"
        lines += [json.loads(line) for line in text.splitlines()]
    return lines


def _stale_parts(output: Path) -> list[str]:
    return [path.name for path in output.glob(".*.part")]


def _assert_each_version_once(lines: list[dict[str, Any]]) -> None:
    counts = collections.Counter((line["post_id"] or line["url"], line["version"]) for line in lines)
    assert [key for key, n in counts.items() if n > 1] == []


def test_killed_crawls_resume_to_every_article_exactly_once(tmp_path: Path) -> None:
    with ReplicaProcess(articles=2000, seed=11) as replica:
        truth = fetch_json(f"{replica.base_url}/_replica/truth.json")
        kills = 0
        for at_lines in KILL_AT_ITEMS:
            kills += _crawl_and_kill(replica.base_url, tmp_path, at_lines)
            _assert_each_version_once(_published_lines(tmp_path / "output"))
        final = run_crawl(replica.base_url, tmp_path, settings=BATCH)
    assert kills == len(KILL_AT_ITEMS), "a crawl ended before the point where it was to be killed"
    assert _stale_parts(tmp_path / "output") == []
    assert final.returncode == 0, final.log[-3000:]
    assert final.manifest["stats"].get("mayadeen/listing_stop/all_known", 0) == 0, "resumed with early stop"
    lines = _published_lines(tmp_path / "output")
    _assert_each_version_once(lines)
    by_url = {line["url"]: line for line in lines}
    assert sorted(set(truth) - set(by_url)) == []
    assert sorted(set(by_url) - set(truth)) == []
    mismatches = [m for url, want in truth.items() for m in field_mismatches(by_url[url], want)]
    assert mismatches == [], "\n".join(mismatches[:20])
    _assert_every_run_reported(tmp_path / "output", killed=len(KILL_AT_ITEMS))


def _assert_every_run_reported(output: Path, killed: int) -> None:
    """Each killed run got its report from the run after it; the reports account for every file."""
    manifests = [json.loads(path.read_text("utf-8")) for path in output.glob("*.manifest.json")]
    assert sorted(m["finish_reason"] for m in manifests) == ["died"] * killed + ["finished"]
    reported = {f["path"]: f["lines"] for m in manifests for f in m["output_files"]}
    on_disk = {str(path): len(path.read_text("utf-8").splitlines()) for path in output.glob("*.jsonl")}
    assert reported == on_disk
