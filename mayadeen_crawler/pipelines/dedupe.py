"""Dedupe pipeline: one line per article, within the run and across runs (the seen-store)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured

from mayadeen_crawler.state import SeenStore, article_key

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self


class DedupePipeline:
    """Keys an article by ``post_id``, else by canonical URL, and drops what the store holds.

    The key is claimed as *pending* for this run; the export pipeline turns it into
    *exported* once the line is durable. Stats: ``mayadeen/dropped/duplicate/<where>``.
    Settings: ``MAYADEEN_DEDUP_ENABLED`` (default True).
    """

    def __init__(self, store: SeenStore, stats: StatsCollector | None = None) -> None:
        self.store = store
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("MAYADEEN_DEDUP_ENABLED", True):
            raise NotConfigured("MAYADEEN_DEDUP_ENABLED is off")
        return cls(seen_store_of(crawler), crawler.stats)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        url = str(adapter["url"])
        key = article_key(adapter.get("post_id"), url)
        where = self._already_seen(key, url)
        if where:
            if self.stats is not None:
                self.stats.inc_value(f"mayadeen/dropped/duplicate/{where}")
            raise DropItem(f"duplicate ({where}): {key} <{url}>", log_level="INFO")
        self.store.add_pending(
            key, adapter.get("post_id"), url, adapter.get("content_hash"), adapter.get("modified_at")
        )
        self.store.remember_urls([url], key)
        return item

    def _already_seen(self, key: str, url: str) -> str | None:
        record = self.store.get(key) or self.store.get(self.store.key_for_url(url) or "")
        if record is None:
            return None
        return "in-run" if record.status == "pending" else "previous-run"


def seen_store_of(crawler: Crawler) -> SeenStore:
    """The run's seen-store, opened by the spider (see ``MayadeenSpider.from_crawler``)."""
    store = getattr(crawler.spider, "seen_store", None)
    if not isinstance(store, SeenStore):
        raise NotConfigured("the spider has no seen_store; run the mayadeen spider")
    return store
