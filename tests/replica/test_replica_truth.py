"""Truth lines: schema-valid, and equal to what an independent contract reader gets from the HTML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from mayadeen_crawler.replica import Corpus
from mayadeen_crawler.replica.routes import Site
from tests.replica.contract_reader import read

SCHEMA = Path(__file__).resolve().parents[2] / "mayadeen_crawler" / "schema" / "article.schema.json"
FIELDS = [
    "schema_version", "url", "post_id", "title", "summary", "body", "authors", "source",
    "published_at", "modified_at", "section", "category", "regions", "tags", "image",
    "read_time_minutes", "word_count", "language", "type", "related_urls", "content_hash",
]  # fmt: skip


def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA.read_text("utf-8")))


def test_every_truth_validates_against_the_schema(corpus: Corpus, drifted: Corpus) -> None:
    validator = _validator()
    extra: dict[str, Any] = {"crawled_at": "2025-11-20T10:00:00Z"}
    if "version" in validator.schema["properties"]:
        extra["version"] = 1  # the truth describes version 1 and leaves the field out
    for truth in [*corpus.truths(), *drifted.truths()]:
        line = {**truth, **extra}
        errors = [error.message for error in validator.iter_errors(line)]
        assert errors == [], truth["url"]


def test_truth_has_exactly_the_contract_fields(corpus: Corpus) -> None:
    assert list(corpus.truth(0)) == FIELDS


@pytest.mark.parametrize("which", ["plain", "drifted"])
def test_truth_equals_what_the_html_says(which: str, corpus: Corpus, drifted: Corpus) -> None:
    chosen = corpus if which == "plain" else drifted
    site = Site(chosen)
    mismatches: list[str] = []
    for meta in chosen.metas:
        got = read(site.respond(meta.path).body, chosen.url(meta.index))
        assert got is not None, meta.path
        want = chosen.truth(meta.index)
        mismatches += [
            f"{meta.path} {name}: {got[name]!r} != {want[name]!r}"
            for name in FIELDS
            if got[name] != want[name]
        ]
    assert mismatches == [], "\n".join(mismatches[:20])


def test_non_article_pages_are_no_articles(site: Site) -> None:
    for path in (
        "/",
        "/news",
        "/region/mena",
        "/live",
        "/about-us",
        "/authors",
        "/authors/al-mayadeen-english",
    ):
        assert read(site.respond(path).body, f"http://127.0.0.1:8000{path}") is None, path


def test_word_count_is_published_as_a_string(corpus: Corpus, site: Site) -> None:
    page = site.respond(corpus.metas[0].path).body.decode()
    data: dict[str, Any] = json.loads(page.split('type="text/tawsiyat"> ', 1)[1].split(" </script>", 1)[0])
    assert data["word_count"] == str(corpus.truth(0)["word_count"])
    assert data["thumbnail"] in ("", corpus.truth(0)["image"] and corpus.truth(0)["image"]["url"])
    assert {entry["mapping"] for entry in data["classes"]} >= {"posttype", "author"}


def test_truth_follows_the_base_url() -> None:
    corpus = Corpus(seed=3, articles=10, base_url="http://127.0.0.1:9999/")
    assert corpus.truth(0)["url"].startswith("http://127.0.0.1:9999/")
    corpus.base_url = "http://localhost:1234"
    assert corpus.truth(0)["url"].startswith("http://localhost:1234/")
