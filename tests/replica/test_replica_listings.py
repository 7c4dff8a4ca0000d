"""Listings, pagination, sitemaps, robots.txt and 404s (rendered without HTTP)."""

from __future__ import annotations

import re

from mayadeen_crawler.replica import Corpus
from mayadeen_crawler.replica.listing_page import PAGE_SIZE
from mayadeen_crawler.replica.menus import PAGES, listing_paths
from mayadeen_crawler.replica.routes import Site

CARD = re.compile(r'<div class="news-card"><a href="([^"]+)"')
LISTING = re.compile(r'<section class="listing">(.*?)</section>', re.DOTALL)
MORE = re.compile(r'<a class="load-more" href="([^"]+)">')


def _walk(site: Site, path: str) -> tuple[list[str], list[int]]:
    """Every card link of a listing, following load-more; and the card count of each page."""
    links: list[str] = []
    counts: list[int] = []
    target: str | None = path
    while target:
        response = site.respond(target)
        assert response.status == 200, target
        section = LISTING.search(response.body.decode())
        assert section, target
        found = CARD.findall(section[1])
        links += found
        counts.append(len(found))
        more = MORE.search(section[1])
        target = more[1] if more else None
        if target:
            assert target == f"{path}?page={len(counts) + 1}"
    return links, counts


def test_every_article_is_reachable_from_its_category_listing(corpus: Corpus, site: Site) -> None:
    seen: set[str] = set()
    for path in listing_paths():
        links, counts = _walk(site, path)
        assert all(count == PAGE_SIZE for count in counts[:-1]), path
        assert 0 <= counts[-1] <= PAGE_SIZE
        assert len(links) == len(set(links)) == len(corpus.listings[path])
        indices = [corpus.by_path[link] for link in links]
        assert indices == sorted(indices), "newest first"
        published = [corpus.metas[index].published for index in indices]
        assert published == sorted(published, reverse=True)
        for index in indices:
            meta = corpus.metas[index]
            assert path in (meta.listing_path, meta.section.path) or path.startswith("/region/")
        seen.update(links)
    assert seen == {meta.path for meta in corpus.metas}
    for meta in corpus.metas:
        assert meta.index in corpus.listings[meta.listing_path]
        assert meta.index in corpus.listings[meta.section.path]


def test_region_listings_hold_the_items_of_their_region(corpus: Corpus) -> None:
    for meta in corpus.metas:
        for region in meta.regions:
            path = "/region/" + {"US & Canada": "us-canada"}.get(region, region.lower().replace(" ", "-"))
            assert meta.index in corpus.listings[path]


def test_pagination_edges(site: Site) -> None:
    assert site.respond("/news?page=1").body == site.respond("/news").body
    assert site.respond("/news?page=2").status == 200
    assert site.respond("/news?page=999").status == 404
    assert site.respond("/news?page=0").status == 404
    assert site.respond("/news?page=abc").status == 404
    last = site.respond("/videos/tv?page=1").body.decode()
    assert "load-more" in last or len(CARD.findall(last)) <= PAGE_SIZE


def test_page_cards_lead_to_type_page_pages(site: Site) -> None:
    home = site.respond("/").body.decode()
    assert 'href="/live"' in home.split("<main", 1)[1]
    assert 'class="live-now"' in site.respond("/news").body.decode()
    for path in PAGES:
        page = site.respond(path).body.decode()
        assert '"type": "page"' in page
        assert "article-details" not in page


def test_sitemap_lists_every_article_once(corpus: Corpus, site: Site) -> None:
    index = site.respond("/sitemaps/all.xml").body.decode()
    months = re.findall(
        r"<loc>http://127\.0\.0\.1:8000(/sitemaps/all/sitemap-(\d{4})-(\d{1,2})\.xml)</loc>", index
    )
    assert len(months) == len(corpus.months)
    keys = [(int(year), int(month)) for _, year, month in months]
    assert keys == sorted(keys, reverse=True)
    assert all(not month.startswith("0") for _, _, month in months)
    locs: list[str] = []
    for path, _, _ in months:
        urlset = site.respond(path).body.decode()
        pairs = re.findall(r"<url><loc>([^<]+)</loc><lastmod>([^<]+)</lastmod></url>", urlset)
        locs += [loc for loc, _ in pairs]
        for loc, lastmod in pairs:
            assert corpus.truth(corpus.by_path[loc.removeprefix(corpus.base_url)])["modified_at"] == lastmod
    assert sorted(locs) == sorted(corpus.url(meta.index) for meta in corpus.metas)
    assert site.respond("/sitemaps/all/sitemap-2025-09.xml").status == 404
    assert site.respond("/sitemaps/all/sitemap-2030-1.xml").status == 404


def test_robots_txt(site: Site) -> None:
    response = site.respond("/robots.txt")
    assert response.body.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /search",
        "Sitemap: http://127.0.0.1:8000/sitemaps/all.xml",
    ]


def test_unknown_paths_are_404(site: Site) -> None:
    for path in ("/nothing", "/news/politics/no-such-slug", "/authors/nobody", "/tags/gaza", "/search?q=x"):
        assert site.respond(path).status == 404, path


def test_author_pages(corpus: Corpus, site: Site) -> None:
    for slug, (name, indices) in corpus.authors.items():
        page = site.respond(f"/authors/{slug}").body.decode()
        assert 'class="author-bio"' in page
        assert len(CARD.findall(page)) == min(PAGE_SIZE, len(indices))
        assert name.split()[0] in page
    authors = site.respond("/authors").body.decode()
    assert all(f'href="/authors/{slug}"' in authors for slug in corpus.authors)


def test_every_page_has_the_shell(corpus: Corpus, site: Site) -> None:
    for path in ("/", "/news/politics", "/live", corpus.metas[0].path, "/authors"):
        page = site.respond(path).body.decode()
        assert page.count('<nav class="main-menu') == 2
        assert '<nav class="region-menu">' in page
        assert page.count('class="ticker__item"') == 10
        assert 'class="site-footer"' in page
        assert "All Rights Reserved" in page
        assert page.index("site-header") < page.index("breaking") < page.index("site-content")
        assert page.index("site-content") < page.index("site-footer")
        assert '<li class="menu-item has-sub"><a href="/news">News</a><ul class="sub-menu">' in page
        assert '<a href="/live">LIVE</a>' in page
        assert "Arts&amp;Culture</a>" in page


def test_rendering_is_fast(corpus: Corpus, site: Site) -> None:
    import time

    paths = [meta.path for meta in corpus.metas[:200]]
    start = time.perf_counter()
    for path in paths:
        site.respond(path)
    per_page = (time.perf_counter() - start) / len(paths)
    print(f"article page render: {per_page * 1000:.2f} ms")
    assert per_page < 0.01
