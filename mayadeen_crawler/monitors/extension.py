"""Run monitors: at the end of a run, pass or fail it on its stats and say which check failed.

When the spider goes idle (its crawl is done), the checks of ``checks.SUITE`` run; if one
fails, the spider closes with the reason ``monitors_failed`` instead of ``finished``.
At ``spider_closed`` the checks run once more on the final stats: that verdict goes into
the stats (``mayadeen/monitors/verdict``), the log (one ERROR line per failed check, with
value, threshold and the gap) and the manifest (``RunReport`` asks ``report()``), and the
project's ``crawl`` command turns it into a non-zero exit code.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import CloseSpider, NotConfigured

from mayadeen_crawler.monitors.checks import FAIL, PASS, SKIP, run_checks
from mayadeen_crawler.monitors.config import MonitorConfig

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from mayadeen_crawler.monitors.checks import CheckResult

logger = logging.getLogger(__name__)

MONITORS_FAILED = "monitors_failed"
VERDICT = "mayadeen/monitors/verdict"
FAILED_CHECKS = "mayadeen/monitors/failed_checks"


class RunMonitors:
    """Runs the checks when the spider is idle and at close; see the module docstring.

    Settings: ``MAYADEEN_MONITORS_ENABLED`` (True) and the thresholds of
    ``config.MonitorConfig`` (``MAYADEEN_MONITOR_*``, README "Monitoring").
    Stats: ``mayadeen/monitors/verdict`` (``passed`` / ``failed``),
    ``mayadeen/monitors/failed_checks``.
    """

    def __init__(self, stats: StatsCollector, config: MonitorConfig) -> None:
        self.stats = stats
        self.config = config
        self.final: list[CheckResult] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("MAYADEEN_MONITORS_ENABLED", True):
            raise NotConfigured("MAYADEEN_MONITORS_ENABLED is off")
        if crawler.stats is None:
            raise NotConfigured("monitors need a stats collector")
        monitors = cls(crawler.stats, MonitorConfig.from_settings(crawler.settings))
        crawler.signals.connect(monitors.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(monitors.spider_closed, signal=signals.spider_closed)
        return monitors

    def evaluate(self) -> list[CheckResult]:
        return run_checks(self.stats.get_stats(), self.config)

    def spider_idle(self) -> None:
        """The crawl is done: close as ``monitors_failed`` when a check fails."""
        if any(result.failed for result in self.evaluate()):
            raise CloseSpider(MONITORS_FAILED)

    def spider_closed(self) -> None:
        self.finish()

    def finish(self) -> list[CheckResult]:
        """The final verdict, computed once: stats set, failures logged."""
        if self.final is not None:
            return self.final
        self.final = results = self.evaluate()
        failed = [result for result in results if result.failed]
        self.stats.set_value(VERDICT, "failed" if failed else "passed")
        self.stats.set_value(FAILED_CHECKS, len(failed))
        for result in failed:
            logger.error("monitor failed: %s", result.describe())
        counts = {status: sum(r.status == status for r in results) for status in (PASS, FAIL, SKIP)}
        logger.info("monitors: %(pass)d passed, %(fail)d failed, %(skip)d skipped", counts)
        return results

    def report(self) -> dict[str, Any]:
        """The manifest's ``monitors`` block."""
        results = self.finish()
        failed = [result.name for result in results if result.failed]
        return {
            "verdict": "failed" if failed else "passed",
            "failed": failed,
            "checks": [result.as_dict() for result in results],
        }
