"""Field coverage: per-field counters over the items a run exports, kept in the stats.

Counters only (no item is kept), so memory stays flat however long the run. A field
counts as covered when it holds a value (not None, not an empty string, list or dict);
``body`` counts only from ``MAYADEEN_MONITOR_BODY_MIN_CHARS`` characters on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import NotConfigured

from mayadeen_crawler.items import EXPORT_FIELDS

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

PREFIX = "mayadeen/coverage/"
ITEMS = f"{PREFIX}items"


def covered_fields(item: Any, body_min_chars: int, fields: Iterable[str] = EXPORT_FIELDS) -> list[str]:
    """The fields of ``item`` that count as covered."""
    adapter = ItemAdapter(item)
    covered = []
    for name in fields:
        value = adapter.get(name)
        if name == "body":
            ok = isinstance(value, str) and len(value) >= body_min_chars
        else:
            ok = value is not None and value != "" and value != [] and value != {}
        if ok:
            covered.append(name)
    return covered


class FieldCoverage:
    """Counts ``mayadeen/coverage/items`` and ``mayadeen/coverage/<field>`` on ``item_scraped``.

    ``item_scraped`` fires for the items every pipeline let through, so the counts
    describe the exported lines. Settings: ``MAYADEEN_MONITORS_ENABLED`` (True),
    ``MAYADEEN_MONITOR_BODY_MIN_CHARS`` (200).
    """

    def __init__(self, stats: StatsCollector, body_min_chars: int = 200) -> None:
        self.stats = stats
        self.body_min_chars = body_min_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("MAYADEEN_MONITORS_ENABLED", True):
            raise NotConfigured("MAYADEEN_MONITORS_ENABLED is off")
        if crawler.stats is None:
            raise NotConfigured("field coverage needs a stats collector")
        coverage = cls(crawler.stats, settings.getint("MAYADEEN_MONITOR_BODY_MIN_CHARS", 200))
        crawler.signals.connect(coverage.item_scraped, signal=signals.item_scraped)
        return coverage

    def item_scraped(self, item: Any) -> None:
        self.stats.inc_value(ITEMS)
        for name in covered_fields(item, self.body_min_chars):
            self.stats.inc_value(f"{PREFIX}{name}")
