"""Monitors on real crawls of the replica: a healthy site passes, a drifted layout fails the run."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from scripts.replica_process import ReplicaProcess
from tests.integration.crawl import run_crawl

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.system


def test_a_healthy_site_passes_every_monitor(tmp_path: Path) -> None:
    with ReplicaProcess(articles=150, seed=11) as replica:
        run = run_crawl(replica.base_url, tmp_path)
    assert run.returncode == 0, run.log[-3000:]
    monitors = run.manifest["monitors"]
    assert (monitors["verdict"], monitors["failed"]) == ("passed", [])
    assert {check["status"] for check in monitors["checks"]} == {"pass"}
    assert run.manifest["finish_reason"] == "finished"
    assert "monitors: 16 passed, 0 failed, 0 skipped" in run.log


def test_a_drifted_site_fails_the_run_and_says_which_check_by_how_much(tmp_path: Path) -> None:
    with ReplicaProcess(articles=150, seed=11, extra_args=("--drift", "30%")) as replica:
        run = run_crawl(replica.base_url, tmp_path)
    assert run.returncode == 3, run.log[-3000:]
    assert len(run.lines) == 150, "the lines are still exported: the monitors judge, they do not drop"
    assert run.manifest["finish_reason"] == "monitors_failed"
    monitors = run.manifest["monitors"]
    assert monitors["verdict"] == "failed"
    assert set(monitors["failed"]) == {"layer/title/tawsiyat", "layer/published_at/tawsiyat", "layer/body/dom"}
    checks = {check["name"]: check for check in monitors["checks"]}
    share = checks["layer/title/tawsiyat"]["value"]
    assert 0.6 < share < 0.8
    assert checks["layer/title/tawsiyat"]["threshold"] == 0.9
    assert checks["coverage/published_at"]["status"] == "pass", "the fallbacks still read every date"
    assert f"ERROR: monitor failed: layer/title/tawsiyat: {share:.4g} < 0.9 (short by" in run.log
    assert run.manifest["stats"]["mayadeen/monitors/verdict"] == "failed"
