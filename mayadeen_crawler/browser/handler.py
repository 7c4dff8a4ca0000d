"""``LazyPlaywrightHandler``: scrapy-playwright that starts Playwright at the first browser request.

scrapy-playwright starts its Playwright driver when the engine starts; in ``auto`` mode
most crawls never need the browser, so this handler starts it only when a request with
``meta["playwright"]`` arrives. Plain requests go through Scrapy's HTTP/1.1 handler as
before. Relies on scrapy-playwright 0.0.48's ``_launch`` and ``_download_request``
(pinned in requirements.txt).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class LazyPlaywrightHandler(ScrapyPlaywrightDownloadHandler):  # type: ignore[misc]
    """The scrapy-playwright download handler, launched on demand."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        crawler.signals.disconnect(self._maybe_launch_in_thread, signals.engine_started)
        self._started = False
        self._start_lock = asyncio.Lock()

    async def _download_request(self, request: Request, spider: Spider | None = None) -> Response:
        if not self._started:
            async with self._start_lock:
                if not self._started:
                    await self._launch()
                    self._started = True
        response: Any = await super()._download_request(request, spider)
        return response  # type: ignore[no-any-return]
