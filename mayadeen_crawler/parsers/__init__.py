"""Pure extraction: HTML + URL -> items, menus, listing cards, sitemap entries."""

from __future__ import annotations

from mayadeen_crawler.parsers.article import ArticleParser, ParseResult
from mayadeen_crawler.parsers.listing import Card, Listing, parse_listing
from mayadeen_crawler.parsers.menu import parse_menu
from mayadeen_crawler.parsers.sitemap import (
    MonthlySitemap,
    SitemapEntry,
    parse_sitemap_index,
    parse_urlset,
)

__all__ = [
    "ArticleParser",
    "Card",
    "Listing",
    "MonthlySitemap",
    "ParseResult",
    "SitemapEntry",
    "parse_listing",
    "parse_menu",
    "parse_sitemap_index",
    "parse_urlset",
]
