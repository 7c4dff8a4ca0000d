"""The ceiling spider: the same Scrapy, settings and downloader stack, no parsing at all.

``scrapy runspider benchmarks/download_only.py -a urls=FILE``: downloads every URL of FILE
(one a line, as the full crawl fetched them) with the ``fast`` profile the ``mayadeen``
spider uses on a loopback replica, and throws each response away. Benchmark only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import Request, Spider

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from scrapy.http import Response
    from scrapy.settings import BaseSettings


class DownloadOnlySpider(Spider):
    """Yields one request per listed URL; the callback does nothing."""

    name = "download_only"

    def __init__(self, urls: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls_path = Path(urls)

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        settings.setdict(settings.getdict("MAYADEEN_PROFILES")["fast"], priority="spider")

    async def start(self) -> AsyncIterator[Request]:
        with self.urls_path.open(encoding="utf-8") as lines:
            for line in lines:
                url = line.strip()
                if url and not url.endswith("/robots.txt"):
                    yield Request(url, callback=self.discard, dont_filter=True)

    def discard(self, response: Response) -> None:
        """Parses nothing."""
