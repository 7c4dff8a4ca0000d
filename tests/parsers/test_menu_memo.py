"""parse_menu's memo: served per site header, never across pages whose menus differ."""

from __future__ import annotations

from parsel import Selector

from mayadeen_crawler.parsers import parse_menu

REGIONS = "<nav class='region-menu'><a href='/region/asia'>Asia</a><a href='/region/mena'>MENA</a></nav>"
MAIN = (
    "<nav class='main-menu'><ul><li><a href='/news'>News</a><ul><li><a href='/news/politics'>Politics</a></li>"
    "</ul></li><li><a href='/articles'>Articles</a></li></ul></nav>"
)


def _menu(header: str, rest: str = "") -> list[tuple[str, str]]:
    menu = parse_menu(Selector(text=f"<html><body><header>{header}</header>{rest}</body></html>"))
    return [(item.label, item.path) for item in menu.sections]


def _fallback_list(*labels: str) -> str:
    items = "".join(f"<li><a href='/{label.lower()}'>{label}</a></li>" for label in labels)
    return f"<ul>{items}</ul>"


def test_same_header_same_menu_and_a_changed_link_is_read() -> None:
    assert _menu(MAIN + REGIONS) == _menu(MAIN + REGIONS) == [("News", "/news"), ("Articles", "/articles")]
    changed = MAIN.replace("/articles'>Articles", "/opinion'>Opinion")
    assert _menu(changed + REGIONS) == [("News", "/news"), ("Opinion", "/opinion")]


def test_a_menu_read_from_the_page_body_is_not_served_to_another_page() -> None:
    empty_nav = "<nav class='main-menu'></nav>" + REGIONS
    first = _menu(empty_nav, _fallback_list("News", "Articles", "Videos"))
    second = _menu(empty_nav, _fallback_list("News", "Articles", "Videos", "Infographs"))
    assert [label for label, _ in first] == ["News", "Articles", "Videos"]
    assert [label for label, _ in second] == ["News", "Articles", "Videos", "Infographs"]
