"""The seen-store: pending vs exported, URL knowledge, recovery after an unfinished run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mayadeen_crawler.state import SeenStore, article_key

if TYPE_CHECKING:
    from pathlib import Path


def test_key_prefers_post_id() -> None:
    assert article_key("1892870", "https://x/a") == "post:1892870"
    assert article_key(None, "https://x/a") == "url:https://x/a"


def test_pending_becomes_exported_only_on_commit(tmp_path: Path) -> None:
    store = SeenStore(tmp_path / "seen.sqlite3", run_id="run-1")
    store.add_pending("post:1", "1", "https://x/a", "h", None)
    store.remember_urls(["https://x/a", "https://x/listing-alias"], "post:1")
    assert store.get("post:1").status == "pending"  # type: ignore[union-attr]
    assert not store.is_known_url("https://x/a")
    assert store.commit_pending("/out/file.jsonl") == 1
    assert store.is_known_url("https://x/listing-alias")
    assert store.exported_count() == 1


def test_a_new_run_discards_pending_rows_of_a_dead_run(tmp_path: Path) -> None:
    dead = SeenStore(tmp_path / "seen.sqlite3", run_id="dead")
    dead.add_pending("post:1", "1", "https://x/a", "h", None)
    dead.close()
    fresh = SeenStore(tmp_path / "seen.sqlite3", run_id="fresh")
    assert fresh.discarded_pending == 1
    assert fresh.get("post:1") is None


def test_non_article_urls_are_known_at_once(tmp_path: Path) -> None:
    store = SeenStore(tmp_path / "seen.sqlite3", run_id="r")
    store.remember_urls(["https://x/live"], None, kind="non-article")
    assert store.is_known_url("https://x/live")
    assert not store.is_known_url("https://x/other")
