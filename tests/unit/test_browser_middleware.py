"""BrowserMiddleware without a browser: routing, challenge handling, clearance reuse, fallbacks."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from mayadeen_crawler.browser.clearance import GENERATION
from mayadeen_crawler.browser.config import TRACE
from mayadeen_crawler.browser.middleware import ATTEMPTS, LOAD_MORE_CLICKS, PLAIN, SOLVER, BrowserMiddleware
from mayadeen_crawler.browser.page import Document, NavigationTrace, abort_request

URL = "http://127.0.0.1:8000/news/politics/a-story"
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/150.0.0.0 Safari/537.36"
CF = {"name": "cf_clearance", "value": "17.abc.0f0f", "domain": "127.0.0.1", "path": "/"}
CHALLENGE_HEADERS = {"Server": "cloudflare", "cf-mitigated": "challenge", "Content-Type": "text/html"}
PAGE = b"<html><head><title>A story</title></head><body><p>text</p></body></html>"


class FakeEngine:
    """Stands in for ``crawler.engine``: answers browser requests after a short delay."""

    def __init__(self, middleware: BrowserMiddleware, answer_status: int = 200) -> None:
        self.middleware = middleware
        self.answer_status = answer_status
        self.requests: list[Request] = []

    async def download_async(self, request: Request) -> Response:
        self.requests.append(request)
        await asyncio.sleep(0.02)
        if self.answer_status == 200:  # what the nested _from_browser does with a solved challenge
            self.middleware.broker.store([CF], BROWSER_UA)
            return HtmlResponse(request.url, body=PAGE, request=request)
        return HtmlResponse(request.url, status=403, headers=CHALLENGE_HEADERS, body=b"", request=request)


def _middleware(mode: str = "auto") -> BrowserMiddleware:
    crawler = get_crawler(settings_dict={"MAYADEEN_BROWSER_APPLIED": mode})
    assert crawler.stats is not None
    crawler.stats.open_spider()
    return BrowserMiddleware.from_crawler(crawler)


def _stats(middleware: BrowserMiddleware) -> dict[str, Any]:
    assert middleware.crawler.stats is not None
    return {k.removeprefix("mayadeen/"): v for k, v in middleware.crawler.stats.get_stats().items()}


def _challenge(request: Request) -> HtmlResponse:
    return HtmlResponse(
        request.url, status=403, headers=CHALLENGE_HEADERS, body=b"<title>Just a moment...</title>"
    )


def test_the_middleware_is_off_when_the_browser_is() -> None:
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured):
        _middleware("never")


def test_plain_requests_carry_the_newest_clearance_with_its_user_agent() -> None:
    middleware = _middleware()
    first = Request(URL)
    middleware.process_request(first)
    assert b"Cookie" not in first.headers
    middleware.broker.store([CF], BROWSER_UA)
    second = Request(URL, headers={"User-Agent": "Scrapy default"})
    middleware.process_request(second)
    assert second.headers[b"User-Agent"] == BROWSER_UA.encode()
    assert second.headers[b"Cookie"] == b"cf_clearance=17.abc.0f0f"
    assert "playwright" not in second.meta
    assert _stats(middleware)["plain/requests"] == 2
    assert _stats(middleware)["clearance/reused"] == 1


def test_browser_requests_get_a_trace_and_leave_cookies_to_the_browser() -> None:
    middleware = _middleware()
    request = Request(
        URL, headers={"Cookie": "cf_clearance=stale"}, meta={"playwright": True, LOAD_MORE_CLICKS: 4}
    )
    middleware.process_request(request)
    assert isinstance(request.meta[TRACE], NavigationTrace)
    assert b"Cookie" not in request.headers
    assert request.meta["playwright_page_goto_kwargs"] == {"wait_until": "domcontentloaded"}
    assert len(request.meta["playwright_page_methods"]) == 2  # settle, then press "Load more"
    assert not request.meta.get("playwright_include_page")  # scrapy-playwright closes every page
    assert _stats(middleware)["browser/requests"] == 1


def test_always_sends_everything_through_the_browser_but_plain_fallbacks() -> None:
    middleware = _middleware("always")
    page, fallback = Request(URL), Request(URL, meta={PLAIN: True})
    middleware.process_request(page)
    middleware.process_request(fallback)
    assert page.meta["playwright"] is True
    assert "playwright" not in fallback.meta


def test_a_challenge_is_solved_in_the_browser_and_its_answer_used() -> None:
    middleware = _middleware()
    engine = FakeEngine(middleware)
    middleware.crawler.engine = engine
    request = Request(URL, meta={"role": "article"})
    answer = asyncio.run(middleware.process_response(request, _challenge(request)))
    assert isinstance(answer, Response)
    assert answer.status == 200
    (sent,) = engine.requests
    assert (sent.meta["playwright"], sent.meta[SOLVER], sent.dont_filter) == (True, True, True)
    assert sent.meta["role"] == "article"
    assert not middleware.broker.solving
    assert _stats(middleware)["challenge/seen"] == 1
    assert _stats(middleware)["challenge/solved"] == 1


def test_challenges_met_during_a_solve_wait_for_it_then_retry_plainly() -> None:
    middleware = _middleware()
    engine = FakeEngine(middleware)
    middleware.crawler.engine = engine

    async def both() -> list[Response | Request]:
        requests = [Request(f"{URL}-{n}") for n in range(3)]
        return await asyncio.gather(*(middleware.process_response(r, _challenge(r)) for r in requests))

    first, *others = asyncio.run(both())
    assert isinstance(first, Response)
    assert all(isinstance(other, Request) and other.dont_filter for other in others)
    assert all("playwright" not in other.meta for other in others)
    assert len(engine.requests) == 1
    assert _stats(middleware)["challenge/waited"] == 2


def test_a_request_sent_before_the_newest_clearance_just_retries() -> None:
    middleware = _middleware()
    middleware.broker.store([CF], BROWSER_UA)
    middleware.broker.store([CF], BROWSER_UA)
    request = Request(URL, meta={GENERATION: 1})
    retry = asyncio.run(middleware.process_response(request, _challenge(request)))
    assert isinstance(retry, Request)
    assert retry.meta[ATTEMPTS] == 1
    assert GENERATION not in retry.meta  # the next process_request sets the newest
    assert _stats(middleware)["challenge/retried_with_new_cookie"] == 1


def test_a_clearance_that_stopped_working_is_counted_and_solved_again() -> None:
    middleware = _middleware()
    middleware.crawler.engine = FakeEngine(middleware)
    middleware.broker.store([CF], BROWSER_UA)
    request = Request(URL, meta={GENERATION: 1})
    answer = asyncio.run(middleware.process_response(request, _challenge(request)))
    assert isinstance(answer, Response)
    assert middleware.broker.generation == 2
    assert _stats(middleware)["clearance/stopped_working"] == 1


def test_an_unsolved_challenge_retries_plainly_then_goes_to_the_challenge_middleware() -> None:
    middleware = _middleware()
    middleware.crawler.engine = FakeEngine(middleware, answer_status=403)
    request = Request(URL)
    retry = asyncio.run(middleware.process_response(request, _challenge(request)))
    assert isinstance(retry, Request)
    assert _stats(middleware)["challenge/unsolved"] == 1
    exhausted = Request(URL, meta={ATTEMPTS: 3})
    challenge = _challenge(exhausted)
    assert asyncio.run(middleware.process_response(exhausted, challenge)) is challenge


def _browser_response(request: Request, trace: NavigationTrace, **kwargs: Any) -> HtmlResponse:
    request.meta[TRACE] = trace
    return HtmlResponse(request.url, request=request, **kwargs)


def test_the_browser_answer_takes_the_final_documents_status_and_yields_the_clearance() -> None:
    middleware = _middleware("always")
    trace = NavigationTrace(timeout=1)
    trace.documents += [
        Document(403, {"server": "cloudflare", "cf-mitigated": "challenge"}, BROWSER_UA),
        Document(200, {"content-type": "text/html; charset=utf-8", "server": "origin"}, BROWSER_UA),
    ]
    trace.cookies = [CF]
    request = Request(URL, headers={"User-Agent": "what Scrapy asked for"})
    response = _browser_response(request, trace, status=403, headers=CHALLENGE_HEADERS, body=PAGE)
    answer = asyncio.run(middleware.process_response(request, response))
    assert isinstance(answer, Response)
    assert answer.status == 200
    assert b"cf-mitigated" not in answer.headers
    assert answer.body == PAGE
    assert middleware.broker.current is not None
    assert middleware.broker.current.user_agent == BROWSER_UA  # the one actually sent
    assert _stats(middleware)["clearance/obtained"] == 1
    assert _stats(middleware)["challenge/solved"] == 1


def test_a_solver_that_meets_no_challenge_takes_the_newer_cookies_its_context_already_holds() -> None:
    """An earlier browser request passed a challenge its trace missed: the solver's context has the cookie."""
    middleware = _middleware("auto")
    middleware.broker.store([CF], BROWSER_UA)
    fresher = {**CF, "value": "18.def.1e1e"}
    trace = NavigationTrace(timeout=1, keep_cookies=True)
    trace.documents.append(Document(200, {"content-type": "text/html"}, BROWSER_UA))
    trace.cookies = [fresher]
    request = Request(URL, meta={SOLVER: True})
    asyncio.run(middleware.process_response(request, _browser_response(request, trace, body=PAGE)))
    assert middleware.broker.current is not None
    assert middleware.broker.current.generation == 2
    assert list(middleware.broker.current.cookies) == [fresher]


def test_the_same_cookies_again_are_no_new_clearance() -> None:
    middleware = _middleware("auto")
    middleware.broker.store([CF], BROWSER_UA)
    trace = NavigationTrace(timeout=1, keep_cookies=True)
    trace.documents.append(Document(200, {"content-type": "text/html"}, BROWSER_UA))
    trace.cookies = [CF]
    request = Request(URL, meta={SOLVER: True})
    asyncio.run(middleware.process_response(request, _browser_response(request, trace, body=PAGE)))
    assert middleware.broker.generation == 1
    assert "clearance/obtained" not in _stats(middleware)


def test_a_trace_keeps_documents_in_arrival_order_whichever_header_read_ends_first() -> None:
    class SlowHeaders:
        def __init__(self, status: int, delay: float) -> None:
            self.status, self.delay = status, delay
            self.request = self

        async def all_headers(self) -> dict[str, str]:
            await asyncio.sleep(self.delay)
            return {"content-type": "text/html"}

        async def header_value(self, name: str) -> str:
            return BROWSER_UA

    async def record() -> list[int]:
        trace = NavigationTrace(timeout=1)
        for arrival, response in enumerate([SlowHeaders(403, 0.05), SlowHeaders(200, 0.0)], start=1):
            trace._pending.append(asyncio.ensure_future(trace._record(arrival, response)))  # type: ignore[arg-type]
        await asyncio.gather(*trace._pending)
        return [document.status for document in trace.documents]

    assert asyncio.run(record()) == [403, 200]


def test_a_non_html_document_keeps_its_raw_bytes() -> None:
    middleware = _middleware("always")
    trace = NavigationTrace(timeout=1)
    trace.documents.append(Document(200, {"content-type": "application/json"}, BROWSER_UA))
    trace.raw_body = b'{"items": []}'
    request = Request("http://127.0.0.1:8000/api/listing?path=/news&page=2")
    response = _browser_response(request, trace, body=b"<html><body><pre>{...}</pre></body></html>")
    answer = asyncio.run(middleware.process_response(request, response))
    assert isinstance(answer, Response)
    assert answer.body == b'{"items": []}'


def test_a_failed_browser_request_falls_back_to_plain_http_in_always_mode_only() -> None:
    always, auto = _middleware("always"), _middleware("auto")
    page = Request(URL)
    always.process_request(page)
    fallback = always.process_exception(page, TimeoutError("Page.goto: Timeout 3000ms exceeded."))
    assert isinstance(fallback, Request)
    assert fallback.meta[PLAIN] is True
    assert not any(key.startswith("playwright") for key in fallback.meta)
    assert TRACE not in fallback.meta
    assert _stats(always)["browser/fallback_plain"] == 1
    render = Request(URL, meta={"playwright": True, LOAD_MORE_CLICKS: 3})
    auto.process_request(render)
    assert auto.process_exception(render, TimeoutError("x")) is None
    assert _stats(auto)["browser/errors"] == 1
    assert auto.process_exception(Request(URL), TimeoutError("plain")) is None


class FakeFrame:
    def __init__(self, url: str) -> None:
        self.url = url


class FakePlaywrightRequest:
    def __init__(self, url: str, resource_type: str, page_url: str = URL, navigation: bool = False) -> None:
        self.url, self.resource_type, self.frame = url, resource_type, FakeFrame(page_url)
        self.navigation = navigation

    def is_navigation_request(self) -> bool:
        return self.navigation


@pytest.mark.parametrize(
    ("url", "resource_type", "aborted"),
    [
        ("http://127.0.0.1:8000/Content/uploadsimages/1.jpg", "image", True),
        ("http://127.0.0.1:8000/fonts/a.woff2", "font", True),
        ("http://127.0.0.1:8000/video.mp4", "media", True),
        ("https://platform.twitter.com/widgets.js", "script", True),
        ("http://10.0.0.1/api", "fetch", True),
        ("http://127.0.0.1:8000/api/listing?path=/news&page=2", "fetch", False),
        ("https://challenges.cloudflare.com/turnstile/v0/api.js", "script", False),
    ],
)
def test_the_browser_skips_media_and_third_parties(url: str, resource_type: str, aborted: bool) -> None:
    assert abort_request(FakePlaywrightRequest(url, resource_type)) is aborted


def test_the_browser_keeps_the_sites_own_hosts_and_every_navigation() -> None:
    page = "https://english.almayadeen.net/news/politics"
    assert not abort_request(FakePlaywrightRequest("https://api.almayadeen.net/more", "fetch", page))
    assert not abort_request(FakePlaywrightRequest("https://elsewhere.example/", "document", page, True))
