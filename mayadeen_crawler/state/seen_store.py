"""The cross-run seen-store: which article versions were exported, and which URLs lead to them.

SQLite under ``STATE_DIR``. A version of an article is *exported* only once the file
holding its line has its final name: the export pipeline writes the line into a
``.part`` file, renames the file, then calls :meth:`SeenStore.commit_file`. Until then
the row is *pending*, tagged with the file it was written to, which is enough to
deduplicate inside the run. When a run dies (``kill -9``) its pending rows are settled
by the next run: a row whose file exists under its final name was durable and becomes
exported; the others are deleted, so those articles are crawled again.
"""

from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS exports (
    key TEXT NOT NULL,
    version INTEGER NOT NULL,
    post_id TEXT,
    url TEXT NOT NULL,
    record_hash TEXT NOT NULL,
    modified_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'exported')),
    run_id TEXT NOT NULL,
    output_file TEXT NOT NULL,
    PRIMARY KEY (key, version)
);
CREATE INDEX IF NOT EXISTS exports_pending ON exports (status, run_id, output_file);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    clean INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS listings (
    url TEXT PRIMARY KEY,
    completed_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    key TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('article', 'non-article'))
);
"""


@dataclass(frozen=True)
class ExportRecord:
    """The newest version of one article that the store knows."""

    key: str
    version: int
    url: str
    record_hash: str
    modified_at: str | None
    status: str
    run_id: str


@dataclass(frozen=True)
class Recovery:
    """What opening the store settled of earlier runs that never finished."""

    kept: int = 0
    discarded: int = 0


@dataclass(frozen=True)
class DeadRun:
    """An earlier run that never finished (killed), as the next run found it in the store."""

    run_id: str
    started_at: str
    published_files: tuple[str, ...]  # its output files that exist under their final name
    kept: int  # its lines in those files: exported
    lost: int  # its lines whose file was never published: those articles are crawled again


def _utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def article_key(post_id: str | None, canonical_url: str) -> str:
    """The dedupe key: the stable post id when the page has one, else the canonical URL."""
    return f"post:{post_id}" if post_id else f"url:{canonical_url}"


class StateBusyError(RuntimeError):
    """Another run holds the seen-store."""


class _RunLock:
    """An exclusive ``flock`` on a file beside the store; the OS drops it if the process dies."""

    def __init__(self, path: Path, wait_seconds: float) -> None:
        self._handle = path.open("a+")
        deadline = time.monotonic() + wait_seconds
        waiting = False
        while True:
            try:
                fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                self._handle.seek(0)
                holder = self._handle.read().strip() or "unknown"
                if time.monotonic() >= deadline:
                    self._handle.close()
                    raise StateBusyError(
                        f"another crawl ({holder}) is using {path.parent}; wait for it to end, "
                        "or raise MAYADEEN_STATE_LOCK_WAIT to queue behind it"
                    ) from None
                if not waiting:
                    logger.warning(
                        "another crawl (%s) is using %s; waiting up to %.0f s", holder, path.parent, wait_seconds
                    )
                    waiting = True
                time.sleep(0.2)
        self._handle.seek(0)
        self._handle.truncate()
        self._handle.write(f"pid {os.getpid()}")
        self._handle.flush()

    def release(self) -> None:
        if not self._handle.closed:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()


class SeenStore:
    """SQLite-backed store of exported article versions and known URLs.

    One run at a time: opening takes an exclusive lock on ``<store>.lock``, waiting at most
    ``lock_wait_seconds`` (0: refuse at once) before raising :class:`StateBusyError`.
    """

    def __init__(self, path: Path, run_id: str, lock_wait_seconds: float = 0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = _RunLock(path.with_name(path.name + ".lock"), lock_wait_seconds)
        self.path = path
        self.run_id = run_id
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL: a commit survives kill -9 without an fsync each (WAL); sync() makes every
        # commit so far survive power loss too, and the export calls it before each rename.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self.unfinished_runs = self._describe_unfinished_runs()
        self.recovery = self._settle_unfinished_runs()
        self.previous_run_clean = self._previous_run_clean()
        self.walks_site = True  # one process: it walks the site itself
        self.dead_runs = [dead.run_id for dead in self.unfinished_runs]
        self._db.execute(
            "INSERT OR REPLACE INTO runs (run_id, started_at) VALUES (?, ?)", (run_id, _utc_now())
        )

    def close(self) -> None:
        self._db.close()
        self._lock.release()

    def _describe_unfinished_runs(self) -> list[DeadRun]:
        """Earlier runs that never recorded their end, with what they left (before settling)."""
        runs = self._db.execute(
            "SELECT run_id, started_at FROM runs WHERE finished_at IS NULL AND run_id != ? ORDER BY started_at",
            (self.run_id,),
        ).fetchall()
        return [self._describe_dead_run(run_id, started_at) for run_id, started_at in runs]

    def _describe_dead_run(self, run_id: str, started_at: str) -> DeadRun:
        published: list[str] = []
        kept = lost = 0
        rows = self._db.execute(
            "SELECT output_file, COUNT(*) FROM exports WHERE run_id = ? GROUP BY output_file ORDER BY output_file",
            (run_id,),
        )
        for output_file, count in rows:
            if Path(output_file).exists():
                published.append(output_file)
                kept += count
            else:
                lost += count
        return DeadRun(run_id, started_at, tuple(published), kept, lost)

    def _settle_unfinished_runs(self) -> Recovery:
        files = [
            row[0]
            for row in self._db.execute(
                "SELECT DISTINCT output_file FROM exports WHERE status = 'pending' AND run_id != ?",
                (self.run_id,),
            )
        ]
        kept = discarded = 0
        for output_file in files:
            if Path(output_file).exists():
                kept += self._mark_exported(output_file, run_id=None)
            else:
                discarded += self._db.execute(
                    "DELETE FROM exports WHERE status = 'pending' AND output_file = ?", (output_file,)
                ).rowcount
        return Recovery(kept, discarded)

    def _mark_exported(self, output_file: str, run_id: str | None) -> int:
        query = "UPDATE exports SET status = 'exported' WHERE status = 'pending' AND output_file = ?"
        params: tuple[str, ...] = (output_file,)
        if run_id is not None:
            query += " AND run_id = ?"
            params += (run_id,)
        return self._db.execute(query, params).rowcount

    def _previous_run_clean(self) -> bool:
        row = self._db.execute(
            "SELECT clean FROM runs WHERE run_id != ? ORDER BY started_at DESC LIMIT 1", (self.run_id,)
        ).fetchone()
        return bool(row and row[0])

    def finish_run(self, clean: bool, completed_listings: Iterable[str]) -> None:
        """Record how this run ended; a clean run vouches for the listings it walked through."""
        self._db.execute(
            "UPDATE runs SET finished_at = ?, clean = ? WHERE run_id = ?",
            (_utc_now(), int(clean), self.run_id),
        )
        self._db.execute(
            "UPDATE runs SET finished_at = ? WHERE finished_at IS NULL AND run_id != ?",
            ("(died)", self.run_id),
        )
        if clean:
            self._db.executemany(
                "INSERT OR REPLACE INTO listings (url, completed_by) VALUES (?, ?)",
                [(url, self.run_id) for url in completed_listings],
            )

    def may_stop_early(self, listing_url: str) -> bool:
        """True when the run before this one ended clean and once walked this listing through."""
        if not self.previous_run_clean:
            return False
        row = self._db.execute("SELECT 1 FROM listings WHERE url = ?", (listing_url,)).fetchone()
        return row is not None

    def latest(self, key: str) -> ExportRecord | None:
        row = self._db.execute(
            "SELECT key, version, url, record_hash, modified_at, status, run_id FROM exports"
            " WHERE key = ? ORDER BY version DESC LIMIT 1",
            (key,),
        ).fetchone()
        return ExportRecord(*row) if row else None

    def add_pending(
        self,
        record: ExportRecord,
        post_id: str | None,
        output_file: str,
    ) -> bool:
        """Claim this version for this run: its line goes into output_file, not yet published.
        Always True here: one run at a time holds this store (the Redis store can say no)."""
        self._db.execute(
            "INSERT OR REPLACE INTO exports (key, version, post_id, url, record_hash, modified_at,"
            " status, run_id, output_file) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
            (record.key, record.version, post_id, record.url, record.record_hash,
             record.modified_at, self.run_id, output_file),
        )  # fmt: skip
        return True

    def sync(self) -> None:
        """Make every commit so far durable on disk (a WAL checkpoint syncs WAL and database)."""
        self._db.execute("PRAGMA wal_checkpoint(FULL)")

    def commit_file(self, output_file: str) -> int:
        """Mark exported every pending version of this run whose line is in output_file."""
        return self._mark_exported(output_file, run_id=self.run_id)

    def remember_urls(self, urls: Iterable[str], key: str | None, kind: str = "article") -> None:
        """Record that these URLs lead to article key (or to a page that is no article)."""
        self._db.executemany(
            "INSERT OR REPLACE INTO urls (url, key, kind) VALUES (?, ?, ?)",
            [(url, key, kind) for url in set(urls)],
        )

    def key_for_url(self, url: str) -> str | None:
        row = self._db.execute("SELECT key FROM urls WHERE url = ?", (url,)).fetchone()
        return str(row[0]) if row and row[0] else None

    def is_known_url(self, url: str) -> bool:
        """True when url leads to an exported article or to a known non-article page."""
        row = self._db.execute(
            "SELECT u.kind, EXISTS (SELECT 1 FROM exports e WHERE e.key = u.key"
            " AND e.status = 'exported') FROM urls u WHERE u.url = ?",
            (url,),
        ).fetchone()
        return row is not None and (row[0] == "non-article" or bool(row[1]))

    def exported_modified_at(self, url: str) -> str | None:
        """The modified_at of the newest exported version behind url, if any."""
        row = self._db.execute(
            "SELECT e.modified_at FROM urls u JOIN exports e ON e.key = u.key"
            " WHERE u.url = ? AND e.status = 'exported' ORDER BY e.version DESC LIMIT 1",
            (url,),
        ).fetchone()
        return str(row[0]) if row and row[0] else None

    def exported_count(self) -> int:
        row = self._db.execute(
            "SELECT COUNT(DISTINCT key) FROM exports WHERE status = 'exported'"
        ).fetchone()
        return int(row[0])
