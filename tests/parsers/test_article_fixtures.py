"""Article fixtures: every field of every saved page, the skips, the layers, the schema."""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from mayadeen_crawler.cleaning import clean_article
from mayadeen_crawler.items import EXPORT_FIELDS
from mayadeen_crawler.parsers.article import ArticleParser, ParseResult
from tests.parsers.fixture_files import SAVE_COMMAND, article_case, article_names, folders, read_bytes

FIELDS = [name for name in EXPORT_FIELDS if name != "crawled_at"]
ITEM_CASES = article_names(skipped=False)
SKIP_CASES = article_names(skipped=True)
MIN_ARTICLE_FIXTURES = 22
# Fields that may be null (schema) or legitimately empty lists (contract: "empty list when none").
MAY_BE_EMPTY = {
    "post_id", "summary", "source", "modified_at", "section", "category", "image",
    "read_time_minutes", "authors", "regions", "related_urls",
}  # fmt: skip


@cache
def parsed(name: str) -> ParseResult:
    """The parser's result for one fixture (strict: unexpected errors surface)."""
    case = article_case(name)
    parser = ArticleParser(strict=True, today=case.today)
    return parser.parse(
        case.html, case.url, status=case.meta.get("status", 200), headers=case.meta.get("headers")
    )


@cache
def cleaned(name: str) -> dict[str, Any]:
    """The fixture's output line as the pipeline would export it (minus crawled_at)."""
    result = parsed(name)
    assert result.item is not None, f"{name}: expected an item, got skip {result.skip_reason!r}"
    line = dataclasses.asdict(clean_article(result.item))
    line.pop("crawled_at")
    return line


def test_there_are_enough_article_fixtures() -> None:
    assert len(ITEM_CASES) + len(SKIP_CASES) >= MIN_ARTICLE_FIXTURES, SAVE_COMMAND.format(name="NAME")


@pytest.mark.parametrize("name", folders("article"))
def test_fixture_folder_is_complete(name: str) -> None:
    for filename in ("input.html", "meta.json", "expected.json"):
        assert read_bytes("article", name, filename)
    assert {"url", "crawl_date", "frozen_time", "description"} <= set(article_case(name).meta)


def test_a_missing_fixture_names_the_save_command() -> None:
    with pytest.raises(pytest.fail.Exception, match=r"python -m scripts\.save_fixture .*--name gone"):
        read_bytes("article", "gone", "input.html")


@pytest.mark.parametrize(
    ("name", "field"),
    [pytest.param(name, field, id=f"{name}:{field}") for name in ITEM_CASES for field in FIELDS],
)
def test_field(name: str, field: str) -> None:
    expected = article_case(name).expected
    assert field in expected, f"{name}/expected.json lacks {field!r}"
    assert cleaned(name)[field] == expected[field]


@pytest.mark.parametrize("name", ITEM_CASES)
def test_no_unexpected_keys(name: str) -> None:
    assert set(cleaned(name)) == set(article_case(name).expected)


@pytest.mark.parametrize("name", SKIP_CASES)
def test_skipped(name: str) -> None:
    result = parsed(name)
    assert result.item is None
    assert result.skip_reason == article_case(name).skip_reason


@pytest.mark.parametrize("name", [n for n in ITEM_CASES if "expected_layers" in article_case(n).meta])
def test_layers(name: str) -> None:
    wanted: dict[str, str] = article_case(name).meta["expected_layers"]
    layers = parsed(name).layers
    assert {field: layers.get(field) for field in wanted} == wanted


@pytest.mark.parametrize("name", ITEM_CASES)
def test_expected_line_validates_against_the_schema(name: str, validator: Draft202012Validator) -> None:
    line = dict(article_case(name).expected, crawled_at="2025-10-23T09:00:00Z")
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(line)]
    assert not errors


@pytest.mark.parametrize("name", ITEM_CASES)
def test_expected_line_has_no_empty_values(name: str) -> None:
    expected = article_case(name).expected
    empty = [
        key for key, value in expected.items()
        if key not in MAY_BE_EMPTY and (value in (None, "", [], {}) or (isinstance(value, str) and not value.strip()))
    ]  # fmt: skip
    assert not empty, f"{name}: empty required values {empty}"


@pytest.mark.parametrize("name", ITEM_CASES)
def test_parsed_line_validates_against_the_schema(name: str, validator: Draft202012Validator) -> None:
    line = dict(cleaned(name), crawled_at="2025-10-23T09:00:00Z")
    assert not [e.message for e in validator.iter_errors(line)]


@pytest.mark.parametrize("name", ITEM_CASES)
def test_cleaning_the_parsed_item_again_changes_nothing(name: str) -> None:
    item = parsed(name).item
    assert item is not None
    once = clean_article(item)
    assert clean_article(once) == once


def test_broken_tawsiyat_is_counted_as_a_layer_failure() -> None:
    assert "tawsiyat:invalid-json" in parsed("broken-tawsiyat-json").failures


def test_parser_leaves_pipeline_fields_unset() -> None:
    item = parsed("reference-europe-ukraine-rs").item
    assert item is not None
    assert item.crawled_at is None
    assert item.content_hash is None
