"""Listings paged by script: finding the JSON endpoint of a "Load more" button, reading its JSON."""

from __future__ import annotations

import json
from datetime import date

from parsel import Selector

from mayadeen_crawler.parsers.js_listing import parse_listing_json, script_paging

BASE = "http://127.0.0.1:8000"
PAGE = """<html><body><section class="listing">
<div class="news-card"><a href="/news/politics/a"><h3>A</h3></a><span class="card-date">10 Sep 2025</span></div>
{more}</section></body></html>"""


def _paging(more: str) -> object:
    return script_paging(Selector(text=PAGE.format(more=more)), f"{BASE}/news/politics")


def test_a_button_that_names_its_endpoint_gives_the_next_json_page() -> None:
    button = (
        '<button type="button" class="load-more" data-endpoint="/api/listing" '
        'data-path="/news/politics" data-page="2">Load more</button>'
    )
    paging = _paging(button)
    assert paging is not None
    assert paging.api_url == f"{BASE}/api/listing?path=/news/politics&page=2"


def test_a_button_without_an_endpoint_needs_a_browser() -> None:
    paging = _paging('<button class="load-more" data-page="2">Load more</button>')
    assert paging is not None
    assert paging.api_url is None


def test_an_off_site_endpoint_is_not_followed() -> None:
    paging = _paging('<button class="load-more" data-endpoint="https://ads.example/api">More</button>')
    assert paging is not None
    assert paging.api_url is None


def test_a_server_rendered_load_more_link_is_no_script_paging() -> None:
    assert _paging('<a class="load-more" href="/news/politics?page=2">Load more</a>') is None
    assert _paging("") is None


def test_the_json_page_gives_cards_and_the_next_endpoint() -> None:
    body = {
        "items": [
            {"url": "/news/politics/b", "title": "B", "date": "9 Sep 2025"},
            {"url": "https://elsewhere.example/x", "title": "off site"},
            {"url": "/authors/someone", "title": "an author page"},
            "not an item",
        ],
        "next": "/api/listing?path=/news/politics&page=3",
    }
    url = f"{BASE}/api/listing?path=/news/politics&page=2"
    listing = parse_listing_json(json.dumps(body).encode(), url, today=date(2026, 1, 1))
    assert [(card.url, card.date, card.title) for card in listing.cards] == [
        (f"{BASE}/news/politics/b", date(2025, 9, 9), "B")
    ]
    assert listing.next_url == f"{BASE}/api/listing?path=/news/politics&page=3"


def test_next_page_numbers_and_unreadable_json() -> None:
    url = f"{BASE}/api/listing?path=/news&page=2"
    listing = parse_listing_json(b'{"items": [], "next_page": 3}', url)
    assert listing.next_url == f"{BASE}/api/listing?path=/news&page=3"
    assert parse_listing_json(b'{"items": [], "next_page": null}', url).next_url is None
    assert parse_listing_json(b"<html>", url).cards == []
    assert parse_listing_json(b"[1, 2]", url).next_url is None
