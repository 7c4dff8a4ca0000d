"""Listing, menu and sitemap fixtures: cards and next page, menus, monthly sitemaps."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from parsel import Selector

from mayadeen_crawler.parsers import parse_listing, parse_menu, parse_sitemap_index, parse_urlset
from mayadeen_crawler.site import KNOWN_MENU, MenuItem, SiteMenu
from tests.parsers.fixture_files import folders, read_bytes, read_json


def _listing(name: str) -> dict[str, Any]:
    meta = read_json("listing", name, "meta.json")
    sel = Selector(text=read_bytes("listing", name, "input.html").decode("utf-8"))
    listing = parse_listing(sel, meta["url"], today=date.fromisoformat(meta["today"]))
    cards = [
        {"url": c.url, "date": c.date.isoformat() if c.date else None, "title": c.title}
        for c in listing.cards
    ]
    return {"cards": cards, "next_url": listing.next_url, "fallback": listing.fallback}


@pytest.mark.parametrize("part", ["cards", "next_url", "fallback"])
@pytest.mark.parametrize("name", folders("listing"))
def test_listing(name: str, part: str) -> None:
    assert _listing(name)[part] == read_json("listing", name, "expected.json")[part]


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("<a href='/news/politics?page=2'>Next &raquo;</a>", "?page=2"),
        ("<a href='/news/politics?page=2'>Older posts</a>", "?page=2"),
        ("<a href='/news/politics?page=2'>Show more →</a>", "?page=2"),
        ("<a href='/news/politics?page=3'>3</a><a href='/news/politics?page=2'>2</a>", "?page=2"),
        ("<a href='/news/economy?page=2'>2</a>", None),  # another listing's page
        ("<a href='/news/politics?page=3'>3</a>", None),  # not the following page
    ],
)
def test_next_page_without_load_more_markup(link: str, expected: str | None) -> None:
    html = f"<html><body><main><a href='/news/politics/a-story'>A story</a>{link}</main></body></html>"
    listing = parse_listing(Selector(text=html), "https://english.almayadeen.net/news/politics")
    want = f"https://english.almayadeen.net/news/politics{expected}" if expected else None
    assert listing.next_url == want
    assert [card.url for card in listing.cards][:1] == ["https://english.almayadeen.net/news/politics/a-story"]


def test_there_are_listing_fixtures() -> None:
    assert len(folders("listing")) >= 3


def _menu_json(item: MenuItem) -> dict[str, Any]:
    return {"label": item.label, "path": item.path, "children": [_menu_json(c) for c in item.children]}


@pytest.mark.parametrize("part", ["sections", "regions"])
@pytest.mark.parametrize("name", folders("menu"))
def test_menu(name: str, part: str) -> None:
    sel = Selector(text=read_bytes("menu", name, "input.html").decode("utf-8"))
    menu = parse_menu(sel)
    got = [_menu_json(item) for item in getattr(menu, part)]
    assert got == read_json("menu", name, "expected.json")[part]


def test_home_menu_equals_the_known_menu_plus_live() -> None:
    menu = parse_menu(Selector(text=read_bytes("menu", "home-both-copies", "input.html").decode()))
    assert menu.sections[:-1] == KNOWN_MENU.sections
    assert menu.regions == KNOWN_MENU.regions
    assert menu.sections[-1] == MenuItem("LIVE", "/live")


def test_menu_of_a_text_selector_is_empty() -> None:
    assert parse_menu(Selector(text="<p>x</p>").xpath("//p/text()")[0]) == SiteMenu(sections=())


@pytest.mark.parametrize("name", folders("sitemap"))
def test_sitemap(name: str) -> None:
    meta = read_json("sitemap", name, "meta.json")
    body = read_bytes("sitemap", name, meta["input"])
    parse = parse_sitemap_index if meta["kind"] == "index" else parse_urlset
    got = [dataclasses.asdict(entry) for entry in parse(body, meta["url"])]
    assert got == read_json("sitemap", name, "expected.json")["entries"]


def test_a_urlset_is_not_an_index_and_back() -> None:
    urlset = read_bytes("sitemap", "urlset", "input.xml")
    index = read_bytes("sitemap", "index", "input.xml")
    assert parse_sitemap_index(urlset, "https://english.almayadeen.net/x.xml") == []
    assert parse_urlset(index, "https://english.almayadeen.net/x.xml") == []


@pytest.mark.parametrize("body", [b"", b"   ", b"\x1f\x8bnot-gzip", b"<", b"<?xml version='1.0'?>"])
def test_sitemaps_never_raise(body: bytes) -> None:
    assert parse_sitemap_index(body, "https://english.almayadeen.net/sitemaps/all.xml") == []
    assert parse_urlset(body, "https://english.almayadeen.net/sitemaps/all.xml") == []
