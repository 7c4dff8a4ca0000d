"""The validate pipeline's compiled fast path agrees with jsonschema, line by line."""

from __future__ import annotations

import copy
from typing import Any

import fastjsonschema
import pytest
from jsonschema import Draft202012Validator

from mayadeen_crawler.pipelines.validate import load_article_schema

SCHEMA = load_article_schema()
VALID: dict[str, Any] = {
    "schema_version": 1, "url": "https://english.almayadeen.net/news/politics/a-title",
    "post_id": "1892870", "title": "A title", "summary": None, "body": "One.\n\nTwo.",
    "authors": ["Al Mayadeen English"], "source": None, "published_at": "2025-09-10T17:10:00+03:00",
    "modified_at": None, "section": "News", "category": "Politics", "regions": ["Europe"],
    "tags": ["Russia"], "image": {"url": "https://english.almayadeen.net/x.jpg?width=1000", "caption": None},
    "read_time_minutes": 3, "word_count": 2, "language": "en", "type": "News", "related_urls": [],
    "crawled_at": "2026-11-24T21:00:00Z", "content_hash": "0" * 64, "version": 1,
}  # fmt: skip
BROKEN: list[tuple[str, Any]] = [
    ("schema_version", 2), ("url", "/relative"), ("url", "https://host/has space"), ("post_id", "12a"),
    ("title", ""), ("title", "   "), ("summary", 5), ("body", ""), ("authors", [""]), ("authors", "A"),
    ("source", ""), ("published_at", "2025-09-10"), ("published_at", "2025-09-10T17:10:00Z"),
    ("modified_at", "yesterday"), ("section", 3), ("regions", [1]), ("tags", None), ("image", {"url": "x"}),
    ("image", "https://english.almayadeen.net/x.jpg"), ("read_time_minutes", -1), ("read_time_minutes", "3"),
    ("word_count", None), ("language", ""), ("type", ""), ("related_urls", ["nope"]), ("crawled_at", None),
    ("content_hash", "abc"), ("version", 0), ("unexpected", 1),
]  # fmt: skip


def _fast_accepts(check: Any, line: dict[str, Any]) -> bool:
    try:
        check(line)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@pytest.mark.parametrize(("field", "value"), [(None, None), *BROKEN])
def test_fast_path_agrees_with_jsonschema(field: str | None, value: Any) -> None:
    line = copy.deepcopy(VALID)
    if field is not None:
        line[field] = value
    reference = Draft202012Validator(SCHEMA).is_valid(line)
    assert _fast_accepts(fastjsonschema.compile(SCHEMA), line) == reference
    assert reference == (field is None)
