"""``BrowserMiddleware``: plain HTTP by default, the browser only for challenges (or always).

In ``auto`` mode a request that meets a Cloudflare challenge is fetched again through
scrapy-playwright; the clearance cookie the browser earns, with the User-Agent the
browser actually sent, then rides on every plain request until a plain request meets a
challenge again. Only one solve runs at a time: other challenged requests wait for it,
then retry plainly. In ``always`` mode every request goes through the browser (and falls
back to plain HTTP when the browser fails on it).

Settings: ``MAYADEEN_BROWSER`` (``auto``/``always``/``never``; ``never`` disables this
middleware), ``MAYADEEN_BROWSER_TIMEOUT`` (seconds for a navigation, a wait, a click),
``MAYADEEN_BROWSER_SOLVE_ATTEMPTS`` (browser solves one request may start or wait for).
Stats: ``mayadeen/browser/requests``, ``mayadeen/plain/requests``,
``mayadeen/browser/errors``, ``mayadeen/browser/fallback_plain``,
``mayadeen/challenge/seen|solved|unsolved|waited|retried_with_new_cookie``,
``mayadeen/clearance/obtained|reused|stopped_working``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from mayadeen_crawler.browser.clearance import GENERATION, ClearanceBroker
from mayadeen_crawler.browser.config import APPLIED, TRACE
from mayadeen_crawler.parsers.challenge import CHALLENGE_TITLE, is_challenge_response

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from mayadeen_crawler.browser.page import NavigationTrace

logger = logging.getLogger(__name__)

LOAD_MORE_CLICKS = "mayadeen_load_more_clicks"
"""Request meta (with ``playwright: True``): press the scripted "Load more" up to this often."""
PLAIN = "mayadeen_plain"
"""Request meta: never through the browser (set on the plain fallback of a failed browser request)."""
SOLVER = "mayadeen_solver"
ATTEMPTS = "mayadeen_solve_attempts"
_DROPPED_ON_RETRY = ("playwright", "mayadeen_", "dont_merge_cookies")  # meta prefixes of a browser request


class BrowserMiddleware:
    """Routes each request to plain HTTP or the browser, and solves challenges in the browser."""

    def __init__(self, crawler: Crawler, mode: str, timeout: float, attempts: int) -> None:
        self.crawler = crawler
        self.mode = mode
        self.timeout = timeout
        self.attempts = attempts
        self.broker = ClearanceBroker()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        mode = settings.get(APPLIED) or "never"
        if mode == "never":
            raise NotConfigured("MAYADEEN_BROWSER is never (or Chromium is missing)")
        timeout = settings.getfloat("MAYADEEN_BROWSER_TIMEOUT", 20)
        return cls(crawler, mode, timeout, settings.getint("MAYADEEN_BROWSER_SOLVE_ATTEMPTS", 3))

    def _inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"mayadeen/{key}")

    def process_request(self, request: Request) -> None:
        browser = request.meta.get("playwright") or (self.mode == "always" and not request.meta.get(PLAIN))
        if browser:
            from mayadeen_crawler.browser.page import NavigationTrace  # Playwright only when needed

            trace = NavigationTrace(self.timeout, keep_cookies=bool(request.meta.get(SOLVER)))
            request.meta.update(trace.meta(request.meta.get(LOAD_MORE_CLICKS, 0)))
            request.headers.pop(b"Cookie", None)  # the browser context keeps its own cookies
            self._inc("browser/requests")
            return
        clearance = self.broker.current
        if clearance is not None:
            clearance.apply(request)
            self._inc("clearance/reused")
        self._inc("plain/requests")

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        trace: NavigationTrace | None = request.meta.get(TRACE)
        if trace is not None:
            return self._from_browser(request, response, trace)
        if not _is_challenge(response) or request.meta.get(ATTEMPTS, 0) >= self.attempts:
            return response  # ChallengeMiddleware retries what is left, then gives up
        self._inc("challenge/seen")
        if self.broker.is_stale(request):
            self._inc("challenge/retried_with_new_cookie")
            return self._plain_retry(request)
        if request.meta.get(GENERATION):
            self._inc("clearance/stopped_working")
        if self.broker.solving:
            self._inc("challenge/waited")
            await self.broker.wait(self.timeout * 3)
            return self._plain_retry(request)
        return await self._solve(request)

    async def _solve(self, request: Request) -> Request | Response:
        self.broker.begin()
        try:
            meta = {
                **request.meta,
                "playwright": True,
                SOLVER: True,
                ATTEMPTS: request.meta.get(ATTEMPTS, 0) + 1,
            }
            assert self.crawler.engine is not None
            answer = await self.crawler.engine.download_async(request.replace(meta=meta, dont_filter=True))
        except Exception as error:  # noqa: BLE001 (any browser failure: count it, retry plainly)
            logger.warning("the browser did not get past the challenge on %s: %s", request.url, error)
            self._inc("challenge/unsolved")
            return self._plain_retry(request)
        finally:
            self.broker.end()
        if _is_challenge(answer):
            self._inc("challenge/unsolved")
            return self._plain_retry(request)
        self._inc("challenge/solved")
        return answer

    def _from_browser(self, request: Request, response: Response, trace: NavigationTrace) -> Response:
        final = trace.final
        if final is not None and not final.is_challenge and self._is_new_clearance(request, trace):
            user_agent = final.user_agent or (request.headers.get(b"User-Agent") or b"").decode()
            clearance = self.broker.store(trace.cookies, user_agent)
            self._inc("clearance/obtained")
            logger.info("clearance %d from the browser, bound to %r", clearance.generation, user_agent)
            if not request.meta.get(SOLVER):  # "always" mode: the page solved it on its way
                self._inc("challenge/seen")
                self._inc("challenge/solved")
        if final is None or (final.status == response.status and trace.raw_body is None):
            return response
        headers = {k: v for k, v in final.headers.items() if k not in ("content-encoding", "content-length")}
        body = trace.raw_body if trace.raw_body is not None else response.body
        return response.replace(status=final.status, headers=headers, body=body)

    def _is_new_clearance(self, request: Request, trace: NavigationTrace) -> bool:
        """The browser passed a challenge, or a solver found its context already holding other
        cookies (a challenge passed during an earlier browser request whose trace missed it)."""
        if not trace.cookies:
            return False
        if trace.challenged:
            return True
        current = self.broker.current
        return bool(request.meta.get(SOLVER)) and (current is None or list(current.cookies) != trace.cookies)

    def process_exception(self, request: Request, exception: Exception) -> Request | None:
        if TRACE not in request.meta:
            return None
        self._inc("browser/errors")
        logger.warning("the browser failed on %s: %s", request.url, exception)
        if request.meta.get(SOLVER) or request.meta.get(LOAD_MORE_CLICKS) or self.mode != "always":
            return None
        self._inc("browser/fallback_plain")
        return self._plain_retry(request, plain=True)

    def _plain_retry(self, request: Request, *, plain: bool = False) -> Request:
        meta = {k: v for k, v in request.meta.items() if not k.startswith(_DROPPED_ON_RETRY)}
        meta[ATTEMPTS] = request.meta.get(ATTEMPTS, 0) + (0 if plain else 1)
        if plain or request.meta.get(PLAIN):
            meta[PLAIN] = True
        return request.replace(meta=meta, dont_filter=True)


def _is_challenge(response: Response) -> bool:
    """docs/contract.md: 403/503 from Cloudflare, ``cf-mitigated: challenge``, or the title."""
    headers = {
        "server": (response.headers.get(b"Server") or b"").decode("latin-1"),
        "cf-mitigated": (response.headers.get(b"cf-mitigated") or b"").decode("latin-1"),
    }
    title = f"<title>{CHALLENGE_TITLE}".encode()
    return is_challenge_response(response.status, headers) or title in response.body[:4096].lower()
