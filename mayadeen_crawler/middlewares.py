"""Downloader middlewares: Cloudflare challenge handling."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest

from mayadeen_crawler.parsers.challenge import CHALLENGE_TITLE, is_challenge_response

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self


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
        raise IgnoreRequest(f"challenge page kept coming for {request.url}")


_TITLE = re.compile(rb"<title[^>]*>\s*([^<]{0,64})", re.IGNORECASE)


def _has_challenge_title(body: bytes) -> bool:
    match = _TITLE.search(body[:8192])
    return bool(match and match[1].decode("utf-8", "replace").strip().lower().startswith(CHALLENGE_TITLE))


def _header(response: Response, name: bytes) -> str:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else ""
