"""Sitemap index and monthly ``<urlset>`` files (spec section 1), via Scrapy's safe parser.

``scrapy.utils.sitemap.Sitemap`` resolves no entities, so XML bombs stay inert; garbage
input yields what could be read (usually nothing) and never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

MAX_SITEMAP_BYTES = 50 * 1024 * 1024
_MONTHLY_NAME = re.compile(r"sitemap-(\d{4})-(\d{1,2})\.xml(?:\.gz)?$", re.IGNORECASE)


@dataclass(frozen=True)
class MonthlySitemap:
    """One monthly sitemap of the index; year/month None when the name has another form."""

    url: str
    year: int | None = None
    month: int | None = None


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>`` of a urlset."""

    url: str
    lastmod: str | None = None


def _entries(body: bytes, wanted_type: str) -> list[dict[str, Any]]:
    """The entries of a sitemap of the wanted type; partial on broken XML; [] on garbage."""
    found: list[dict[str, Any]] = []
    try:
        if body[:2] == b"\x1f\x8b":
            body = gunzip(body, max_size=MAX_SITEMAP_BYTES)
        sitemap = Sitemap(body.strip())
        if sitemap.type != wanted_type:
            return []
        found.extend(sitemap)
    except Exception:  # noqa: BLE001 - broken input must never stop a crawl
        return found
    return found


def _loc(entry: dict[str, Any], base_url: str) -> str | None:
    loc = entry.get("loc")
    if not isinstance(loc, str) or not loc.strip():
        return None
    url = urljoin(base_url, loc.strip())
    return url if urlsplit(url).scheme in ("http", "https") else None


def monthly_sitemap(url: str) -> MonthlySitemap:
    """Year and month read from ``.../sitemap-YYYY-M.xml`` (zero-padded or not)."""
    match = _MONTHLY_NAME.search(urlsplit(url).path)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return MonthlySitemap(url)
    return MonthlySitemap(url, int(match.group(1)), int(match.group(2)))


def parse_sitemap_index(body: bytes, url: str) -> list[MonthlySitemap]:
    """The sitemaps listed by a ``<sitemapindex>``, in document order."""
    locs = (_loc(entry, url) for entry in _entries(body, "sitemapindex"))
    return [monthly_sitemap(loc) for loc in locs if loc]


def parse_urlset(body: bytes, url: str) -> list[SitemapEntry]:
    """The ``<url>`` entries of a ``<urlset>`` with their ``<lastmod>``."""
    found: list[SitemapEntry] = []
    for entry in _entries(body, "urlset"):
        loc = _loc(entry, url)
        if loc:
            lastmod = entry.get("lastmod")
            found.append(SitemapEntry(loc, lastmod.strip() or None if isinstance(lastmod, str) else None))
    return found
