"""The replica's corpus: eager light metadata, listing indexes and lazily built bodies."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .beirut import year_month
from .blocks import Body
from .body import make_body
from .edits import edit_body, edit_meta, edited_ranks
from .generate import MAX_ARTICLES, build_meta
from .menus import REGIONS, SECTIONS
from .meta import ArticleMeta
from .slugs import author_slug
from .truth import article_truth


class Corpus:
    """A deterministic site: same ``seed`` and ``articles`` give the same site.

    ``new`` adds that many articles published after the newest of the ``articles`` base
    articles (they are listed first); ``updated`` edits that many base articles. Every
    base article that is not edited is the same (URL, post id, text, links, dates,
    truth) whatever ``new`` and ``updated`` are.
    """

    def __init__(
        self,
        seed: int,
        articles: int,
        base_url: str = "http://127.0.0.1:8000",
        drift_rate: float = 0.0,
        new: int = 0,
        updated: int = 0,
    ) -> None:
        if not 1 <= articles <= MAX_ARTICLES - max(new, 0):
            raise ValueError(f"articles + new must be in 1..{MAX_ARTICLES}, got {articles} + {new}")
        if new < 0 or not 0 <= updated <= articles:
            raise ValueError(f"new must be >= 0 and updated in 0..{articles}, got {new} and {updated}")
        self.seed = seed
        self.drift_rate = drift_rate
        self.base_url = base_url.rstrip("/")
        self.base_articles = articles
        self.new = new
        taken: set[str] = set()
        base = [build_meta(seed, rank, articles, taken, drift_rate, new) for rank in range(articles)]
        newer = [build_meta(seed, -birth, articles, taken, drift_rate, new) for birth in range(1, new + 1)]
        self.edited = edited_ranks(seed, articles, updated)
        for rank in self.edited:
            edit_meta(base[rank])
        self.metas: list[ArticleMeta] = newer[::-1] + base
        self.by_path: dict[str, int] = {meta.path: meta.index for meta in self.metas}
        self.listings: dict[str, list[int]] = _listings(self.metas)
        self.authors: dict[str, tuple[str, list[int]]] = _authors(self.metas)
        self.months: dict[tuple[int, int], list[int]] = _months(self.metas)
        self.body = lru_cache(maxsize=4096)(self._make_body)

    def __len__(self) -> int:
        return len(self.metas)

    def _make_body(self, index: int) -> Body:
        meta = self.metas[index]
        body = make_body(meta, self.base_articles, self.new)
        return edit_body(meta, body) if meta.edited else body

    def edited_indices(self) -> list[int]:
        """Indices of the articles ``updated`` edited, newest first."""
        return sorted(self.new + rank for rank in self.edited)

    def url(self, index: int) -> str:
        """Absolute canonical URL of article ``index``."""
        return self.base_url + self.metas[index].path

    def absolute(self, path: str) -> str:
        """``path`` made absolute on the base URL."""
        return self.base_url + path

    def image_url(self, index: int) -> str | None:
        """Absolute thumbnail URL (``?width=1000``) or None for an item without image."""
        meta = self.metas[index]
        if not meta.has_image:
            return None
        year, month = year_month(meta.published)
        return f"{self.base_url}/Content/uploadsimages/{year}/{month:02d}/{meta.post_id}.jpg?width=1000"

    def truth(self, index: int) -> dict[str, Any]:
        """The expected output line of article ``index`` (without ``crawled_at``)."""
        return article_truth(self, index)

    def truths(self) -> Iterator[dict[str, Any]]:
        """Expected output lines of every article, newest first."""
        return (self.truth(index) for index in range(len(self.metas)))


def _listings(metas: list[ArticleMeta]) -> dict[str, list[int]]:
    """Listing path -> article indices, newest first (index order)."""
    listings: dict[str, list[int]] = {section.path: [] for section in SECTIONS}
    listings.update({item.path: [] for section in SECTIONS for item in section.categories})
    listings.update({item.path: [] for item in REGIONS})
    region_paths = {item.label: item.path for item in REGIONS}
    for meta in metas:
        listings[meta.section.path].append(meta.index)
        if meta.listing_path != meta.section.path:
            listings[meta.listing_path].append(meta.index)
        for region in meta.regions:
            listings[region_paths[region]].append(meta.index)
    return listings


def _authors(metas: list[ArticleMeta]) -> dict[str, tuple[str, list[int]]]:
    """Author slug -> (name, article indices newest first)."""
    authors: dict[str, tuple[str, list[int]]] = {}
    for meta in metas:
        for name in meta.authors:
            authors.setdefault(author_slug(name), (name, []))[1].append(meta.index)
    return authors


def _months(metas: list[ArticleMeta]) -> dict[tuple[int, int], list[int]]:
    """(year, month) of publication in Beirut -> article indices newest first."""
    months: dict[tuple[int, int], list[int]] = defaultdict(list)
    for meta in metas:
        months[year_month(meta.published)].append(meta.index)
    return dict(months)
