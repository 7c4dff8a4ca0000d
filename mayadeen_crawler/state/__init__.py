"""Cross-run state: the seen-store of exported articles and known URLs."""

from __future__ import annotations

from mayadeen_crawler.state.seen_store import ExportRecord, Recovery, SeenStore, StateBusyError, article_key

__all__ = ["ExportRecord", "Recovery", "SeenStore", "StateBusyError", "article_key"]
