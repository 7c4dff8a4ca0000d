"""Downloader middlewares: Cloudflare challenges, Retry-After, truncated HTML."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest, NotConfigured

from mayadeen_crawler.parsers.challenge import CHALLENGE_TITLE, is_challenge_response

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class ChallengeMiddleware:
    """Never lets a challenge page reach a callback: retries it a few times, then drops it.

    A challenge is a 403/503 answer from Cloudflare (``Server: cloudflare`` and
    ``cf-mitigated: challenge``) or a page titled "Just a moment...".
    Settings: ``MAYADEEN_CHALLENGE_RETRIES`` (default 2).
    Stats: ``mayadeen/challenge/seen``, ``mayadeen/challenge/given_up``.
    """

    def __init__(self, crawler: Crawler, max_retries: int) -> None:
        self.crawler = crawler
        self.max_retries = max_retries

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler, crawler.settings.getint("MAYADEEN_CHALLENGE_RETRIES", 2))

    def process_response(self, request: Request, response: Response) -> Request | Response:
        headers = {"server": _header(response, b"Server"), "cf-mitigated": _header(response, b"cf-mitigated")}
        if not (is_challenge_response(response.status, headers) or _has_challenge_title(response.body)):
            return response
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value("mayadeen/challenge/seen")
        assert self.crawler.spider is not None
        retry = get_retry_request(
            request,
            spider=self.crawler.spider,
            reason="challenge",
            max_retry_times=self.max_retries,
            stats_base_key="mayadeen/challenge/retry",
        )
        if retry is not None:
            return retry
        if stats is not None:
            stats.inc_value("mayadeen/challenge/given_up")
        if self.crawler.settings.get("MAYADEEN_BROWSER_APPLIED", "never") == "never":
            hint = "MAYADEEN_BROWSER=auto would solve it"
            raise IgnoreRequest(f"challenge page kept coming for {request.url} ({hint})")
        raise IgnoreRequest(f"challenge page kept coming for {request.url}")


_TITLE = re.compile(rb"<title[^>]*>\s*([^<]{0,64})", re.IGNORECASE)


def _has_challenge_title(body: bytes) -> bool:
    match = _TITLE.search(body[:8192])
    return bool(match and match[1].decode("utf-8", "replace").strip().lower().startswith(CHALLENGE_TITLE))


def _header(response: Response, name: bytes) -> str:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else ""


class RetryAfterMiddleware:
    """Honours ``Retry-After`` on 429 (and 503) answers: waits that long, then retries.

    Only the request that got the answer waits (capped at ``MAYADEEN_RETRY_AFTER_MAX``
    seconds, default 60); without the header Scrapy's RetryMiddleware retries as usual.
    Stats: ``mayadeen/retry_after/honoured``, ``mayadeen/retry_after/seconds``.
    """

    def __init__(self, crawler: Crawler, max_wait: float) -> None:
        self.crawler = crawler
        self.max_wait = max_wait

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler, crawler.settings.getfloat("MAYADEEN_RETRY_AFTER_MAX", 60))

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        wait = retry_after_seconds(_header(response, b"Retry-After"))
        if response.status not in (429, 503) or wait is None:
            return response
        assert self.crawler.spider is not None
        retry = get_retry_request(request, spider=self.crawler.spider, reason=f"retry-after-{response.status}")
        if retry is None:
            return response
        wait = min(wait, self.max_wait)
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("mayadeen/retry_after/honoured")
            self.crawler.stats.inc_value("mayadeen/retry_after/seconds", round(wait))
        await asyncio.sleep(wait)
        return retry


def retry_after_seconds(value: str) -> float | None:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date; None when absent or unreadable.

    >>> retry_after_seconds("3")
    3.0
    >>> retry_after_seconds("soon") is None
    True
    """
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class TruncatedHtmlMiddleware:
    """Retries an HTML page whose body stops before ``</html>`` (a cut transfer).

    Settings: ``MAYADEEN_REQUIRE_HTML_END`` (default True). Stats:
    ``mayadeen/truncated/seen``, ``mayadeen/truncated/given_up``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("MAYADEEN_REQUIRE_HTML_END", True):
            raise NotConfigured("MAYADEEN_REQUIRE_HTML_END is off")
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status != 200 or not _is_html(response) or _ends_html(response.body):
            return response
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value("mayadeen/truncated/seen")
        assert self.crawler.spider is not None
        retry = get_retry_request(request, spider=self.crawler.spider, reason="truncated-html")
        if retry is not None:
            return retry
        if stats is not None:
            stats.inc_value("mayadeen/truncated/given_up")
        raise IgnoreRequest(f"HTML kept arriving cut short from {request.url}")


def _is_html(response: Response) -> bool:
    return b"html" in (response.headers.get(b"Content-Type") or b"").lower()


def _ends_html(body: bytes) -> bool:
    return b"</html>" in body[-4096:].lower()
