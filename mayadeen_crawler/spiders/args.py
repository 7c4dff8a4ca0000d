"""Spider arguments (``-a name=value``), validated up front with clear errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTHS_AGO = re.compile(r"^(0|-\d{1,4})$")


@dataclass(frozen=True)
class CrawlArgs:
    """What a run covers.

    - ``sections``: comma-separated menu entries to walk (label or path segment, any
      case: ``politics,opinion,europe``, ``news`` = News and all its categories);
      empty = every listing of the menus.
    - ``since``: ``YYYY-MM-DD``; a listing stops paging at the first page whose cards
      are all older, and older cards are not followed.
    - ``max_pages``: pages per listing at most.
    - ``from_month`` / ``to_month``: ``YYYY-MM``, or ``0`` / ``-N`` for the current month /
      N months before it (UTC; for schedules: ``from_month=-1`` = last month and this
      one); crawl the monthly sitemaps of that range instead of the menus (either bound
      may be left open).
    - ``route``: ``menus`` (default) or ``sitemaps``; given months imply ``sitemaps``.
    - ``refresh``: ``all`` re-downloads articles the seen-store knows; only what
      changed is exported again (as a new version).
    """

    sections: tuple[str, ...] = ()
    since: date | None = None
    max_pages: int | None = None
    from_month: tuple[int, int] | None = None
    to_month: tuple[int, int] | None = None
    route: str = "menus"
    refresh: bool = False

    @classmethod
    def parse(
        cls,
        sections: str | None = None,
        since: str | None = None,
        max_pages: str | int | None = None,
        from_month: str | None = None,
        to_month: str | None = None,
        route: str | None = None,
        refresh: str | None = None,
        *,
        today: date | None = None,
    ) -> CrawlArgs:
        """The arguments as given to the spider; ``today`` anchors relative months (default: UTC today)."""
        day = today or datetime.now(UTC).date()
        months = (_parse_month("from_month", from_month, day), _parse_month("to_month", to_month, day))
        chosen_route = route or ("sitemaps" if any(months) else "menus")
        if chosen_route not in ("menus", "sitemaps"):
            raise ValueError(f"route must be 'menus' or 'sitemaps', not {route!r}")
        if refresh not in (None, "", "all", "none"):
            raise ValueError(f"refresh must be 'all' or 'none', not {refresh!r}")
        if months[0] and months[1] and months[0] > months[1]:
            raise ValueError(f"from_month {from_month} is after to_month {to_month}")
        return cls(
            sections=tuple(s.strip().casefold() for s in (sections or "").split(",") if s.strip()),
            since=_parse_date(since),
            max_pages=_parse_positive("max_pages", max_pages),
            from_month=months[0],
            to_month=months[1],
            route=chosen_route,
            refresh=refresh == "all",
        )

    @property
    def walks_every_listing(self) -> bool:
        """True for a run that pages every listing of the menus (no sections, since, max_pages,
        sitemaps): only such a run, ended clean, lets the next one stop listings early."""
        return self.route == "menus" and not self.sections and self.since is None and self.max_pages is None

    def month_wanted(self, year: int, month: int) -> bool:
        key = (year, month)
        return (self.from_month is None or key >= self.from_month) and (
            self.to_month is None or key <= self.to_month
        )


def _parse_month(name: str, value: str | None, today: date) -> tuple[int, int] | None:
    if not value:
        return None
    text = value.strip()
    if _MONTHS_AGO.match(text):
        index = today.year * 12 + today.month - 1 + int(text)
        return index // 12, index % 12 + 1
    match = _MONTH.match(text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"{name} must look like 2024-01 (or -1 for last month), not {value!r}")
    return int(match[1]), int(match[2])


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"since must look like 2025-09-01, not {value!r}") from None


def _parse_positive(name: str, value: str | int | None) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{name} must be a positive integer, not {value!r}") from None
    if number < 1:
        raise ValueError(f"{name} must be a positive integer, not {value!r}")
    return number
