"""Pipelines built directly, on hand-built items: validate, dedupe, export."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from scrapy.exceptions import DropItem

from mayadeen_crawler.items import EXPORT_FIELDS, ArticleItem
from mayadeen_crawler.pipelines.dedupe import DedupePipeline
from mayadeen_crawler.pipelines.export import JsonLinesExportPipeline
from mayadeen_crawler.pipelines.validate import ValidatePipeline, load_article_schema
from mayadeen_crawler.state import SeenStore

if TYPE_CHECKING:
    from pathlib import Path


def _item(**changes: object) -> ArticleItem:
    item = ArticleItem(
        url="https://english.almayadeen.net/news/politics/a-title",
        title="A title",
        body="First paragraph.\n\nSecond paragraph.",
        post_id="1892870",
        summary="The lead.",
        authors=["Al Mayadeen English"],
        published_at="2025-09-10T17:10:00+03:00",
        section="News",
        category="Politics",
        word_count=4,
        crawled_at="2026-11-24T21:00:00Z",
        content_hash="0" * 64,
    )
    return replace(item, **changes)  # type: ignore[arg-type]


def test_a_valid_item_passes_validation() -> None:
    item = _item()
    assert ValidatePipeline(load_article_schema()).process_item(item) is item


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"body": "   "}, "body"),
        ({"url": "/relative/path"}, "url"),
        ({"published_at": "10 Sep 2025 17:10"}, "published_at"),
        ({"published_at": None}, "published_at"),
        ({"post_id": "abc"}, "post_id"),
        ({"tags": ["a", "a"]}, "tags"),
    ],
)
def test_an_invalid_item_is_dropped_naming_the_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(DropItem, match=f"invalid {field}"):
        ValidatePipeline(load_article_schema()).process_item(_item(**changes))


def test_dedupe_drops_in_run_and_previous_run_duplicates(tmp_path: Path) -> None:
    store = SeenStore(tmp_path / "seen.sqlite3", run_id="one")
    dedupe = DedupePipeline(store)
    dedupe.process_item(_item())
    with pytest.raises(DropItem, match="in-run"):
        dedupe.process_item(_item(url="https://english.almayadeen.net/other-url"))
    store.commit_pending("file")
    store.close()
    later = DedupePipeline(SeenStore(tmp_path / "seen.sqlite3", run_id="two"))
    with pytest.raises(DropItem, match="previous-run"):
        later.process_item(_item())


def test_dedupe_without_post_id_uses_the_canonical_url(tmp_path: Path) -> None:
    dedupe = DedupePipeline(SeenStore(tmp_path / "seen.sqlite3", run_id="one"))
    dedupe.process_item(_item(post_id=None))
    with pytest.raises(DropItem, match="in-run"):
        dedupe.process_item(_item(post_id=None))
    with pytest.raises(DropItem, match="in-run"):
        dedupe.process_item(_item(post_id="1892870"))


def test_export_publishes_whole_lines_under_the_final_name_only_on_close(tmp_path: Path) -> None:
    store = SeenStore(tmp_path / "state" / "seen.sqlite3", run_id="r1")
    final = tmp_path / "out" / "mayadeen-r1.jsonl"
    exporter = JsonLinesExportPipeline(final, store)
    store.add_pending("post:1", "1", "u", None, None)
    exporter.process_item(_item(title="Gaza “ceasefire” talks"))
    exporter.process_item(_item(post_id="2"))
    assert not final.exists()
    assert [p.name for p in final.parent.iterdir()] == [".mayadeen-r1.jsonl.part"]
    assert not store.is_known_url("u")
    exporter.close_spider()
    assert [p.name for p in final.parent.iterdir()] == ["mayadeen-r1.jsonl"]
    lines = final.read_text("utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert list(first) == list(EXPORT_FIELDS)
    assert first["title"] == "Gaza “ceasefire” talks"
    assert "“" in lines[0]  # UTF-8, not \\u escapes
    assert store.get("post:1").status == "exported"  # type: ignore[union-attr]


def test_an_empty_run_leaves_no_file(tmp_path: Path) -> None:
    store = SeenStore(tmp_path / "seen.sqlite3", run_id="r")
    final = tmp_path / "out" / "mayadeen-r.jsonl"
    JsonLinesExportPipeline(final, store).close_spider()
    assert not final.parent.exists() or not any(final.parent.iterdir())
