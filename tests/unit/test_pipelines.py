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
    from collections.abc import Iterator
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


def _pass(dedupe: DedupePipeline, exporter: JsonLinesExportPipeline, item: ArticleItem) -> ArticleItem:
    return exporter.process_item(dedupe.process_item(item))  # type: ignore[no-any-return]


_OPEN: list[JsonLinesExportPipeline] = []


@pytest.fixture(autouse=True)
def _close_what_tests_opened() -> Iterator[None]:
    yield
    while _OPEN:
        exporter = _OPEN.pop()
        exporter.file.abandon()
        exporter.store.close()


def _pipelines(tmp_path: Path, run_id: str, **options: int) -> tuple[DedupePipeline, JsonLinesExportPipeline]:
    store = SeenStore(tmp_path / "state" / "seen.sqlite3", run_id=run_id)
    exporter = JsonLinesExportPipeline(tmp_path / "out", "mayadeen-{run_id}-{part:03d}.jsonl", store, **options)
    _OPEN.append(exporter)
    return DedupePipeline(store), exporter


def test_dedupe_drops_in_run_duplicates_and_unchanged_articles(tmp_path: Path) -> None:
    dedupe, exporter = _pipelines(tmp_path, "one")
    _pass(dedupe, exporter, _item())
    with pytest.raises(DropItem, match="in-run"):
        dedupe.process_item(_item(url="https://english.almayadeen.net/other-url"))
    exporter.close_spider()
    exporter.store.close()
    dedupe, exporter = _pipelines(tmp_path, "two")
    with pytest.raises(DropItem, match="unchanged"):
        dedupe.process_item(_item(crawled_at="2026-12-01T00:00:00Z"))


def test_a_changed_article_is_exported_again_as_the_next_version(tmp_path: Path) -> None:
    dedupe, exporter = _pipelines(tmp_path, "one")
    assert _pass(dedupe, exporter, _item()).version == 1
    exporter.close_spider()
    exporter.store.close()
    dedupe, exporter = _pipelines(tmp_path, "two")
    edited = _item(modified_at="2025-09-11T09:00:00+03:00", body="Edited.")
    assert _pass(dedupe, exporter, edited).version == 2
    exporter.close_spider()
    lines = [json.loads(line) for path in sorted((tmp_path / "out").glob("*.jsonl")) for line in path.read_text("utf-8").splitlines()]
    assert [(line["post_id"], line["version"]) for line in lines] == [("1892870", 1), ("1892870", 2)]


def test_dedupe_without_post_id_uses_the_canonical_url(tmp_path: Path) -> None:
    dedupe, exporter = _pipelines(tmp_path, "one")
    _pass(dedupe, exporter, _item(post_id=None))
    with pytest.raises(DropItem, match="in-run"):
        dedupe.process_item(_item(post_id=None))
    with pytest.raises(DropItem, match="in-run"):
        dedupe.process_item(_item(post_id="1892870"))


def test_export_publishes_whole_lines_under_the_final_name_only_on_close(tmp_path: Path) -> None:
    dedupe, exporter = _pipelines(tmp_path, "r1")
    out = tmp_path / "out"
    _pass(dedupe, exporter, _item(title="Gaza “ceasefire” talks"))
    _pass(dedupe, exporter, _item(post_id="2"))
    assert [p.name for p in out.iterdir()] == [".mayadeen-r1-001.jsonl.part"]
    assert not exporter.store.is_known_url("https://english.almayadeen.net/news/politics/a-title")
    exporter.close_spider()
    assert [p.name for p in out.iterdir()] == ["mayadeen-r1-001.jsonl"]
    lines = (out / "mayadeen-r1-001.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert list(first) == list(EXPORT_FIELDS)
    assert first["title"] == "Gaza “ceasefire” talks"
    assert "“" in lines[0]  # UTF-8, not \\u escapes
    assert exporter.store.latest("post:2").status == "exported"  # type: ignore[union-attr]


def test_batches_are_published_as_they_fill(tmp_path: Path) -> None:
    dedupe, exporter = _pipelines(tmp_path, "r", batch_items=2)
    for post_id in "12345":
        _pass(dedupe, exporter, _item(post_id=post_id, url=f"https://english.almayadeen.net/a/{post_id}"))
    published = sorted(p.name for p in (tmp_path / "out").glob("*.jsonl"))
    assert published == ["mayadeen-r-001.jsonl", "mayadeen-r-002.jsonl"]
    assert exporter.store.latest("post:4").status == "exported"  # type: ignore[union-attr]
    assert exporter.store.latest("post:5").status == "pending"  # type: ignore[union-attr]
    exporter.close_spider()
    assert exporter.store.exported_count() == 5


def test_an_empty_run_leaves_no_file(tmp_path: Path) -> None:
    _, exporter = _pipelines(tmp_path, "r")
    exporter.close_spider()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
