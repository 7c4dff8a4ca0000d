"""The seen-store: pending vs exported, URL knowledge, settling runs that died."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from mayadeen_crawler.state import ExportRecord, SeenStore, StateBusyError, article_key

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture(autouse=True)
def _close_stores(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    opened: list[SeenStore] = []
    original = SeenStore.__init__

    def tracking_init(self: SeenStore, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(SeenStore, "__init__", tracking_init)
    yield
    for store in opened:
        store.close()


def _record(key: str = "post:1", version: int = 1, url: str = "https://x/a") -> ExportRecord:
    return ExportRecord(key, version, url, "hash", None, "pending", "")


def test_key_prefers_post_id() -> None:
    assert article_key("1892870", "https://x/a") == "post:1892870"
    assert article_key(None, "https://x/a") == "url:https://x/a"


def test_pending_becomes_exported_only_when_its_file_is_committed(tmp_path: Path) -> None:
    store = SeenStore(tmp_path / "seen.sqlite3", run_id="run-1")
    store.add_pending(_record(), "1", "/out/a.jsonl")
    store.remember_urls(["https://x/a", "https://x/listing-alias"], "post:1")
    assert store.latest("post:1").status == "pending"  # type: ignore[union-attr]
    assert not store.is_known_url("https://x/a")
    assert store.commit_file("/out/other.jsonl") == 0
    assert store.commit_file("/out/a.jsonl") == 1
    assert store.is_known_url("https://x/listing-alias")
    assert store.exported_count() == 1


def test_a_new_run_settles_the_pending_rows_of_a_dead_run(tmp_path: Path) -> None:
    published = tmp_path / "published.jsonl"
    published.write_text("{}\n")
    dead = SeenStore(tmp_path / "seen.sqlite3", run_id="dead")
    dead.add_pending(_record("post:1"), "1", str(published))
    dead.add_pending(_record("post:2", url="https://x/b"), "2", str(tmp_path / "never-renamed.jsonl"))
    dead.close()
    fresh = SeenStore(tmp_path / "seen.sqlite3", run_id="fresh")
    assert (fresh.recovery.kept, fresh.recovery.discarded) == (1, 1)
    assert fresh.latest("post:1").status == "exported"  # type: ignore[union-attr]
    assert fresh.latest("post:2") is None


def test_a_new_run_describes_each_dead_run_before_settling_it(tmp_path: Path) -> None:
    committed, published = tmp_path / "batch-1.jsonl", tmp_path / "batch-2.jsonl"
    committed.write_text("{}\n{}\n")
    published.write_text("{}\n")
    dead = SeenStore(tmp_path / "seen.sqlite3", run_id="dead")
    dead.add_pending(_record("post:1"), "1", str(committed))
    dead.add_pending(_record("post:2", url="https://x/b"), "2", str(committed))
    dead.commit_file(str(committed))
    dead.add_pending(_record("post:3", url="https://x/c"), "3", str(published))  # renamed, then killed
    dead.add_pending(_record("post:4", url="https://x/d"), "4", str(tmp_path / "never-renamed.jsonl"))
    dead.close()
    fresh = SeenStore(tmp_path / "seen.sqlite3", run_id="fresh")
    [report] = fresh.unfinished_runs
    assert (report.run_id, report.kept, report.lost) == ("dead", 3, 1)
    assert report.published_files == (str(committed), str(published))
    assert fresh.dead_runs == ["dead"]
    fresh.finish_run(clean=True, completed_listings=[])
    fresh.close()
    assert SeenStore(tmp_path / "seen.sqlite3", run_id="later").unfinished_runs == []


def test_versions_are_kept_apart(tmp_path: Path) -> None:
    store = SeenStore(tmp_path / "seen.sqlite3", run_id="r")
    store.add_pending(_record(version=1), "1", "/f1")
    store.commit_file("/f1")
    store.add_pending(_record(version=2), "1", "/f2")
    assert store.latest("post:1").version == 2  # type: ignore[union-attr]
    assert store.exported_count() == 1


def test_non_article_urls_are_known_at_once(tmp_path: Path) -> None:
    store = SeenStore(tmp_path / "seen.sqlite3", run_id="r")
    store.remember_urls(["https://x/live"], None, kind="non-article")
    assert store.is_known_url("https://x/live")
    assert not store.is_known_url("https://x/other")


def test_a_second_run_on_the_same_state_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    first = SeenStore(tmp_path / "seen.sqlite3", run_id="first")
    with pytest.raises(StateBusyError, match="another crawl"):
        SeenStore(tmp_path / "seen.sqlite3", run_id="second", lock_wait_seconds=0.3)
    first.close()
    second = SeenStore(tmp_path / "seen.sqlite3", run_id="second")
    assert second.run_id == "second"
