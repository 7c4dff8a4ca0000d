"""Clean pipeline: Unicode NFC, entities, whitespace, author splitting, content hash."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mayadeen_crawler.cleaning import clean_article
from mayadeen_crawler.items import ArticleItem

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler


class CleanPipeline:
    """Normalises every text field in place through ``cleaning.clean_article``.

    Settings: none. Items that are not ``ArticleItem`` pass through untouched.
    """

    def __init__(self, crawler: Crawler | None = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, ArticleItem):
            return clean_article(item)
        return item
