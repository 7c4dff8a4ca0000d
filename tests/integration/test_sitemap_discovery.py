"""The sitemap route finds the sitemaps robots.txt names (nested indexes too, to a bound),
and falls back to ``/sitemaps/all.xml`` when robots.txt names none or is missing."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from tests.integration.crawl import run_crawl
from tests.integration.local_site import serve

if TYPE_CHECKING:
    from collections.abc import Iterator

ARTICLE = (Path(__file__).parents[1] / "fixtures/article/reference-europe-ukraine-rs/input.html").read_bytes()
ARTICLE_PATH = "/news/politics/how-europe-is-undermining-ukraine-war-negotiations--rs"


def _index(*paths: str) -> bytes:
    entries = "".join(f"<sitemap><loc>{path}</loc></sitemap>" for path in paths)
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'.encode()


def _urlset(*paths: str) -> bytes:
    entries = "".join(f"<url><loc>{path}</loc><lastmod>2025-09-10</lastmod></url>" for path in paths)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()


class SitemapSite(BaseHTTPRequestHandler):
    """robots.txt names a relocated index, an off-site sitemap, and an endless chain of indexes."""

    robots: bytes | None = b"User-agent: *\nSitemap: /sitemap_index.xml\nSitemap: http://elsewhere.example/s.xml\n"
    default_index = False  # the index moved: /sitemaps/all.xml is a 404 here

    def do_GET(self) -> None:
        base = f"http://{self.headers['Host']}"
        path = urlsplit(self.path).path
        if path == "/robots.txt" and self.robots is not None:
            self._send(self.robots.replace(b"Sitemap: /", f"Sitemap: {base}/".encode()), "text/plain")
        elif path == "/sitemap_index.xml":
            self._send(_index(f"{base}/sitemaps/monthly-2025-9.xml", f"{base}/chain/1.xml"))
        elif path == "/sitemaps/all.xml" and self.default_index:
            self._send(_index(f"{base}/sitemaps/monthly-2025-9.xml"))
        elif path == "/sitemaps/monthly-2025-9.xml":
            self._send(_urlset(f"{base}{ARTICLE_PATH}"))
        elif path.startswith("/chain/"):
            step = int(path.removeprefix("/chain/").removesuffix(".xml"))
            self._send(_index(f"{base}/chain/{step + 1}.xml"))
        elif path == ARTICLE_PATH:
            self._send(ARTICLE, "text/html; charset=utf-8")
        else:
            self._send(b"<html><body>not found</body></html>", "text/html", status=404)

    def _send(self, body: bytes, kind: str = "application/xml", status: int = 200) -> None:
        head = f"HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n\r\n"
        self.wfile.write(head.encode() + body)

    def log_message(self, *args: Any) -> None:
        """Quiet."""


class NoRobotsSite(SitemapSite):
    robots = None
    default_index = True


@pytest.fixture
def sitemap_site() -> Iterator[str]:
    with serve(SitemapSite) as base_url:
        yield base_url


@pytest.fixture
def no_robots_site() -> Iterator[str]:
    with serve(NoRobotsSite) as base_url:
        yield base_url


def test_the_sitemaps_robots_txt_names_are_read_and_nesting_is_bounded(sitemap_site: str, tmp_path: Path) -> None:
    run = run_crawl(sitemap_site, tmp_path, "route=sitemaps")
    assert run.returncode == 0, run.log[-3000:]
    assert [urlsplit(line["url"]).path for line in run.lines] == [ARTICLE_PATH]
    stats = run.manifest["stats"]
    assert stats["mayadeen/sitemaps/from_robots"] == 1
    assert stats["mayadeen/sitemaps/too_deep"] == 1
    assert "mayadeen/sitemaps/default_index" not in stats


def test_without_robots_txt_the_default_index_is_read(no_robots_site: str, tmp_path: Path) -> None:
    run = run_crawl(no_robots_site, tmp_path, "route=sitemaps")
    assert run.returncode == 0, run.log[-3000:]
    assert [urlsplit(line["url"]).path for line in run.lines] == [ARTICLE_PATH]
    assert run.manifest["stats"]["mayadeen/sitemaps/default_index"] == 1
