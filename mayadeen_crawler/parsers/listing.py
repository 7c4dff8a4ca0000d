"""Section/region listing pages -> article card links and the next page (spec section 4).

Cards are the ``div.news-card a[href]`` of the page (those of ``section.listing`` and of
promotion boxes such as the LIVE card, never Most Read / Read Next / header / footer); without
cards, the links inside ``section.listing`` / ``main``. Only links on the listing's own host
are kept, fragments removed, repeats dropped, order kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from mayadeen_crawler.cleaning import collapse_whitespace, element_text, parse_visible_datetime
from mayadeen_crawler.parsers._dom import (
    Element,
    absolute_url,
    compile_xpath,
    drop_fragment,
    first,
    has_class,
    same_host,
)

if TYPE_CHECKING:
    from parsel import Selector

SKIPPED_PATH_PREFIXES = ("/authors/", "/tags/", "/search")
NEXT_LABELS = frozenset(
    {"load more", "show more", "view more", "see more", "more news", "more articles", "next", "next page",
     "older", "older posts", "older articles"}
)  # fmt: skip
_LABEL_ARROWS = "»›→>…. \u00a0"

_SCOPE = compile_xpath(f"(//section[{has_class('listing')}])[1]")
_MAIN = compile_xpath("(//main)[1]")
_BOILERPLATE = " or ".join(
    [has_class(name) for name in ("most-read", "read-next", "coverage-box")]
    + ["self::header", "self::footer", "self::nav"]
)
_CARDS = compile_xpath(f"//div[{has_class('news-card')}][not(ancestor::*[{_BOILERPLATE}])]")
_CARD_LINK = compile_xpath(".//a[@href]")
_CARD_DATE = compile_xpath(f".//*[{has_class('card-date')}]")
_CARD_TITLE = compile_xpath(".//h1 | .//h2 | .//h3 | .//h4")
_LOAD_MORE = compile_xpath(f"//a[{has_class('load-more')}][@href]")
_REL_NEXT = compile_xpath(
    "//a[@href][contains(concat(' ', normalize-space(@rel), ' '), ' next ')]"
    " | //link[@href][contains(concat(' ', normalize-space(@rel), ' '), ' next ')]"
)
_ALL_LINKS = compile_xpath(".//a[@href]")
_SCOPE_LINKS = compile_xpath(".//a[@href][not(ancestor::nav or ancestor::header or ancestor::footer)]")


@dataclass(frozen=True)
class Card:
    """One article card of a listing."""

    url: str
    date: date | None = None
    title: str | None = None


@dataclass
class Listing:
    """The cards of a listing page, its next page, and whether the card markup was missing."""

    cards: list[Card] = field(default_factory=list)
    next_url: str | None = None
    fallback: bool = False


def _keep(url: str | None, listing_url: str) -> str | None:
    if url is None or not same_host(url, listing_url):
        return None
    path = urlsplit(url).path
    if any(path.startswith(prefix) for prefix in SKIPPED_PATH_PREFIXES):
        return None
    return drop_fragment(url)


def _card(card: Element, listing_url: str, today: date) -> Card | None:
    link = first(_CARD_LINK(card))
    url = _keep(absolute_url(listing_url, link.get("href")), listing_url) if link is not None else None
    if url is None:
        return None
    date_element = first(_CARD_DATE(card))
    moment = parse_visible_datetime(element_text(date_element), today) if date_element is not None else None
    title_element = first(_CARD_TITLE(card))
    title = element_text(title_element) if title_element is not None else ""
    return Card(url, moment.date() if moment else None, title or None)


def _fallback_cards(scope: Element, listing_url: str, next_url: str | None) -> list[Card]:
    own, own_path = drop_fragment(listing_url), urlsplit(listing_url).path
    cards: list[Card] = []
    for link in _SCOPE_LINKS(scope):
        url = _keep(absolute_url(listing_url, link.get("href")), listing_url)
        if url is None or url in (own, next_url) or _is_next_link(link):
            continue
        if urlsplit(url).path == own_path:  # another page of this listing (numbered pagination)
            continue
        cards.append(Card(url, None, element_text(link) or None))
    return cards


def _is_next_link(link: Element) -> bool:
    """The link reads like a next-page link ("Load more", "Next »", "Older posts", ...)."""
    return collapse_whitespace(element_text(link)).strip(_LABEL_ARROWS).casefold() in NEXT_LABELS


def _page_number(url: str) -> int:
    """The ``page`` query parameter of a listing URL (1 when absent or unreadable)."""
    values = parse_qs(urlsplit(url).query).get("page", [])
    return int(values[0]) if values and values[0].isdigit() else 1


def _is_following_page(link: Element, listing_url: str, number: int) -> bool:
    """The link goes to this listing's page ``number`` (``?page=N`` on the same path)."""
    url = absolute_url(listing_url, link.get("href"))
    if url is None or urlsplit(url).path != urlsplit(listing_url).path:
        return False
    return "page=" in url and _page_number(url) == number


def _next_url(root: Element, listing_url: str) -> str | None:
    """``a.load-more``, else ``rel=next``, else a link to ``?page=N+1`` of the same listing
    (numbered pagination), else a link that reads like one ("Next »", "Older posts")."""
    # lazily: every link of the page is looked at only when no load-more link serves
    following = _page_number(listing_url) + 1
    candidates = chain(
        _LOAD_MORE(root),
        _REL_NEXT(root),
        (a for a in _ALL_LINKS(root) if _is_following_page(a, listing_url, following)),
        (a for a in _ALL_LINKS(root) if _is_next_link(a)),
    )
    for link in candidates:
        url = absolute_url(listing_url, link.get("href"))
        if url is not None and drop_fragment(url) != drop_fragment(listing_url):
            return drop_fragment(url)
    return None


def _dedupe(cards: list[Card]) -> list[Card]:
    seen: dict[str, Card] = {}
    for card in cards:
        seen.setdefault(card.url, card)
    return list(seen.values())


def parse_listing(sel: Selector, url: str, *, today: date | None = None) -> Listing:
    """Cards (absolute URLs, dates) and the next page of a listing page.

    ``today`` dates cards that show no year (default: the current local day).
    """
    root = sel.root
    if isinstance(root, str):
        return Listing()
    next_url = _next_url(root, url)
    card_elements = _CARDS(root)
    if card_elements:
        day = today or date.today()
        cards = [card for el in card_elements if (card := _card(el, url, day)) is not None]
        return Listing(_dedupe(cards), next_url)
    scope = next((found[0] for found in (_SCOPE(root), _MAIN(root)) if found), root)
    return Listing(_dedupe(_fallback_cards(scope, url, next_url)), next_url, fallback=True)
