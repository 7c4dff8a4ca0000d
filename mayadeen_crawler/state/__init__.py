"""Cross-run state: the seen-store of exported articles and known URLs."""

from __future__ import annotations

from mayadeen_crawler.state.seen_store import ArticleRecord, SeenStore, article_key

__all__ = ["ArticleRecord", "SeenStore", "article_key"]
