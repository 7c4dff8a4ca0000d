"""Every kind of variety the brief asks for is present in a 300-article corpus."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from mayadeen_crawler.replica import Corpus
from mayadeen_crawler.replica.blocks import Inline, Related, TextBlock, Tweet
from mayadeen_crawler.replica.menus import REGIONS
from mayadeen_crawler.replica.routes import Site
from mayadeen_crawler.replica.vocab import DESK

REGION_LABELS = {item.label for item in REGIONS}


def _pages(corpus: Corpus, site: Site) -> list[str]:
    return [site.respond(meta.path).body.decode() for meta in corpus.metas]


@pytest.fixture(scope="module")
def pages(corpus: Corpus, site: Site) -> list[str]:
    return _pages(corpus, site)


def test_authors(corpus: Corpus) -> None:
    news = [meta for meta in corpus.metas if meta.posttype == "News"]
    assert sum(meta.authors == (DESK,) for meta in news) > 0.8 * len(news)
    named = {name for meta in corpus.metas for name in meta.authors if name != DESK}
    assert len(named) >= 12
    assert all(len(name.split()) == 2 for name in named)
    bylines = [meta.byline for meta in corpus.metas]
    assert any(re.fullmatch(r"\w+ \w+ and \w+ \w+", byline) for byline in bylines)
    assert any(re.fullmatch(r"\w+ \w+, \w+ \w+ and \w+ \w+", byline) for byline in bylines)


def test_sources_images_captions_read_time(corpus: Corpus, pages: list[str]) -> None:
    assert Counter(meta.source is None for meta in corpus.metas).keys() == {True, False}
    assert not all(meta.has_image for meta in corpus.metas)
    with_image = [meta for meta in corpus.metas if meta.has_image]
    assert {meta.has_caption for meta in with_image} == {True, False}
    assert {'class="read-time"' in page for page in pages} == {True, False}


def test_dates(corpus: Corpus) -> None:
    truths = list(corpus.truths())
    offsets = {truth["published_at"][-6:] for truth in truths}
    assert offsets == {"+02:00", "+03:00"}
    assert any(truth["modified_at"] > truth["published_at"] for truth in truths)
    assert any(truth["modified_at"] == truth["published_at"] for truth in truths)
    assert len(corpus.months) >= 20


def test_keywords_repeat_but_tags_do_not(corpus: Corpus) -> None:
    repeated = [meta for meta in corpus.metas if len(meta.tags) < len(meta.keywords.split(","))]
    assert repeated
    assert any(meta.keywords == "" for meta in corpus.metas)
    assert any(",," in meta.keywords for meta in corpus.metas)


def test_titles_and_slugs(corpus: Corpus) -> None:
    titles = [meta.title for meta in corpus.metas]
    for marker in (":", "’", "“", "'Israel'", ",", "4"):
        assert any(marker in title for title in titles), marker
    paths = [meta.path for meta in corpus.metas]
    assert any(":" in path for path in paths)
    assert any(path.count("--") for path in paths)


def test_url_shapes(corpus: Corpus, site: Site) -> None:
    bare = [meta for meta in corpus.metas if re.fullmatch(r"/articles/[^/]+", meta.path)]
    assert bare
    for meta in bare:
        assert meta.category in {"Opinion", "Analysis", "Blog", "Features"}
        assert meta.index in corpus.listings[meta.listing_path]
        assert corpus.truth(meta.index)["category"] == meta.category
    types = Counter(corpus.truth(meta.index)["type"] for meta in corpus.metas)
    assert set(types) == {"News", "Article", "Video", "Infograph", "Gallery"}
    for meta in corpus.metas:
        if meta.posttype == "Video":
            assert re.fullmatch(r"/videos/[a-z-]+/[^/]+", meta.path)
        if meta.posttype in ("Infograph", "Gallery"):
            assert meta.category_value is None
            assert re.fullmatch(r"/(infographs|in-pictures)/[^/]+", meta.path)


def test_classes(corpus: Corpus, pages: list[str]) -> None:
    assert any(len(meta.regions) == 2 for meta in corpus.metas)
    odd = [value for meta in corpus.metas for value in meta.country_values if value not in REGION_LABELS]
    assert any(value in {"Lebanon", "Iran", "Syria", "Yemen"} for value in odd)
    assert any(value.lower() in {label.lower() for label in REGION_LABELS} for value in odd)
    for meta in corpus.metas:
        assert set(corpus.truth(meta.index)["regions"]) <= REGION_LABELS
    assert any(meta.coverage for meta in corpus.metas)
    assert any('"mapping": "coverage"' in page for page in pages)
    assert any(meta.category_value and meta.category_value != meta.category for meta in corpus.metas)


def test_body_structures(corpus: Corpus) -> None:
    bodies = [corpus.body(meta.index) for meta in corpus.metas]
    assert sum(any(isinstance(b, Related) for b in body.blocks) for body in bodies) > len(bodies) / 3
    assert any(any(isinstance(b, Tweet) for b in body.blocks) for body in bodies)
    tags = Counter(b.tag for body in bodies for b in body.blocks if isinstance(b, TextBlock))
    assert tags["h3"]
    assert tags["h2"]
    kinds = Counter(
        piece.kind for body in bodies for b in body.blocks if isinstance(b, TextBlock) for piece in b.inlines
    )
    assert {"a", "em", "strong", "nbsp", "br"} <= set(kinds)
    repeats = [
        body
        for body in bodies
        if body.blocks and body.blocks[0] == TextBlock("p", (Inline("text", body.description),))
    ]
    assert repeats
    assert min(body.text.count("\n\n") + 1 for body in bodies) >= 4


def test_markup_quirks(pages: list[str]) -> None:
    joined = "".join(pages)
    for marker in (
        "&nbsp;",
        "&amp;",
        "&quot;",
        "’",
        "“",
        "<br>",
        'class="twitter-tweet"',
        "<h4>Related News</h4>",
    ):
        assert marker in joined, marker
    assert re.search(r"</a>, who", joined)
    assert re.search(r'<time datetime="2025-[^"]+">\d+ \w{3} \d\d:\d\d</time>', joined)
    assert re.search(r'<time datetime="2024-[^"]+">\d+ \w{3} 2024 \d\d:\d\d</time>', joined)


def test_descriptions_sometimes_end_with_blank_line(pages: list[str]) -> None:
    descriptions = []
    for page in pages:
        match = re.search(r'type="text/tawsiyat"> (.*) </script>', page)
        assert match
        descriptions.append(json.loads(match[1])["description"])
    assert {description.endswith("\n\n") for description in descriptions} == {True, False}


def test_drift_changes_layout_and_truth(drifted: Corpus) -> None:
    site = Site(drifted)
    moved = [meta for meta in drifted.metas if meta.drift]
    assert 40 < len(moved) < 140
    page = site.respond(moved[0].path).body.decode()
    assert "tawsiyat" not in page
    assert 'class="article-body-text"' in page
    assert 'class="p-content"' not in page
    truth = drifted.truth(moved[0].index)
    assert truth["post_id"] is None
    assert truth["regions"] == []
