"""``scrapy crawl`` that exits with code 3 when the run's monitors failed.

Scrapy's own ``crawl`` exits 0 whenever the crawl ran (1 only when it could not start),
whatever its close reason. This command replaces it through ``COMMANDS_MODULE`` (and so
also under scrapyd, whose runner calls ``scrapy crawl``): after the crawl it reads the
verdict that ``monitors.extension.RunMonitors`` left in the stats.

Exit codes: 0 the run passed (or monitors are off), 1 the crawl could not start,
2 usage error (Scrapy's), 3 the run finished but a monitor failed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from mayadeen_crawler.monitors.extension import VERDICT

if TYPE_CHECKING:
    import argparse

    from scrapy.crawler import Crawler

MONITORS_FAILED_EXIT_CODE = 3


def monitors_failed(crawler: Crawler) -> bool:
    """True when the run's monitors gave the verdict ``failed``."""
    return crawler.stats is not None and bool(crawler.stats.get_value(VERDICT) == "failed")


class Command(ScrapyCrawlCommand):
    """Scrapy's ``crawl``, plus the exit code of the run's monitors."""

    def short_desc(self) -> str:
        return "Run a spider of the current project, by name (exit 3 when a monitor failed)"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name")
        assert self.crawler_process is not None
        crawler = self.crawler_process.create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        elif monitors_failed(crawler):
            self.exitcode = MONITORS_FAILED_EXIT_CODE
