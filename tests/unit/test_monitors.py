"""Run monitors on hand-made stats: checks, coverage counters, verdict, exit-code helper."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import pytest
from scrapy.exceptions import CloseSpider
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from mayadeen_crawler import settings as project_settings
from mayadeen_crawler.commands.crawl import monitors_failed
from mayadeen_crawler.items import ArticleItem
from mayadeen_crawler.monitors.checks import run_checks
from mayadeen_crawler.monitors.config import MonitorConfig
from mayadeen_crawler.monitors.coverage import FieldCoverage, covered_fields
from mayadeen_crawler.monitors.extension import MONITORS_FAILED, VERDICT, RunMonitors

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

CONFIG = MonitorConfig.from_settings(Settings(vars(project_settings)))


def healthy(items: int = 100, **changes: int) -> dict[str, Any]:
    """The stats of a clean run that exported ``items`` articles, with some counters changed."""
    stats: dict[str, Any] = {
        "mayadeen/exported": items,
        "item_scraped_count": items,
        "response_received_count": items + 30,
        "mayadeen/coverage/items": items,
        **{f"mayadeen/coverage/{name}": items for name in CONFIG.coverage},
        **{f"mayadeen/parser/layer/{name}/{layer}": items for name in ("title", "published_at") for layer in ["tawsiyat"]},
        "mayadeen/parser/layer/body/dom": items,
    }
    stats.update(changes)
    return stats


def by_name(stats: dict[str, Any], config: MonitorConfig = CONFIG) -> dict[str, Any]:
    return {result.name: result for result in run_checks(stats, config)}


def test_a_healthy_run_passes_every_check() -> None:
    results = by_name(healthy())
    assert [name for name, result in results.items() if result.status != "pass"] == []
    assert {"items/exported", "coverage/published_at", "coverage/body", "coverage/image",
            "ratio/errors", "ratio/failed_requests", "ratio/dropped_invalid",
            "layer/title/tawsiyat", "layer/published_at/tawsiyat", "layer/body/dom"} <= set(results)  # fmt: skip


def test_low_field_coverage_fails_and_says_by_how_much() -> None:
    result = by_name(healthy(**{"mayadeen/coverage/image": 62}))["coverage/image"]
    assert (result.status, result.value, result.threshold) == ("fail", 0.62, 0.8)
    assert result.describe() == "coverage/image: 0.62 < 0.8 (short by 0.18; 62 of 100 items)"


def test_published_at_must_be_on_every_item() -> None:
    assert by_name(healthy(**{"mayadeen/coverage/published_at": 99}))["coverage/published_at"].failed


def test_a_move_from_tawsiyat_to_fallbacks_fails_the_layer_checks() -> None:
    stats = healthy(**{
        "mayadeen/parser/layer/title/tawsiyat": 70, "mayadeen/parser/layer/title/meta": 30,
        "mayadeen/parser/layer/body/dom": 70, "mayadeen/parser/layer/body/dom-fallback": 30,
    })  # fmt: skip
    results = by_name(stats)
    assert results["layer/title/tawsiyat"].value == 0.7
    assert results["layer/title/tawsiyat"].failed
    assert results["layer/body/dom"].failed
    assert not results["layer/published_at/tawsiyat"].failed


def test_error_failure_and_drop_ratios_have_ceilings() -> None:
    stats = healthy(**{
        "log_count/ERROR": 5, "mayadeen/article_pages/failed": 2, "mayadeen/listing_pages/failed": 2,
        "mayadeen/dropped/invalid/body": 3,
    })  # fmt: skip
    results = by_name(stats)
    assert results["ratio/errors"].failed
    assert results["ratio/errors"].describe().startswith("ratio/errors: 0.03846 > 0.01 (over by")
    assert results["ratio/failed_requests"].value == pytest.approx(4 / 130, abs=1e-6)
    assert results["ratio/failed_requests"].failed
    assert results["ratio/dropped_invalid"].value == pytest.approx(3 / 103, abs=1e-6)


def test_nothing_exported_fails_unless_the_run_is_incremental_and_found_nothing_new() -> None:
    empty = {"response_received_count": 3}
    assert by_name(empty)["items/exported"].failed
    incremental = by_name({**empty, "mayadeen/articles/skipped_known": 40})["items/exported"]
    assert incremental.status == "pass"
    assert "incremental" in incremental.detail


def test_a_redis_worker_that_joined_and_got_no_article_passes_but_the_walker_does_not() -> None:
    idle_joiner = {"response_received_count": 0, "mayadeen/redis/walks_site": 0}
    result = by_name(idle_joiner)["items/exported"]
    assert result.status == "pass"
    assert "joined a shared crawl" in result.detail
    assert by_name({**idle_joiner, "mayadeen/article_pages": 5})["items/exported"].failed  # it had work
    assert by_name({**idle_joiner, "mayadeen/redis/walks_site": 1})["items/exported"].failed


def test_ratios_over_a_small_sample_are_skipped_not_failed() -> None:
    results = by_name(healthy(items=5, **{"mayadeen/coverage/image": 1}))
    assert results["coverage/image"].status == "skip"
    assert results["items/exported"].status == "pass"
    assert not any(result.failed for result in results.values())


def test_thresholds_come_from_settings() -> None:
    settings = Settings(vars(project_settings))
    settings.set("MAYADEEN_MONITOR_COVERAGE", {"image": 0.5})
    settings.set("MAYADEEN_MONITOR_LAYER_SHARES", '{"title": {"meta": 0.1}}')
    settings.set("MAYADEEN_MONITOR_MIN_SAMPLE", "3")
    config = MonitorConfig.from_settings(settings)
    assert (config.coverage, config.layer_shares, config.min_sample) == ({"image": 0.5}, {"title": {"meta": 0.1}}, 3)
    names = set(by_name(healthy(**{"mayadeen/coverage/image": 62}), config))
    assert "coverage/published_at" not in names
    assert "layer/title/meta" in names


def test_coverage_counts_fields_that_hold_a_value_and_long_enough_bodies() -> None:
    item = ArticleItem(url="https://x/a", title="T", body="short body", tags=[], image=None, summary="")
    covered = covered_fields(item, body_min_chars=200)
    assert {"url", "title"} <= set(covered)
    assert not {"body", "tags", "image", "summary"} & set(covered)
    assert "body" in covered_fields(ArticleItem(url="u", title="t", body="x" * 200), body_min_chars=200)


def _crawler() -> Crawler:
    crawler = get_crawler(settings_dict={"MAYADEEN_MONITOR_MIN_SAMPLE": 1})
    assert crawler.stats is not None
    crawler.stats.open_spider()
    return crawler


def test_the_coverage_extension_keeps_counters_only() -> None:
    crawler = _crawler()
    coverage = FieldCoverage.from_crawler(crawler)
    for body in ("x" * 250, "short"):
        coverage.item_scraped(ArticleItem(url="https://x/a", title="T", body=body))
    assert crawler.stats is not None
    stats = crawler.stats.get_stats()
    assert (stats["mayadeen/coverage/items"], stats["mayadeen/coverage/body"], stats["mayadeen/coverage/url"]) == (2, 1, 2)
    assert not hasattr(coverage, "items")


def test_a_failing_check_closes_the_idle_spider_and_sets_the_verdict(caplog: pytest.LogCaptureFixture) -> None:
    crawler = _crawler()
    monitors = RunMonitors.from_crawler(crawler)
    assert crawler.stats is not None
    for key, value in healthy(**{"mayadeen/coverage/image": 10}).items():
        crawler.stats.set_value(key, value)
    with pytest.raises(CloseSpider) as closed:
        monitors.spider_idle()
    assert closed.value.reason == MONITORS_FAILED
    with caplog.at_level(logging.ERROR):
        monitors.spider_closed()
    assert crawler.stats.get_value(VERDICT) == "failed"
    assert monitors_failed(crawler)
    assert "monitor failed: coverage/image: 0.1 < 0.8 (short by 0.7; 10 of 100 items)" in caplog.text
    report = monitors.report()
    assert report["verdict"] == "failed"
    assert report["failed"] == ["coverage/image"]
    assert {"name", "status", "value", "threshold", "op", "detail"} <= set(report["checks"][0])


def test_a_passing_run_keeps_going_at_idle_and_passes() -> None:
    crawler = _crawler()
    monitors = RunMonitors.from_crawler(crawler)
    assert crawler.stats is not None
    for key, value in healthy().items():
        crawler.stats.set_value(key, value)
    monitors.spider_idle()
    assert monitors.report()["verdict"] == "passed"
    assert not monitors_failed(crawler)
