"""cleaning.py: its doctests, the date and author rules, and clean_article's idempotence."""

from __future__ import annotations

import doctest
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from parsel import Selector

from mayadeen_crawler import cleaning
from mayadeen_crawler.cleaning import (
    beirut_offset,
    block_text,
    clean_article,
    clean_body,
    collapse_whitespace,
    content_hash,
    normalize_datetime,
    split_authors,
    split_keywords,
)
from mayadeen_crawler.items import ArticleItem


def test_doctests() -> None:
    failures, tried = doctest.testmod(cleaning, optionflags=doctest.ELLIPSIS)
    assert tried > 20
    assert failures == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-07-31T02:16:48+03:00", "2024-07-31T02:16:48+03:00"),
        ("2025-01-15T09:30:00Z", "2025-01-15T09:30:00+00:00"),
        ("2025-01-15T09:30:00.999999+02:00", "2025-01-15T09:30:00+02:00"),
        ("2025-01-15T09:30:00-0500", "2025-01-15T09:30:00-05:00"),
        ("2025-01-15T09:30+02", "2025-01-15T09:30:00+02:00"),
        ("  2025-07-15 09:30:00  ", "2025-07-15T09:30:00+03:00"),
        ("2025-03-30T00:30:00", "2025-03-30T00:30:00+03:00"),
        ("2025-03-29T23:59:59", "2025-03-29T23:59:59+02:00"),
        ("2025-10-25T23:59:59", "2025-10-25T23:59:59+03:00"),
        ("2025-10-26T00:00:00", "2025-10-26T00:00:00+02:00"),
        ("2025-13-01T00:00:00", None),
        ("2025-01-01T00:00:00+25:00", None),
        ("10 Sep 2025 17:10", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_datetime(value: str | None, expected: str | None) -> None:
    assert normalize_datetime(value) == expected


def test_normalize_aware_and_naive_datetimes() -> None:
    aware = datetime(2025, 9, 10, 17, 10, 5, 123, tzinfo=timezone(timedelta(hours=3)))
    assert normalize_datetime(aware) == "2025-09-10T17:10:05+03:00"
    assert normalize_datetime(datetime(2025, 1, 2, 3, 4, 5)) == "2025-01-02T03:04:05+02:00"


@pytest.mark.parametrize(("year", "start", "end"), [(2024, 31, 27), (2025, 30, 26), (2026, 29, 25)])
def test_beirut_summer_time_boundaries(year: int, start: int, end: int) -> None:
    assert beirut_offset(date(year, 3, start - 1)) == timedelta(hours=2)
    assert beirut_offset(date(year, 3, start)) == timedelta(hours=3)
    assert beirut_offset(date(year, 10, end - 1)) == timedelta(hours=3)
    assert beirut_offset(date(year, 10, end)) == timedelta(hours=2)


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By A and B", ["A", "B"]),
        ("By A, B and C", ["A", "B", "C"]),
        ("A, B, and C", ["A", "B", "C"]),
        ("By: Hiba Morad", ["Hiba Morad"]),
        ("by  Al Mayadeen English ", ["Al Mayadeen English"]),
        ("Al Mayadeen English and Agencies", ["Al Mayadeen English", "Agencies"]),
        ("Byron Grant", ["Byron Grant"]),
        ("Andrea Anderson", ["Andrea Anderson"]),
        ("A and A", ["A"]),
        ("", []),
    ],
)
def test_split_authors(byline: str, expected: list[str]) -> None:
    assert split_authors(byline) == expected


def test_split_keywords_keeps_case_variants() -> None:
    assert split_keywords("Gaza,gaza, Gaza") == ["Gaza", "gaza"]


def test_block_text_of_a_deep_tree_does_not_recurse() -> None:
    sel = Selector(text="<div>" + "<span>a " * 3000 + "</span>" * 3000 + "</div>")
    assert block_text(sel.css("div")[0]).startswith("a a a")


def test_clean_body_joins_blocks_with_one_blank_line() -> None:
    assert clean_body("\n\n a \n\n\n\n b\u00a0c \n\n\n") == "a\n\nb c"


def test_clean_article_fills_word_count_and_hash() -> None:
    item = clean_article(ArticleItem(url="https://x.test/a", title="T", body="one two  three"))
    assert item.word_count == 3
    assert item.content_hash == content_hash("T", "one two three")


def test_clean_article_keeps_a_published_word_count() -> None:
    assert (
        clean_article(ArticleItem(url="https://x.test/a", title="T", body="a b", word_count=900)).word_count
        == 900
    )


def test_clean_article_empties_become_null() -> None:
    raw = ArticleItem(
        url="https://x.test/a", title="T", body="b", summary=" \u00a0", source="&nbsp;",
        image={"url": "https://x.test/i.jpg", "caption": "  "}, tags=["", " x ", "x"],
    )  # fmt: skip
    item = clean_article(raw)
    assert (item.summary, item.source, item.image, item.tags) == (
        None, None, {"url": "https://x.test/i.jpg", "caption": None}, ["x"],
    )  # fmt: skip
    assert clean_article(ArticleItem(url="u", title="t", body="b", image={"url": " "})).image is None


PIECES = [*"ab &;#x1 \n\t\u00a0\u0301e,", "&amp;", "&amp;amp;", "&nbsp;", "&#8220;", " and ", ", ", "By "]
TEXT = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


@settings(max_examples=200, deadline=None, database=None)
@given(
    title=TEXT, body=TEXT, summary=st.none() | TEXT, authors=st.lists(TEXT, max_size=4),
    tags=st.lists(TEXT, max_size=4), caption=st.none() | TEXT, word_count=st.integers(0, 5),
)  # fmt: skip
def test_clean_article_is_idempotent(
    title: str, body: str, summary: str | None, authors: list[str], tags: list[str],
    caption: str | None, word_count: int,
) -> None:  # fmt: skip
    item = ArticleItem(
        url="https://x.test/a", title=title, body=body, summary=summary, authors=authors, tags=tags,
        image={"url": "https://x.test/i.jpg", "caption": caption}, word_count=word_count,
    )  # fmt: skip
    once = clean_article(item)
    assert clean_article(once) == once


@settings(max_examples=300, deadline=None, database=None)
@given(text=st.text() | TEXT)
def test_collapse_whitespace_is_split_and_join(text: str) -> None:
    # the fast path (already collapsed text given back as is) must not change any result
    assert collapse_whitespace(text) == " ".join(text.split())


@settings(max_examples=300, deadline=None, database=None)
@given(text=st.lists(st.sampled_from(["\n", "\n\n", " ", "\t", "\u00a0", "a", "b c", "\r"]), max_size=30).map("".join))
def test_blank_line_split_is_the_regex_split(text: str) -> None:
    assert cleaning._blank_line_split(text) == cleaning._BLANK_LINE.split(text)


def _general_normalize(text: str) -> str | None:
    parsed = cleaning._from_iso(text.strip())
    if parsed is None:
        return None
    moment, offset = parsed
    return cleaning._format(moment, beirut_offset(moment.date()) if offset is None else offset)


@settings(max_examples=300, deadline=None, database=None)
@given(
    year=st.sampled_from(["0999", "1000", "2025", "9999", "\u0662\u0660\u0662\u0665"]),
    month=st.integers(0, 13), day=st.integers(0, 32), hour=st.integers(0, 24), minute=st.integers(0, 60),
    separator=st.sampled_from("TtT "),
    offset=st.sampled_from(["+00:00", "-00:00", "+23:59", "-24:00", "+02:00", "+03:60", "Z", "+0300", ""]),
)  # fmt: skip
def test_normalized_datetimes_pass_through_unchanged_only_when_the_general_path_agrees(
    year: str, month: int, day: int, hour: int, minute: int, separator: str, offset: str
) -> None:
    text = f"{year}-{month:02d}-{day:02d}{separator}{hour:02d}:{minute:02d}:30{offset}"
    assert normalize_datetime(text) == _general_normalize(text)


def _regex_split_authors(byline: str) -> list[str]:
    def strip_by(text: str) -> str:
        while cleaning._BY_PREFIX.match(text):
            text = cleaning._BY_PREFIX.sub("", text, count=1)
        return text

    text = strip_by(" ".join(byline.split()))
    if text.casefold() == "al mayadeen english":
        return [text]
    parts = (strip_by(part.strip()) for part in cleaning._AUTHOR_SEPARATOR.split(text))
    return list(dict.fromkeys(part for part in parts if part))


AUTHOR_PIECES = ["By ", "by:", "BY", "bY ", " ", ",", ", and ", " and ", "and", "Andy", "Ali", "Hiba", "\t", ":"]


@settings(max_examples=300, deadline=None, database=None)
@given(byline=st.lists(st.sampled_from(AUTHOR_PIECES), max_size=12).map("".join))
def test_split_authors_shortcuts_agree_with_the_regexes(byline: str) -> None:
    assert split_authors(byline) == _regex_split_authors(byline)


def _block_by_block(body: str) -> str:
    blocks = (cleaning.clean_text(block) for block in cleaning._BLANK_LINE.split(body))
    return "\n\n".join(block for block in blocks if block)


BODY_PIECES = ["\n\n", "\n", " ", "  ", "a", "b c", "&amp;", "&", ";", "\u00a0", "e\u0301", "\u0301", "\t", "é"]


@settings(max_examples=500, deadline=None, database=None)
@given(body=st.lists(st.sampled_from(BODY_PIECES), max_size=20).map("".join))
def test_clean_body_fast_path_changes_nothing(body: str) -> None:
    assert clean_body(body) == _block_by_block(body)
