"""Maps a request target to a response: the whole site, independent of HTTP plumbing."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

from . import layout
from .article_page import article_page
from .cards import cards
from .listing_page import author_page, authors_index, home_page, listing_page
from .menus import PAGES
from .other_pages import info_page, not_found_page
from .sitemaps import month_sitemap, robots_txt, sitemap_index

if TYPE_CHECKING:
    from .corpus import Corpus

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
_MONTH_FILE = re.compile(r"/sitemaps/all/sitemap-(\d{4})-([1-9]|1[0-2])\.xml")
_PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
MOST_READ = 4


@dataclass(frozen=True, slots=True)
class Response:
    """Status, body and headers of one answer."""

    status: int
    body: bytes
    content_type: str = HTML
    headers: tuple[tuple[str, str], ...] = ()


def html(text: str | None) -> Response:
    """200 with the page, or the 404 page when there is none."""
    if text is None:
        return not_found()
    return Response(200, text.encode())


def not_found() -> Response:
    """The 404 answer."""
    return Response(404, not_found_page().encode())


class Site:
    """Renders every page of a corpus; thread-safe (read-only after construction)."""

    def __init__(self, corpus: Corpus, info: dict[str, Any] | None = None) -> None:
        self.corpus = corpus
        self.info = info or {}
        self.breaking = layout.ticker(corpus.seed)

    @cached_property
    def most_read(self) -> str:
        """The Most Read aside, the same on every article page."""
        picks = range(0, min(len(self.corpus), 8 * MOST_READ), 8)
        return f'<aside class="most-read"><h2>Most Read</h2>\n{cards(self.corpus, picks)}</aside>\n'

    @cached_property
    def truth_json(self) -> bytes:
        """``/_replica/truth.json``: every truth line keyed by canonical URL."""
        truths = {line["url"]: line for line in self.corpus.truths()}
        return json.dumps(truths, ensure_ascii=False).encode()

    def respond(self, target: str) -> Response:
        """The response to a GET of ``target`` (path and query)."""
        parts = urlsplit(target)
        path = unquote(parts.path)
        if len(path) > 1:
            path = path.rstrip("/")
        number = _page_number(parts.query)
        if number is None:
            return not_found()
        return self._route(path, number)

    def _route(self, path: str, number: int) -> Response:
        corpus = self.corpus
        if path == "/":
            return html(home_page(corpus, self.breaking))
        if path in corpus.listings:
            return html(listing_page(corpus, path, number, self.breaking))
        index = corpus.by_path.get(path)
        if index is not None:
            return html(article_page(corpus, index, self.breaking, self.most_read))
        if path in PAGES:
            return html(info_page(path, PAGES[path], corpus.absolute(path), self.breaking))
        return self._other(path, number)

    def _other(self, path: str, number: int) -> Response:
        corpus = self.corpus
        if path == "/authors":
            return html(authors_index(corpus, self.breaking))
        if path.startswith("/authors/"):
            return html(author_page(corpus, path.removeprefix("/authors/"), number, self.breaking))
        if path == "/robots.txt":
            return Response(200, robots_txt(corpus).encode(), "text/plain; charset=utf-8")
        if path == "/sitemaps/all.xml":
            return Response(200, sitemap_index(corpus).encode(), XML)
        match = _MONTH_FILE.fullmatch(path)
        if match:
            text = month_sitemap(corpus, int(match[1]), int(match[2]))
            return Response(200, text.encode(), XML) if text else not_found()
        if path.startswith("/Content/uploadsimages/"):
            return Response(200, _PIXEL, "image/gif")
        return self._replica(path)

    def _replica(self, path: str) -> Response:
        if path == "/_replica/truth.json":
            return Response(200, self.truth_json, "application/json")
        if path == "/_replica/info.json":
            return Response(200, json.dumps(self.info, indent=1).encode(), "application/json")
        return not_found()


def _page_number(query: str) -> int | None:
    """The ``page`` parameter (1 when absent), None when it is not a positive integer."""
    values = parse_qs(query).get("page")
    if not values:
        return 1
    value = values[-1]
    return int(value) if value.isascii() and value.isdigit() and int(value) >= 1 else None
