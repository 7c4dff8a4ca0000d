"""Cross-run state: the seen-store of exported articles and known URLs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mayadeen_crawler.state.seen_store import ExportRecord, Recovery, SeenStore, StateBusyError, article_key

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

__all__ = ["ExportRecord", "Recovery", "SeenStore", "StateBusyError", "article_key", "open_seen_store"]


def open_seen_store(settings: BaseSettings, run_id: str) -> SeenStore:
    """The seen-store the settings ask for: SQLite under ``STATE_DIR`` (``seen.sqlite3``).

    Settings: ``STATE_DIR`` (default ``state``), ``MAYADEEN_STATE_LOCK_WAIT`` (seconds).
    """
    state_dir = Path(settings.get("STATE_DIR", "state")).expanduser()
    lock_wait = settings.getfloat("MAYADEEN_STATE_LOCK_WAIT", 0)
    return SeenStore(state_dir / "seen.sqlite3", run_id, lock_wait_seconds=lock_wait)
