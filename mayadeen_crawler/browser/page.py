"""What runs in the browser: resource blocking, the navigation trace, waiting out a challenge, Load more.

Every browser request carries a fresh ``NavigationTrace`` (request meta ``TRACE``): it
records the main-frame documents the page went through (a challenge, then the real
page), waits until the challenge has redirected, and keeps the cookies and the
User-Agent actually sent. Pages are never handed to callbacks
(``playwright_include_page`` stays off), so scrapy-playwright closes every page
itself, also when a navigation or a page method times out.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy_playwright.page import PageMethod

from mayadeen_crawler.browser.config import CONTEXT, TRACE
from mayadeen_crawler.parsers.challenge import CHALLENGE_TITLE, is_challenge_response

if TYPE_CHECKING:
    from playwright.async_api import Page
    from playwright.async_api import Request as PlaywrightRequest
    from playwright.async_api import Response as PlaywrightResponse

logger = logging.getLogger(__name__)

BLOCKED_RESOURCES = frozenset({"image", "font", "media"})
LOAD_MORE = ".load-more:not([href])"
CARD = "div.news-card"
POLL_SECONDS = 0.05
CHALLENGE_PLATFORM = "challenges.cloudflare.com"


def abort_request(request: PlaywrightRequest) -> bool:
    """``PLAYWRIGHT_ABORT_REQUEST``: no images, fonts, media, nor third-party subresources
    (ads, analytics, embeds) except Cloudflare's challenge platform."""
    if request.resource_type in BLOCKED_RESOURCES:
        return True
    if request.is_navigation_request():
        return False
    host = urlsplit(request.url).hostname or ""
    try:
        page_host = urlsplit(request.frame.url).hostname or ""
    except Exception:  # noqa: BLE001 (a request without a frame, e.g. from a service worker)
        return False
    return not (_same_site(host, page_host) or host.endswith(CHALLENGE_PLATFORM))


def _same_site(host: str, other: str) -> bool:
    """Same host, or both under the same last two labels (``english.almayadeen.net``, ``www.almayadeen.net``).

    >>> _same_site("english.almayadeen.net", "api.almayadeen.net"), _same_site("x.twitter.com", "a.b.net")
    (True, False)
    """
    if host == other:
        return True
    is_ip = host.replace(".", "").isdigit() or ":" in host
    return not is_ip and host.count(".") >= 1 and host.split(".")[-2:] == other.split(".")[-2:]


@dataclass(frozen=True)
class Document:
    """One main-frame document the page loaded."""

    status: int
    headers: dict[str, str]
    user_agent: str | None

    @property
    def is_challenge(self) -> bool:
        return is_challenge_response(self.status, self.headers)

    @property
    def is_html(self) -> bool:
        return "html" in self.headers.get("content-type", "html")


@dataclass
class NavigationTrace:
    """What one browser request saw; filled by a page event handler and the ``settle`` page method."""

    timeout: float
    keep_cookies: bool = False  # a solver: keep the context's cookies even when no challenge came
    documents: list[Document] = field(default_factory=list)
    cookies: list[Any] = field(default_factory=list)  # Playwright cookie dicts
    raw_body: bytes | None = None
    clicks: int = 0
    _responses: list[PlaywrightResponse] = field(default_factory=list, repr=False)
    _pending: list[asyncio.Future[None]] = field(default_factory=list, repr=False)
    _arrivals: list[int] = field(default_factory=list, repr=False)

    @property
    def challenged(self) -> bool:
        return any(document.is_challenge for document in self.documents)

    @property
    def final(self) -> Document | None:
        return self.documents[-1] if self.documents else None

    def on_response(self, response: PlaywrightResponse) -> None:
        """Page ``response`` handler: remember main-frame documents."""
        if response.request.resource_type == "document" and response.frame.parent_frame is None:
            self._responses.append(response)
            self._pending.append(asyncio.ensure_future(self._record(len(self._responses), response)))

    async def _record(self, arrival: int, response: PlaywrightResponse) -> None:
        """Add the document in the order the responses arrived, whichever header read ends first."""
        headers = await response.all_headers()
        user_agent = await response.request.header_value("user-agent")
        position = bisect.bisect(self._arrivals, arrival)
        self._arrivals.insert(position, arrival)
        self.documents.insert(position, Document(response.status, headers, user_agent))

    async def settle(self, page: Page) -> None:
        """Page method: wait until a challenge has passed, then keep cookies (and raw non-HTML bodies)."""
        await asyncio.gather(*self._pending)
        if self.challenged or (await page.title()).lower().startswith(CHALLENGE_TITLE):
            await self._wait_past_challenge(page)
        if self.challenged or self.keep_cookies:
            self.cookies = await page.context.cookies()
        await asyncio.gather(*self._pending)
        final = self.final
        if final is not None and not final.is_html and self._responses:
            self.raw_body = await self._responses[-1].body()

    async def _wait_past_challenge(self, page: Page) -> None:
        """Poll until the newest main-frame document is no challenge and the page shows it.

        The challenge may come back more than once (its cookie refused again): only a
        non-challenge document whose title is in place ends the wait, never the blank
        title of a page in the middle of a reload.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        while True:
            await asyncio.gather(*self._pending)
            try:
                if await self._past_challenge(page):
                    await page.wait_for_load_state("domcontentloaded", timeout=self.timeout * 1000)
                    return
            except Exception as error:  # the page navigates away under our feet: ask again
                if page.is_closed():
                    raise
                logger.debug("waiting past the challenge: %s", error)
            if loop.time() > deadline:
                raise TimeoutError(f"the challenge did not pass within {self.timeout:.0f} s")
            await asyncio.sleep(POLL_SECONDS)

    async def _past_challenge(self, page: Page) -> bool:
        final = self.final
        if final is None or final.is_challenge:
            return False
        title = (await page.title()).strip().lower()
        return not title.startswith(CHALLENGE_TITLE) and (bool(title) or not final.is_html)

    async def click_load_more(self, page: Page, max_clicks: int) -> None:
        """Page method: press the scripted "Load more" until it goes away (or ``max_clicks``)."""
        timeout_ms = self.timeout * 1000
        while self.clicks < max_clicks:
            button = page.locator(LOAD_MORE).first
            if not await button.count():
                return
            before = await page.locator(CARD).count()
            await button.click(timeout=timeout_ms)
            await page.wait_for_function(
                "([card, more, n]) => document.querySelectorAll(card).length > n"
                " || !document.querySelector(more)",
                arg=[CARD, LOAD_MORE, before],
                timeout=timeout_ms,
            )
            self.clicks += 1

    def meta(self, max_clicks: int = 0) -> dict[str, Any]:
        """The request meta that sends a request through the browser with this trace."""
        methods = [PageMethod(self.settle)]
        if max_clicks:
            methods.append(PageMethod(self.click_load_more, max_clicks))
        return {
            "playwright": True,
            "playwright_context": CONTEXT,
            "playwright_page_goto_kwargs": {"wait_until": "domcontentloaded"},
            "playwright_page_event_handlers": {"response": self.on_response},
            "playwright_page_methods": methods,
            "dont_merge_cookies": True,  # the browser context keeps its own cookies
            TRACE: self,
        }
