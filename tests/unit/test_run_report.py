"""The run report of a run that died before its end, written by the next run."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import TYPE_CHECKING

from scrapy.utils.test import get_crawler

from mayadeen_crawler.extensions.report import RunReport
from mayadeen_crawler.state import DeadRun

if TYPE_CHECKING:
    from pathlib import Path


def _spider(unfinished: list[DeadRun]) -> SimpleNamespace:
    logger = SimpleNamespace(warning=lambda *args: None, info=lambda *args: None)
    return SimpleNamespace(seen_store=SimpleNamespace(run_id="now", unfinished_runs=unfinished), logger=logger)


def test_a_dead_run_gets_a_report_with_its_published_files(tmp_path: Path) -> None:
    published = tmp_path / "mayadeen-dead-001.jsonl"
    published.write_text('{"a": 1}\n{"a": 2}\n')
    dead = DeadRun("dead", "2026-11-24T20:00:00.000000Z", (str(published),), kept=2, lost=5)
    report = RunReport.from_crawler(get_crawler(settings_dict={"OUTPUT_DIR": str(tmp_path)}))
    report.spider_opened(_spider([dead]))  # type: ignore[arg-type]
    manifest = json.loads((tmp_path / "mayadeen-dead.manifest.json").read_text("utf-8"))
    assert manifest["finish_reason"] == "died"
    assert manifest["found_by_run"] == "now"
    assert (manifest["exported"], manifest["lost_lines"]) == (2, 5)
    assert [(f["path"], f["lines"]) for f in manifest["output_files"]] == [(str(published), 2)]


def test_an_existing_report_is_never_overwritten(tmp_path: Path) -> None:
    existing = tmp_path / "mayadeen-dead.manifest.json"
    existing.write_text('{"finish_reason": "died", "found_by_run": "earlier"}')
    dead = DeadRun("dead", "2026-11-24T20:00:00.000000Z", (), kept=0, lost=1)
    report = RunReport.from_crawler(get_crawler(settings_dict={"OUTPUT_DIR": str(tmp_path)}))
    report.spider_opened(_spider([dead]))  # type: ignore[arg-type]
    assert json.loads(existing.read_text("utf-8"))["found_by_run"] == "earlier"
