"""The corpus: determinism, startup time, slugs, ids and dates."""

from __future__ import annotations

import re
import time

import pytest

from mayadeen_crawler.replica import Corpus
from mayadeen_crawler.replica.beirut import REFERENCE, dst_window, iso, offset_hours, visible_datetime
from mayadeen_crawler.replica.slugs import slugify


def test_same_seed_gives_identical_truths() -> None:
    first = list(Corpus(seed=7, articles=60).truths())
    second = list(Corpus(seed=7, articles=60).truths())
    assert first == second


def test_another_seed_gives_another_site() -> None:
    assert Corpus(seed=7, articles=30).truth(0) != Corpus(seed=8, articles=30).truth(0)


def test_truth_does_not_depend_on_what_was_rendered_first(corpus: Corpus) -> None:
    fresh = Corpus(seed=1, articles=len(corpus))
    assert [fresh.truth(index) for index in reversed(range(40))][::-1] == [
        corpus.truth(index) for index in range(40)
    ]


def test_startup_of_50000_articles_is_quick() -> None:
    start = time.perf_counter()
    corpus = Corpus(seed=1, articles=50_000)
    elapsed = time.perf_counter() - start
    print(f"startup of 50,000 articles: {elapsed:.2f} s")
    assert len(corpus) == 50_000
    assert elapsed < 5.0


@pytest.mark.parametrize(
    ("title", "keep_colon", "slug"),
    [
        (
            "Wave 12 of True Promise 4: enemy naval assets, fuel tankers",
            False,
            "wave-12-of-true-promise-4--enemy-naval-assets--fuel-tankers",
        ),
        (
            "Gaza seized the initiative: Might vs willpower",
            True,
            "gaza-seized-the-initiative:-might-vs-willpower",
        ),
        ("'Israel' kills 3 in Gaza’s north", False, "-israel--kills-3-in-gaza-s-north"),
        ("A" * 59 + " tail", False, "a" * 59),
        ("Ends with a question?", False, "ends-with-a-question"),
    ],
)
def test_slug_rule(title: str, keep_colon: bool, slug: str) -> None:
    assert slugify(title, keep_colon=keep_colon) == slug


def test_every_slug_follows_the_rule_and_is_unique(corpus: Corpus) -> None:
    slugs = [meta.path.rsplit("/", 1)[1] for meta in corpus.metas]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9:-]{1,60}", slug), slug
        assert not slug.endswith("-")


def test_post_ids_are_unique_seven_digit_strings(corpus: Corpus) -> None:
    ids = [meta.post_id for meta in corpus.metas]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"\d{7}", post_id) for post_id in ids)


def test_items_are_newest_first_and_within_two_years(corpus: Corpus) -> None:
    published = [meta.published for meta in corpus.metas]
    assert published == sorted(published, reverse=True)
    assert REFERENCE - 731 * 86400 < published[-1] < published[0] < REFERENCE


def test_lebanon_dst_by_rule() -> None:
    start, end = dst_window(2025)
    assert iso(start - 1).endswith("23:59:59+02:00")  # 2025-03-29 23:59:59 winter
    assert iso(start) == "2025-03-30T01:00:00+03:00"  # clocks jump at 00:00 local
    assert iso(end - 1) == "2025-10-25T23:59:59+03:00"
    assert iso(end) == "2025-10-25T23:00:00+02:00"
    assert offset_hours(start) == 3
    assert offset_hours(end) == 2


def test_visible_dates() -> None:
    summer = dst_window(2025)[0] + 86400 * 30
    assert visible_datetime(summer) == "29 Apr 2025 01:00"
    assert visible_datetime(summer, omit_current_year=True) == "29 Apr 01:00"
    old = dst_window(2024)[0]
    assert visible_datetime(old, omit_current_year=True) == "31 Mar 2024 01:00"
