"""Beirut local time by rule (no tzdata): offsets, ISO strings and visible dates.

Lebanon observes +02:00 in winter and +03:00 in summer, from 00:00 local time on
the last Sunday of March to 00:00 local time on the last Sunday of October.
"""

from __future__ import annotations

import calendar
import time
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache

HOUR = 3600
CURRENT_YEAR = 2025
# The replica's "now": every item is published before it.
REFERENCE = int(datetime(2025, 11, 20, 10, 0, tzinfo=UTC).timestamp())
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _last_sunday(year: int, month: int) -> int:
    last_day = calendar.monthrange(year, month)[1]
    weekday = calendar.weekday(year, month, last_day)  # Monday == 0
    return last_day - (weekday + 1) % 7


@lru_cache(maxsize=64)
def dst_window(year: int) -> tuple[int, int]:
    """UTC epoch seconds [start, end) of summer time in ``year``."""
    start_day = _last_sunday(year, 3)
    end_day = _last_sunday(year, 10)
    start = datetime(year, 3, start_day, tzinfo=UTC).timestamp() - 2 * HOUR
    end = datetime(year, 10, end_day, tzinfo=UTC).timestamp() - 3 * HOUR
    return int(start), int(end)


def offset_hours(epoch: int) -> int:
    """Beirut's UTC offset in hours at the instant ``epoch``."""
    start, end = dst_window(time.gmtime(epoch).tm_year)
    return 3 if start <= epoch < end else 2


def local(epoch: int) -> datetime:
    """The instant as an aware datetime in Beirut local time."""
    tz = timezone(timedelta(hours=offset_hours(epoch)))
    return datetime.fromtimestamp(epoch, tz)


def iso(epoch: int) -> str:
    """``YYYY-MM-DDTHH:MM:SS+HH:MM`` in Beirut local time."""
    return local(epoch).isoformat()


def visible_datetime(epoch: int, *, omit_current_year: bool = False) -> str:
    """``10 Sep 2025 17:10``, or ``23 Sep 23:47`` for a current-year item."""
    moment = local(epoch)
    month = _MONTHS[moment.month - 1]
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    if omit_current_year and moment.year == CURRENT_YEAR:
        return f"{moment.day} {month} {clock}"
    return f"{moment.day} {month} {moment.year} {clock}"


def visible_date(epoch: int) -> str:
    """``10 Sep 2025`` as the listing cards show it."""
    moment = local(epoch)
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def year_month(epoch: int) -> tuple[int, int]:
    """The local (year, month) of the instant: the sitemap it belongs to."""
    moment = time.gmtime(epoch + offset_hours(epoch) * HOUR)
    return moment.tm_year, moment.tm_mon
