"""Cross-run state: the seen-store of exported articles and known URLs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mayadeen_crawler.state.protocol import Store
from mayadeen_crawler.state.seen_store import (
    DeadRun,
    ExportRecord,
    Recovery,
    SeenStore,
    StateBusyError,
    article_key,
)

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

__all__ = [
    "DeadRun", "ExportRecord", "Recovery", "SeenStore", "StateBusyError", "Store", "article_key", "open_seen_store",
]  # fmt: skip


def open_seen_store(settings: BaseSettings, run_id: str) -> Store:
    """The seen-store the settings ask for: on Redis when ``MAYADEEN_REDIS_URL`` is set
    (shared by every worker of a scaled-out crawl, see ``state.redis_store``), else SQLite
    under ``STATE_DIR`` (``seen.sqlite3``).

    Settings: ``STATE_DIR`` (default ``state``), ``MAYADEEN_STATE_LOCK_WAIT`` (seconds);
    with Redis: ``MAYADEEN_REDIS_URL``, ``MAYADEEN_REDIS_PREFIX``, ``MAYADEEN_REDIS_DEAD_AFTER``.
    """
    if settings.get("MAYADEEN_REDIS_URL"):
        # imported here: a single-process crawl never loads the Redis client
        from mayadeen_crawler.scaleout.profile import redis_keys
        from mayadeen_crawler.state.redis_store import RedisSeenStore

        return RedisSeenStore.from_url(
            settings.get("MAYADEEN_REDIS_URL"),
            redis_keys(settings).prefix,
            run_id,
            dead_after=settings.getfloat("MAYADEEN_REDIS_DEAD_AFTER", 30.0),
        )
    state_dir = Path(settings.get("STATE_DIR", "state")).expanduser()
    lock_wait = settings.getfloat("MAYADEEN_STATE_LOCK_WAIT", 0)
    return SeenStore(state_dir / "seen.sqlite3", run_id, lock_wait_seconds=lock_wait)
