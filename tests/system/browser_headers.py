"""A ``PLAYWRIGHT_PROCESS_REQUEST_HEADERS`` that sends the browser's own headers (its own User-Agent)."""

from __future__ import annotations

from typing import Any


async def browser_own_headers(
    *, browser_type_name: str, playwright_request: Any, scrapy_request_data: Any
) -> Any:
    """Ignore Scrapy's headers: Chromium sends ``HeadlessChrome/...`` as its User-Agent."""
    return await playwright_request.all_headers()
