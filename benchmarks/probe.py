"""A Scrapy extension for benchmark runs: records every response URL and the final stats.

Settings: ``BENCH_PROBE_URLS`` (a file to write one response URL a line, optional) and
``BENCH_PROBE_STATS`` (a JSON file for the run's final Scrapy stats, optional). Not part of
the crawler: the benchmarks add it with ``-s EXTENSIONS=...`` to the runs they time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from scrapy import signals

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response


class BenchProbe:
    """Writes response URLs as they arrive and the stats when the spider closes."""

    def __init__(self, crawler: Crawler, urls_path: Path | None, stats_path: Path | None) -> None:
        self.crawler = crawler
        self.stats_path = stats_path
        self.urls_file: IO[str] | None = urls_path.open("w", encoding="utf-8") if urls_path else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        urls = crawler.settings.get("BENCH_PROBE_URLS")
        stats = crawler.settings.get("BENCH_PROBE_STATS")
        probe = cls(crawler, Path(urls) if urls else None, Path(stats) if stats else None)
        if probe.urls_file is not None:
            crawler.signals.connect(probe.response_received, signal=signals.response_received)
        crawler.signals.connect(probe.spider_closed, signal=signals.spider_closed)
        return probe

    def response_received(self, response: Response, **_: Any) -> None:
        assert self.urls_file is not None
        self.urls_file.write(response.url + "\n")

    def spider_closed(self, **_: Any) -> None:
        if self.urls_file is not None:
            self.urls_file.close()
        if self.stats_path is not None and self.crawler.stats is not None:
            stats = self.crawler.stats.get_stats()
            self.stats_path.write_text(json.dumps(stats, default=str, indent=1), encoding="utf-8")
