"""Dedupe pipeline: one line per article version, within the run and across runs."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured

from mayadeen_crawler.state import ExportRecord, Store, article_key

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

# Fields that say when and how a line was made, not what the article says.
_NOT_CONTENT = frozenset({"crawled_at", "version"})


def export_record(adapter: ItemAdapter, version: int, run_id: str) -> ExportRecord:
    """What the seen-store keeps of one line: its key, version and a hash of its content."""
    url = str(adapter["url"])
    content = {k: v for k, v in adapter.items() if k not in _NOT_CONTENT}
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    key = article_key(adapter.get("post_id"), url)
    return ExportRecord(key, version, url, digest, adapter.get("modified_at"), "pending", run_id)


class DedupePipeline:
    """Keys an article by ``post_id`` (else canonical URL) and lets through only what is new.

    A key already exported with the same content is dropped (``unchanged``); with other
    content (an edit, a newer ``modified_at``) it passes as the next ``version``. A key
    seen earlier in this run is dropped (``in-run``). Stats: ``mayadeen/items/new``,
    ``mayadeen/items/updated``, ``mayadeen/dropped/duplicate/<in-run|unchanged>``.
    Settings: ``MAYADEEN_DEDUP_ENABLED`` (default True).
    """

    def __init__(self, store: Store, stats: StatsCollector | None = None) -> None:
        self.store = store
        self.stats = stats
        self.claimed: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("MAYADEEN_DEDUP_ENABLED", True):
            raise NotConfigured("MAYADEEN_DEDUP_ENABLED is off")
        return cls(seen_store_of(crawler), crawler.stats)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        record = export_record(adapter, 1, self.store.run_id)
        known_key = self._alias_key(record)
        keys = {record.key, known_key} - {None}
        if keys & self.claimed:
            self._drop("in-run", record)
        latest = self.store.latest(record.key) or (self.store.latest(known_key) if known_key else None)
        if latest is not None and latest.record_hash == record.record_hash:
            self._drop("unchanged", record)
        self.claimed.update(k for k in keys if k)
        self.store.remember_urls([record.url], record.key)
        adapter["version"] = latest.version + 1 if latest else 1
        self._inc("mayadeen/items/updated" if latest else "mayadeen/items/new")
        return item

    def _alias_key(self, record: ExportRecord) -> str | None:
        """The key the canonical URL was exported under, unless that is another post id."""
        known = self.store.key_for_url(record.url)
        if known is None or known == record.key:
            return None
        both_have_post_ids = known.startswith("post:") and record.key.startswith("post:")
        return None if both_have_post_ids else known

    def _drop(self, why: str, record: ExportRecord) -> None:
        self._inc(f"mayadeen/dropped/duplicate/{why}")
        raise DropItem(f"duplicate ({why}): {record.key} <{record.url}>", log_level="INFO")

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)


def seen_store_of(crawler: Crawler) -> Store:
    """The run's seen-store, opened by the spider (see ``MayadeenSpider.from_crawler``)."""
    store = getattr(crawler.spider, "seen_store", None)
    if not isinstance(store, Store):
        raise NotConfigured("the spider has no seen_store; run the mayadeen spider")
    return store
