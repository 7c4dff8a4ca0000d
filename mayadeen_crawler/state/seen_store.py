"""The cross-run seen-store: which articles were exported, and which URLs lead to them.

SQLite under ``STATE_DIR``. An article is *exported* only once the file holding its
line has its final name (the export pipeline calls :meth:`SeenStore.commit_pending`
right after the rename); until then it is *pending* for the current run, which is
enough to deduplicate inside the run. Pending rows of a run that never committed
(a crash) are discarded when the next run opens the store.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,
    post_id TEXT,
    url TEXT NOT NULL,
    content_hash TEXT,
    modified_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'exported')),
    run_id TEXT NOT NULL,
    output_file TEXT
);
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    key TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('article', 'non-article'))
);
"""


@dataclass(frozen=True)
class ArticleRecord:
    """What the store knows about one article."""

    key: str
    url: str
    status: str
    run_id: str
    content_hash: str | None


def article_key(post_id: str | None, canonical_url: str) -> str:
    """The dedupe key: the stable post id when the page has one, else the canonical URL."""
    return f"post:{post_id}" if post_id else f"url:{canonical_url}"


class SeenStore:
    """SQLite-backed store of exported articles and known URLs, shared by one run's components."""

    def __init__(self, path: Path, run_id: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.run_id = run_id
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self.discarded_pending = self._discard_stale_pending()

    def close(self) -> None:
        self._db.close()

    def _discard_stale_pending(self) -> int:
        cursor = self._db.execute(
            "DELETE FROM articles WHERE status = 'pending' AND run_id != ?", (self.run_id,)
        )
        return cursor.rowcount

    def get(self, key: str) -> ArticleRecord | None:
        row = self._db.execute(
            "SELECT key, url, status, run_id, content_hash FROM articles WHERE key = ?", (key,)
        ).fetchone()
        return ArticleRecord(*row) if row else None

    def add_pending(
        self, key: str, post_id: str | None, url: str, content_hash: str | None, modified_at: str | None
    ) -> None:
        """Claim key for this run; the line is written but not yet durable under its final name."""
        self._db.execute(
            "INSERT OR REPLACE INTO articles"
            " (key, post_id, url, content_hash, modified_at, status, run_id)"
            " VALUES (?, ?, ?, ?, ?, 'pending', ?)",
            (key, post_id, url, content_hash, modified_at, self.run_id),
        )

    def commit_pending(self, output_file: str) -> int:
        """Mark every pending article of this run exported into output_file."""
        cursor = self._db.execute(
            "UPDATE articles SET status = 'exported', output_file = ?"
            " WHERE status = 'pending' AND run_id = ?",
            (output_file, self.run_id),
        )
        return cursor.rowcount

    def discard_pending(self) -> int:
        cursor = self._db.execute(
            "DELETE FROM articles WHERE status = 'pending' AND run_id = ?", (self.run_id,)
        )
        return cursor.rowcount

    def remember_urls(self, urls: Iterable[str], key: str | None, kind: str = "article") -> None:
        """Record that these URLs lead to article key (or to a page that is no article)."""
        self._db.executemany(
            "INSERT OR REPLACE INTO urls (url, key, kind) VALUES (?, ?, ?)",
            [(url, key, kind) for url in set(urls)],
        )

    def is_known_url(self, url: str) -> bool:
        """True when url leads to an exported article or to a known non-article page."""
        row = self._db.execute(
            "SELECT u.kind, a.status FROM urls u LEFT JOIN articles a ON a.key = u.key"
            " WHERE u.url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return False
        kind, status = row
        return bool(kind == "non-article" or status == "exported")

    def key_for_url(self, url: str) -> str | None:
        row = self._db.execute("SELECT key FROM urls WHERE url = ?", (url,)).fetchone()
        return str(row[0]) if row and row[0] else None

    def exported_count(self) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM articles WHERE status = 'exported'").fetchone()
        return int(row[0])
