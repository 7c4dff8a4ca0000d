"""Property tests: mutated fixture pages never make the parser raise.

Every outcome is either an item that validates against the schema once cleaned (with
``crawled_at`` filled in, as the spider does) or a skip reason.
"""

from __future__ import annotations

import dataclasses
import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from mayadeen_crawler.cleaning import clean_article
from mayadeen_crawler.parsers.article import ArticleParser, ParseResult
from tests.parsers.fixture_files import article_case, article_names, article_schema

CASES = article_names()
PARSER = ArticleParser()
VALIDATOR = Draft202012Validator(article_schema())
TAG = re.compile(rb"<[^<>]*>")
CODECS = ["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "shift_jis", "koi8-r", "ascii"]
FAST = settings(max_examples=50, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

cases = st.sampled_from(CASES)


def _check(result: ParseResult) -> None:
    if result.item is None:
        assert result.skip_reason
        return
    line = dataclasses.asdict(clean_article(result.item))
    line["crawled_at"] = "2025-10-23T09:00:00Z"
    errors = [f"{list(e.path)}: {e.message}" for e in VALIDATOR.iter_errors(line)]
    assert not errors, errors


def _parse(name: str, html: bytes | str, headers: dict[str, str] | None = None) -> ParseResult:
    return PARSER.parse(html, article_case(name).url, headers=headers)


@FAST
@given(name=cases, data=st.data())
def test_truncated_pages(name: str, data: st.DataObject) -> None:
    html = article_case(name).html
    cut = data.draw(st.integers(0, len(html)))
    _check(_parse(name, html[:cut]))


@FAST
@given(name=cases, seed=st.integers(0, 2**32), share=st.floats(0.01, 0.9))
def test_dropped_tags(name: str, seed: int, share: float) -> None:
    rnd = random.Random(seed)
    html = TAG.sub(lambda m: b"" if rnd.random() < share else m.group(0), article_case(name).html)
    _check(_parse(name, html))


@FAST
@given(
    name=cases,
    inserts=st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=64)), min_size=1, max_size=20),
)
def test_garbage_bytes(name: str, inserts: list[tuple[float, bytes]]) -> None:
    html = article_case(name).html
    for where, garbage in inserts:
        at = int(where * len(html))
        html = html[:at] + garbage + html[at:]
    _check(_parse(name, html))


@FAST
@given(name=cases, where=st.floats(0, 1), depth=st.integers(1000, 6000), tag=st.sampled_from(["div", "span", "p", "b"]),
       closed=st.booleans())  # fmt: skip
def test_deep_nesting(name: str, where: float, depth: int, tag: str, closed: bool) -> None:
    html = article_case(name).html
    at = int(where * len(html))
    nest = f"<{tag}>".encode() * depth + b"deep" + (f"</{tag}>".encode() * depth if closed else b"")
    _check(_parse(name, html[:at] + nest + html[at:]))


@FAST
@given(name=cases, codec=st.sampled_from(CODECS), declared=st.sampled_from([None, *CODECS, "bogus-charset"]))
def test_wrong_encodings(name: str, codec: str, declared: str | None) -> None:
    html = article_case(name).html.decode("utf-8").encode(codec, errors="replace")
    headers = {"Content-Type": f"text/html; charset={declared}"} if declared else None
    _check(_parse(name, html, headers))


@FAST
@given(name=cases, text=st.text(max_size=200), where=st.floats(0, 1))
def test_random_text_in_a_str_page(name: str, text: str, where: float) -> None:
    html = article_case(name).html.decode("utf-8")
    at = int(where * len(html))
    _check(_parse(name, html[:at] + text + html[at:]))
