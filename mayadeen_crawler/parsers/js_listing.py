"""Listings paged by script: a "Load more" without ``href``, and the JSON its script reads.

``script_paging`` finds such a button and, when the markup names the endpoint
(``data-endpoint``/``data-api``/``data-url``, the other ``data-*`` attributes being its
query, e.g. ``data-path``, ``data-page``), the URL of the next page's JSON.
``parse_listing_json`` reads that JSON: ``items`` (``url``, ``title``, ``date``) and
``next`` (the next page's endpoint URL; else ``next_page`` on the same endpoint).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from mayadeen_crawler.cleaning import parse_visible_datetime
from mayadeen_crawler.parsers._dom import (
    absolute_url,
    compile_xpath,
    drop_fragment,
    first,
    has_class,
    same_host,
)
from mayadeen_crawler.parsers.listing import SKIPPED_PATH_PREFIXES, Card, Listing

if TYPE_CHECKING:
    from parsel import Selector

ENDPOINT_ATTRIBUTES = ("data-endpoint", "data-api", "data-url")
_BUTTON = compile_xpath(f"//*[{has_class('load-more')}][not(@href)]")


@dataclass(frozen=True)
class ScriptPaging:
    """A scripted "Load more": the JSON URL of the next page when the markup gives it away."""

    api_url: str | None


def script_paging(sel: Selector, url: str) -> ScriptPaging | None:
    """The page's scripted "Load more", or None when it has none."""
    root = sel.root
    button = first(_BUTTON(root)) if not isinstance(root, str) else None
    if button is None:
        return None
    endpoint = next((button.get(name) for name in ENDPOINT_ATTRIBUTES if button.get(name)), None)
    api = absolute_url(url, endpoint) if endpoint else None
    if api is None or not same_host(api, url):
        return ScriptPaging(None)
    query = [
        (name.removeprefix("data-"), value)
        for name, value in button.attrib.items()
        if name.startswith("data-") and name not in ENDPOINT_ATTRIBUTES
    ]
    return ScriptPaging(_with_query(api, query))


def parse_listing_json(body: bytes, url: str, *, today: date | None = None) -> Listing:
    """Cards and the next endpoint URL of one JSON listing page (an empty listing if unreadable)."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return Listing()
    if not isinstance(data, dict):
        return Listing()
    day = today or date.today()
    cards = [card for item in data.get("items") or () if (card := _card(item, url, day)) is not None]
    return Listing(cards, _next(data, url))


def _card(item: Any, url: str, today: date) -> Card | None:
    if not isinstance(item, dict):
        return None
    link = absolute_url(url, str(item.get("url") or ""))
    if link is None or not same_host(link, url) or urlsplit(link).path.startswith(SKIPPED_PATH_PREFIXES):
        return None
    moment = parse_visible_datetime(str(item.get("date") or ""), today)
    return Card(drop_fragment(link), moment.date() if moment else None, str(item.get("title") or "") or None)


def _next(data: dict[str, Any], url: str) -> str | None:
    if data.get("next"):
        return absolute_url(url, str(data["next"]))
    page = data.get("next_page")
    if not page:
        return None
    query = [(k, v) for k, v in parse_qsl(urlsplit(url).query) if k != "page"] + [("page", str(page))]
    return _with_query(url, query, keep=False)


def _with_query(url: str, query: list[tuple[str, str]], *, keep: bool = True) -> str:
    """``url`` with ``query`` added to (``keep``) or instead of its own query."""
    parts = urlsplit(url)
    merged = (parse_qsl(parts.query) if keep else []) + query
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(merged, safe="/"), ""))
