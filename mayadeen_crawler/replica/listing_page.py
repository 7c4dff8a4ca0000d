"""Listing pages (menus, regions, authors) with 20 cards a page, and the home page."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .cards import cards, load_more, page_card
from .layout import SITE_NAME, page
from .menus import LIVE, NEWS, REGIONS, SECTIONS, VIDEOS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .corpus import Corpus

PAGE_SIZE = 20
HOME_CARDS = 12
_TITLES = {section.path: section.label for section in SECTIONS}
_TITLES.update({item.path: item.label for section in SECTIONS for item in section.categories})
_TITLES.update({item.path: item.label for item in REGIONS})
_LIVE_PROMO = (NEWS.path, VIDEOS.path)


def page_slice(items: Sequence[int], number: int) -> tuple[Sequence[int], int | None] | None:
    """Items of 1-based page ``number`` and the next page number; None past the end."""
    start = (number - 1) * PAGE_SIZE
    if number < 1 or (number > 1 and start >= len(items)):
        return None
    end = start + PAGE_SIZE
    return items[start:end], (number + 1 if end < len(items) else None)


def listing_page(corpus: Corpus, path: str, number: int, breaking: str) -> str | None:
    """A menu or region listing, or None for a page past the end."""
    sliced = page_slice(corpus.listings[path], number)
    if sliced is None:
        return None
    title = _TITLES[path]
    promo = ""
    if path in _LIVE_PROMO and number == 1:
        promo = f'<aside class="live-now">{page_card(LIVE.path, "Watch Al Mayadeen LIVE")}</aside>\n'
    content = promo + _listing(title, corpus, sliced[0], load_more(path, sliced[1]))
    return page(f"{title} | {SITE_NAME}", "", content, breaking)


def _listing(title: str, corpus: Corpus, indices: Sequence[int], more: str) -> str:
    return (
        f'<h1 class="listing-title">{escape(title)}</h1>\n'
        f'<section class="listing">\n{cards(corpus, indices)}{more}</section>\n'
    )


def home_page(corpus: Corpus, breaking: str) -> str:
    """The home page: the latest cards and a LIVE card."""
    latest = cards(corpus, range(min(HOME_CARDS, len(corpus))))
    content = (
        f'<section class="listing latest">\n{page_card(LIVE.path, "Al Mayadeen LIVE")}{latest}</section>\n'
    )
    return page(SITE_NAME, "", content, breaking)


def author_page(corpus: Corpus, slug: str, number: int, breaking: str) -> str | None:
    """``/authors/{first-last}``: bio line, then that author's cards; None if unknown."""
    entry = corpus.authors.get(slug)
    sliced = page_slice(entry[1], number) if entry else None
    if entry is None or sliced is None:
        return None
    name = escape(entry[0])
    content = (
        f'<section class="author-profile"><h1 class="author-name">{name}</h1>'
        f'<p class="author-bio">{name} writes for {SITE_NAME}.</p></section>\n'
        f'<section class="listing">\n{cards(corpus, sliced[0])}'
        f"{load_more(f'/authors/{slug}', sliced[1])}</section>\n"
    )
    return page(f"{entry[0]} | {SITE_NAME}", "", content, breaking)


def authors_index(corpus: Corpus, breaking: str) -> str:
    """``/authors``: links to every author page."""
    items = "".join(
        f'<li><a href="/authors/{slug}">{escape(name)}</a></li>'
        for slug, (name, _) in sorted(corpus.authors.items())
    )
    content = f'<h1 class="listing-title">Authors</h1>\n<ul class="authors">{items}</ul>\n'
    return page(f"Authors | {SITE_NAME}", "", content, breaking)
