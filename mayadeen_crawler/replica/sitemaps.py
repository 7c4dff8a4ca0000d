"""Sitemap index, monthly urlsets and robots.txt."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .beirut import iso

if TYPE_CHECKING:
    from .corpus import Corpus

_XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def month_path(year: int, month: int) -> str:
    """``/sitemaps/all/sitemap-YYYY-M.xml`` (month not zero-padded)."""
    return f"/sitemaps/all/sitemap-{year}-{month}.xml"


def sitemap_index(corpus: Corpus) -> str:
    """``/sitemaps/all.xml``: the monthly files, newest month first."""
    entries = []
    for year, month in sorted(corpus.months, reverse=True):
        lastmod = max(corpus.metas[index].updated for index in corpus.months[(year, month)])
        entries.append(
            f"<sitemap><loc>{escape(corpus.absolute(month_path(year, month)))}</loc>"
            f"<lastmod>{iso(lastmod)}</lastmod></sitemap>"
        )
    return f"{_XML}<sitemapindex {_NS}>\n" + "\n".join(entries) + "\n</sitemapindex>\n"


def month_sitemap(corpus: Corpus, year: int, month: int) -> str | None:
    """One month's ``<urlset>``, or None for a month without items."""
    indices = corpus.months.get((year, month))
    if indices is None:
        return None
    entries = [
        f"<url><loc>{escape(corpus.url(index))}</loc>"
        f"<lastmod>{iso(corpus.metas[index].updated)}</lastmod></url>"
        for index in indices
    ]
    return f"{_XML}<urlset {_NS}>\n" + "\n".join(entries) + "\n</urlset>\n"


def robots_txt(corpus: Corpus) -> str:
    """robots.txt as the contract fixes it."""
    return f"User-agent: *\nDisallow: /search\nSitemap: {corpus.absolute('/sitemaps/all.xml')}\n"
