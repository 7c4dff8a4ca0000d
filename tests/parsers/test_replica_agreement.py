"""The parsers against the replica: every article line equals the replica's own truth.

The replica computes its truth from its corpus, never through the parsers, so agreement
here means both sides read docs/contract.md the same way.
"""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import urlsplit

import pytest
from parsel import Selector

from mayadeen_crawler.cleaning import clean_article
from mayadeen_crawler.parsers import (
    ArticleParser,
    parse_listing,
    parse_menu,
    parse_sitemap_index,
    parse_urlset,
)
from mayadeen_crawler.site import KNOWN_MENU

replica = pytest.importorskip("mayadeen_crawler.replica")
from mayadeen_crawler.replica.routes import Site

SIZE = 300


@pytest.fixture(scope="module", params=[("plain", 0.0, 1), ("drifted", 0.3, 5)], ids=lambda p: p[0])
def site(request: pytest.FixtureRequest) -> Site:
    _, drift, seed = request.param
    return Site(replica.Corpus(seed=seed, articles=SIZE, drift_rate=drift))


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _line(site: Site, url: str) -> dict[str, Any] | str:
    response = site.respond(_path(url))
    result = ArticleParser(strict=True).parse(response.body, url, status=response.status)
    if result.item is None:
        return f"skipped: {result.skip_reason}"
    line = dataclasses.asdict(clean_article(result.item))
    line.pop("crawled_at")
    return line


def test_every_article_matches_the_truth(site: Site) -> None:
    mismatches: list[str] = []
    for truth in site.corpus.truths():
        expected = dict(truth, version=truth.get("version", 1))
        line = _line(site, truth["url"])
        if isinstance(line, str):
            mismatches.append(f"{truth['url']}: {line}")
            continue
        fields = sorted(key for key in expected if line.get(key) != expected[key])
        mismatches.extend(f"{truth['url']}: {field}" for field in fields)
    assert not mismatches, "\n".join(mismatches[:20])


@pytest.mark.parametrize("path", ["/live", "/about-us", "/privacy-policy", "/contact-us"])
def test_info_pages_are_skipped(site: Site, path: str) -> None:
    assert _line(site, site.corpus.absolute(path)) == "skipped: not-article:type=page"


def test_a_missing_page_is_skipped(site: Site) -> None:
    assert _line(site, site.corpus.absolute("/news/politics/no-such-story")) == "skipped: http-status:404"


def test_home_menu(site: Site) -> None:
    menu = parse_menu(Selector(text=site.respond("/").body.decode("utf-8")))
    assert menu.sections[: len(KNOWN_MENU.sections)] == KNOWN_MENU.sections
    assert menu.regions == KNOWN_MENU.regions


def _walk_listing(site: Site, path: str) -> list[str]:
    urls: list[str] = []
    next_url: str | None = site.corpus.absolute(path)
    while next_url is not None:
        response = site.respond(_path(next_url))
        assert response.status == 200, next_url
        listing = parse_listing(Selector(text=response.body.decode("utf-8")), next_url)
        assert not listing.fallback
        urls.extend(card.url for card in listing.cards)
        next_url = listing.next_url
    return urls


def test_every_listing_walks_to_its_articles(site: Site) -> None:
    corpus = site.corpus
    for path, indices in corpus.listings.items():
        found = [url for url in _walk_listing(site, path) if urlsplit(url).path in corpus.by_path]
        assert found == [corpus.url(index) for index in indices], path


def test_sitemaps_list_every_article(site: Site) -> None:
    corpus = site.corpus
    index_url = corpus.absolute("/sitemaps/all.xml")
    urls: list[str] = []
    for monthly in parse_sitemap_index(site.respond("/sitemaps/all.xml").body, index_url):
        assert monthly.year is not None
        assert monthly.month is not None
        urls.extend(entry.url for entry in parse_urlset(site.respond(_path(monthly.url)).body, monthly.url))
    assert sorted(urls) == sorted(corpus.url(index) for index in range(len(corpus)))
