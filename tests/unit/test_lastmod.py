"""When a sitemap ``<lastmod>`` says an exported article changed (and so is fetched again)."""

from __future__ import annotations

import pytest

from mayadeen_crawler.spiders.mayadeen import _is_newer

EXPORTED = "2025-09-10T17:10:00+03:00"


@pytest.mark.parametrize(
    ("lastmod", "newer"),
    [
        ("2025-09-10T17:10:01+03:00", True),
        ("2025-09-10T17:10:00+03:00", False),
        ("2025-09-10T14:10:00Z", False),  # the same instant in UTC
        ("2025-09-10T14:11:00Z", True),
        ("2025-09-10T14:11:00", True),  # no offset: UTC
        ("2025-09-11", True),  # a bare date: newer from the next day on
        ("2025-09-10", False),
        (" 2025-09-12T00:00:00+02:00 ", True),
        ("yesterday", False),
        ("", False),
        (None, False),
    ],
)
def test_a_lastmod_is_newer_only_when_it_surely_is(lastmod: str | None, newer: bool) -> None:
    assert _is_newer(lastmod, EXPORTED) is newer


def test_without_an_exported_time_nothing_is_newer() -> None:
    assert _is_newer("2030-01-01", None) is False
