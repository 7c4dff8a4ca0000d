"""A hostile little site: endless and repeating pagination, redirect loops, off-site and odd links."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.integration.crawl import run_crawl
from tests.integration.local_site import serve

if TYPE_CHECKING:
    from collections.abc import Iterator

ARTICLE = (Path(__file__).parents[1] / "fixtures/article/reference-europe-ukraine-rs/input.html").read_bytes()
HOME = b"""<!doctype html><html lang="en"><head><title>Home</title></head><body>
<nav class="main-menu"><ul>
<li class="menu-item has-sub"><a href="/news">News</a><ul class="sub-menu">
<li><a href="/news/politics">Politics</a></li><li><a href="/news/economy">Economy</a></li></ul></li>
</ul></nav></body></html>"""


def _listing(page: int, cards: list[str]) -> bytes:
    links = "".join(f'<div class="news-card"><a href="{href}"><h3>card</h3></a></div>' for href in cards)
    more = f'<a class="load-more" href="?page={page + 1}">Load more</a>'
    return f'<html><body><section class="listing">{links}{more}</section></body></html>'.encode()


class HostileSite(BaseHTTPRequestHandler):
    """Politics repeats one page forever; Economy offers new (dead) cards forever."""

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        page = int(parse_qs(parts.query).get("page", ["1"])[0])
        if parts.path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /search\n", "text/plain")
        elif parts.path == "/":
            self._send(200, HOME)
        elif parts.path in ("/news", "/news/politics"):
            odd = "/news/politics/odd%20slug:with(chars)%E2%80%99?a=1#fragment"
            cards = ["/news/politics/good-article", odd, "http://elsewhere.example/x", "/loop-a", "mailto:x@y"]
            self._send(200, _listing(page, cards))
        elif parts.path == "/news/economy":
            self._send(200, _listing(page, [f"/news/economy/dead-{page}"]))
        elif parts.path in ("/loop-a", "/loop-b"):
            self._redirect("/loop-b" if parts.path == "/loop-a" else "/loop-a")
        elif parts.path.startswith("/news/politics/"):
            self._send(200, ARTICLE)
        else:
            self._send(404, b"<html><body>not found</body></html>")

    def _send(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        head = f"HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n\r\n"
        self.wfile.write(head.encode() + body)

    def _redirect(self, to: str) -> None:
        self.wfile.write(f"HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\n\r\n".encode())

    def log_message(self, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def hostile_site() -> Iterator[str]:
    with serve(HostileSite) as base_url:
        yield base_url


def test_the_crawl_ends_with_clear_limits_and_one_article(hostile_site: str, tmp_path: Path) -> None:
    run = run_crawl(hostile_site, tmp_path, settings={"MAYADEEN_MAX_LISTING_PAGES": "5"})
    assert run.returncode == 0, run.log[-3000:]
    stats = run.manifest["stats"]
    assert len(run.lines) == 1, "the same article under two URLs is exported once"
    assert run.lines[0]["post_id"]
    assert not any("elsewhere" in key or key.startswith("offsite") for key in stats)
    assert stats["mayadeen/listing_stop/no_new_cards"] >= 1
    assert stats["mayadeen/listing_stop/max_pages"] == 1
    assert stats["mayadeen/article_pages/gone"] == 5
    assert stats["mayadeen/dropped/duplicate/in-run"] == 1
    assert run.manifest["finish_reason"] == "finished"
