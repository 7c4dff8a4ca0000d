"""Loading the saved fixtures of tests/fixtures/ (article, listing, menu, sitemap folders)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "mayadeen_crawler" / "schema" / "article.schema.json"
SAVE_COMMAND = (
    "python -m scripts.save_fixture --from-replica --seed 1 --articles 300 --index N --name {name}"
    "  (or --url URL --truth-url URL for a running replica; hand-written cases: see the other folders)"
)


def folders(kind: str) -> list[str]:
    """Names of the fixture folders of one kind, sorted."""
    root = FIXTURES / kind
    return sorted(path.name for path in root.iterdir() if path.is_dir()) if root.is_dir() else []


def _read(kind: str, name: str, filename: str) -> Path:
    path = FIXTURES / kind / name / filename
    if not path.is_file():
        pytest.fail(
            f"fixture {kind}/{name} has no {filename}; save it with:\n  " + SAVE_COMMAND.format(name=name),
            pytrace=False,
        )
    return path


def read_json(kind: str, name: str, filename: str) -> Any:
    """A JSON file of a fixture folder (fails the test with the save command when missing)."""
    return json.loads(_read(kind, name, filename).read_text("utf-8"))


def read_bytes(kind: str, name: str, filename: str) -> bytes:
    """A raw file of a fixture folder (fails the test with the save command when missing)."""
    return _read(kind, name, filename).read_bytes()


@dataclass(frozen=True)
class ArticleCase:
    """One article fixture: its page, its request context and its expected line (or skip)."""

    name: str
    html: bytes
    meta: dict[str, Any]
    expected: dict[str, Any]

    @property
    def url(self) -> str:
        return str(self.meta["url"])

    @property
    def today(self) -> date:
        return date.fromisoformat(self.meta["crawl_date"])

    @property
    def skip_reason(self) -> str | None:
        reason = self.expected.get("skip_reason")
        return str(reason) if reason is not None else None


@cache
def article_case(name: str) -> ArticleCase:
    """The article fixture ``name`` (read once per session)."""
    return ArticleCase(
        name,
        read_bytes("article", name, "input.html"),
        read_json("article", name, "meta.json"),
        read_json("article", name, "expected.json"),
    )


def article_names(*, skipped: bool | None = None) -> list[str]:
    """Article fixtures; only skips (True), only items (False) or all (None)."""
    names = folders("article")
    if skipped is None:
        return names
    return [n for n in names if ("skip_reason" in read_json("article", n, "expected.json")) == skipped]


@cache
def article_schema() -> dict[str, Any]:
    """The JSON Schema of one output line."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text("utf-8"))
    return schema
