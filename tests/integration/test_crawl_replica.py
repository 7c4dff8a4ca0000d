"""End to end: crawl a 300-article replica and compare every exported item with its truth."""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from mayadeen_crawler.pipelines.validate import load_article_schema
from scripts.replica_process import ReplicaProcess
from tests.integration.crawl import CrawlRun, fetch_json, field_mismatches, run_crawl

pytestmark = pytest.mark.system


@pytest.fixture(scope="module")
def replica() -> Any:
    with ReplicaProcess(articles=300, seed=3) as running:
        yield running


@pytest.fixture(scope="module")
def truth(replica: ReplicaProcess) -> dict[str, dict[str, Any]]:
    return dict(fetch_json(f"{replica.base_url}/_replica/truth.json"))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crawl")


@pytest.fixture(scope="module")
def first_run(replica: ReplicaProcess, workdir: Path) -> CrawlRun:
    return run_crawl(replica.base_url, workdir)


def test_the_first_run_succeeds(first_run: CrawlRun) -> None:
    assert first_run.returncode == 0, first_run.log[-3000:]
    assert first_run.manifest["finish_reason"] == "finished"


def test_every_article_is_exported_exactly_once(first_run: CrawlRun, truth: dict[str, Any]) -> None:
    counts = collections.Counter(line["url"] for line in first_run.lines)
    assert [url for url, n in counts.items() if n > 1] == []
    assert sorted(set(truth) - set(counts)) == [], "articles missing from the output"
    assert sorted(set(counts) - set(truth)) == [], "lines that are no article of the replica"


def test_every_field_equals_the_truth(first_run: CrawlRun, truth: dict[str, Any]) -> None:
    by_url = {line["url"]: line for line in first_run.lines}
    mismatches = [m for url, want in truth.items() if url in by_url for m in field_mismatches(by_url[url], want)]
    assert mismatches == [], "\n".join(mismatches[:40])


def test_the_output_validates_against_the_schema(first_run: CrawlRun) -> None:
    validator = Draft202012Validator(load_article_schema())
    errors = [f"{line['url']}: {e.message}" for line in first_run.lines for e in validator.iter_errors(line)]
    assert errors == []
    assert first_run.lines, "no lines to validate"


def test_the_manifest_describes_the_output(first_run: CrawlRun) -> None:
    files = first_run.manifest["output_files"]
    assert len(files) == 1
    assert files[0]["lines"] == len(first_run.lines)
    assert sum(first_run.manifest["exported_by"]["section"].values()) == len(first_run.lines)
    assert not list(Path(files[0]["path"]).parent.glob(".*.part"))


def test_a_second_run_exports_nothing_and_downloads_no_article(
    first_run: CrawlRun, replica: ReplicaProcess, workdir: Path, truth: dict[str, Any]
) -> None:
    assert first_run.returncode == 0
    second = run_crawl(replica.base_url, workdir)
    assert second.returncode == 0, second.log[-3000:]
    assert second.lines == []
    stats = second.manifest["stats"]
    assert stats.get("mayadeen/articles/parsed", 0) == 0
    assert stats.get("mayadeen/article_pages", 0) == 0
    assert stats["mayadeen/articles/skipped_known"] >= len(truth)


def test_the_sitemap_route_reads_only_the_months_asked(
    replica: ReplicaProcess, truth: dict[str, Any], tmp_path: Path
) -> None:
    months = sorted({want["published_at"][:7] for want in truth.values()})
    month = months[len(months) // 2]
    run = run_crawl(replica.base_url, tmp_path, f"from_month={month}", f"to_month={month}")
    assert run.returncode == 0, run.log[-3000:]
    expected = {url for url, want in truth.items() if _sitemap_month(want) == month}
    assert {line["url"] for line in run.lines} == expected
    assert expected


def _sitemap_month(want: dict[str, Any]) -> str:
    return str(want["published_at"][:7])


def test_sections_and_max_pages_limit_the_walk(replica: ReplicaProcess, tmp_path: Path) -> None:
    run = run_crawl(replica.base_url, tmp_path, "sections=politics", "max_pages=1")
    assert run.returncode == 0, run.log[-3000:]
    assert 0 < len(run.lines) <= 20
    assert {line["category"] for line in run.lines} <= {"Politics"}
    assert run.manifest["stats"]["mayadeen/listing_pages"] == 1


def test_json_lines_are_utf8_without_escapes(first_run: CrawlRun) -> None:
    raw = Path(first_run.manifest["output_files"][0]["path"]).read_text("utf-8")
    assert "\\u20" not in raw
    assert any(mark in raw for mark in "’“”")
