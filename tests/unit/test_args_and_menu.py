"""Spider arguments are validated up front; the menu decides which listings are walked."""

from __future__ import annotations

from datetime import date

import pytest

from mayadeen_crawler.site import KNOWN_MENU, slugify_title
from mayadeen_crawler.spiders.args import CrawlArgs
from mayadeen_crawler.spiders.mayadeen import select_listings


def test_arguments_parse() -> None:
    args = CrawlArgs.parse(sections="Politics, opinion,EUROPE", since="2025-09-01", max_pages="3")
    assert args.sections == ("politics", "opinion", "europe")
    assert args.since == date(2025, 9, 1)
    assert args.max_pages == 3
    assert args.route == "menus"


def test_months_imply_the_sitemap_route() -> None:
    args = CrawlArgs.parse(from_month="2024-01", to_month="2024-6")
    assert args.route == "sitemaps"
    assert args.month_wanted(2024, 3)
    assert not args.month_wanted(2023, 12)
    assert not args.month_wanted(2024, 7)


def test_relative_months_count_back_from_the_current_month() -> None:
    args = CrawlArgs.parse(from_month="-1", today=date(2026, 1, 15))
    assert (args.from_month, args.to_month, args.route) == ((2025, 12), None, "sitemaps")
    assert CrawlArgs.parse(from_month="-13", to_month="0", today=date(2026, 3, 1)).from_month == (2025, 2)
    assert CrawlArgs.parse(to_month="0", today=date(2026, 3, 1)).to_month == (2026, 3)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("since", "yesterday", "since must look like"),
        ("max_pages", "0", "max_pages must be a positive integer"),
        ("max_pages", "x", "max_pages must be a positive integer"),
        ("from_month", "2024-13", "from_month must look like"),
        ("to_month", "+1", "to_month must look like"),
        ("route", "rss", "route must be"),
    ],
)
def test_bad_arguments_say_what_is_wrong(name: str, value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CrawlArgs.parse(**{name: value})


def test_reversed_month_range_is_refused() -> None:
    with pytest.raises(ValueError, match="after"):
        CrawlArgs.parse(from_month="2024-06", to_month="2024-01")


@pytest.mark.parametrize(
    ("arguments", "walks_all"),
    [
        ({}, True),
        ({"refresh": "all"}, True),
        ({"sections": "politics"}, False),
        ({"since": "2025-09-01"}, False),
        ({"max_pages": "1"}, False),
        ({"route": "sitemaps"}, False),
        ({"from_month": "2024-01"}, False),
    ],
)
def test_only_a_walk_of_every_listing_lets_the_next_run_stop_early(
    arguments: dict[str, str], walks_all: bool
) -> None:
    assert CrawlArgs.parse(**arguments).walks_every_listing is walks_all


def test_all_listings_by_default() -> None:
    paths = [item.path for item in select_listings(KNOWN_MENU, ())]
    assert "/news" in paths
    assert "/news/politics" in paths
    assert "/region/us-canada" in paths
    assert len(paths) == len(set(paths)) == 5 + 8 + 4 + 5 + 8


def test_sections_filter_by_label_or_path() -> None:
    paths = [i.path for i in select_listings(KNOWN_MENU, ("politics", "opinion", "europe", "us-canada"))]
    assert paths == ["/news/politics", "/articles/opinion", "/region/europe", "/region/us-canada"]


def test_a_section_brings_its_categories() -> None:
    paths = [i.path for i in select_listings(KNOWN_MENU, ("videos",))]
    assert paths[0] == "/videos"
    assert len(paths) == 6


def test_url_rule_matches_whole_segments() -> None:
    assert KNOWN_MENU.match_url("https://x/news/politics/some-slug") == ("News", "Politics")
    assert KNOWN_MENU.match_url("https://x/articles/some-slug") == ("Articles", None)
    assert KNOWN_MENU.match_url("https://x/newsletter/x") == (None, None)
    assert KNOWN_MENU.section_of_category("arts&culture") == ("News", "Arts&Culture")
    assert KNOWN_MENU.region_label("us & canada") == "US & Canada"


def test_slug_rule() -> None:
    assert slugify_title("Wave 12 of True Promise 4: enemy naval assets, fuel tankers") == (
        "wave-12-of-true-promise-4--enemy-naval-assets--fuel-tankers"
    )
    assert len(slugify_title("word " * 40)) <= 60
    assert not slugify_title("a" * 59 + " b").endswith("-")
