"""``new`` and ``updated``: the same base site with newer articles on top, or a few edited."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from mayadeen_crawler.replica import Corpus, ReplicaServer
from mayadeen_crawler.replica.__main__ import parse_args
from mayadeen_crawler.replica.listing_page import HOME_CARDS
from mayadeen_crawler.replica.routes import Site
from tests.integration.crawl import fetch_json
from tests.replica.contract_reader import read

BASE = 200
NEW = 25
UPDATED = 12
CARD = re.compile(r'<div class="news-card"><a href="([^"]+)"')
LOC = re.compile(r"<url><loc>([^<]+)</loc><lastmod>([^<]+)</lastmod></url>")
# What an edit changes: the time, and the text with what is counted from it.
EDITED_FIELDS = {"modified_at", "body", "word_count", "read_time_minutes", "content_hash"}


@pytest.fixture(scope="module")
def base() -> Corpus:
    return Corpus(seed=4, articles=BASE, drift_rate=0.1)


@pytest.fixture(scope="module")
def grown() -> Corpus:
    return Corpus(seed=4, articles=BASE, drift_rate=0.1, new=NEW)


@pytest.fixture(scope="module")
def edited() -> Corpus:
    return Corpus(seed=4, articles=BASE, drift_rate=0.1, updated=UPDATED)


def _article_part(site: Site, path: str) -> bytes:
    """The page up to the end of the article: head, menus and the article (asides may change)."""
    return site.respond(path).body.split(b"</article>", 1)[0]


def test_base_articles_are_identical_under_new(base: Corpus, grown: Corpus) -> None:
    assert len(grown) == BASE + NEW
    old_site, new_site = Site(base), Site(grown)
    for meta in base.metas:
        moved = grown.metas[meta.index + NEW]
        assert (moved.path, moved.post_id, moved.published) == (meta.path, meta.post_id, meta.published)
        assert grown.truth(moved.index) == base.truth(meta.index)
        assert _article_part(new_site, meta.path) == _article_part(old_site, meta.path)


def test_new_articles_are_newer_unique_and_truthful(base: Corpus, grown: Corpus) -> None:
    newest_base = base.metas[0]
    fresh = grown.metas[:NEW]
    published = [meta.published for meta in fresh]
    assert published == sorted(published, reverse=True)
    assert published[-1] > newest_base.published
    assert min(int(meta.post_id) for meta in fresh) > max(int(meta.post_id) for meta in base.metas)
    assert len({meta.path for meta in grown.metas}) == len(grown)
    assert len({meta.post_id for meta in grown.metas}) == len(grown)
    site = Site(grown)
    for meta in fresh:
        assert read(site.respond(meta.path).body, grown.url(meta.index)) == grown.truth(meta.index)


def test_new_articles_do_not_depend_on_how_many_there_are(grown: Corpus) -> None:
    fewer = Corpus(seed=4, articles=BASE, drift_rate=0.1, new=10)
    assert list(fewer.truths()) == list(grown.truths())[NEW - 10 :]


def test_listings_home_and_sitemaps_show_the_new_ones_first(base: Corpus, grown: Corpus) -> None:
    site = Site(grown)
    fresh = {meta.path for meta in grown.metas[:NEW]}
    home = CARD.findall(site.respond("/").body.decode())
    assert home[: min(NEW, HOME_CARDS)] == [meta.path for meta in grown.metas[: min(NEW, HOME_CARDS)]]
    for path, indices in grown.listings.items():
        news = sum(index < NEW for index in indices)
        cards = CARD.findall(site.respond(path).body.decode())
        assert set(cards[: min(news, 20)]) <= fresh, path
        assert len(indices) == len(base.listings[path]) + news
    locs = [loc for text in _month_sitemaps(site, grown) for loc, _ in LOC.findall(text)]
    assert sorted(locs) == sorted(grown.url(meta.index) for meta in grown.metas)


def _month_sitemaps(site: Site, corpus: Corpus) -> list[str]:
    return [
        site.respond(f"/sitemaps/all/sitemap-{year}-{month}.xml").body.decode()
        for year, month in sorted(corpus.months)
    ]


def test_updated_changes_exactly_k_truths_and_only_what_an_edit_changes(base: Corpus, edited: Corpus) -> None:
    changed = [meta.index for meta in base.metas if base.truth(meta.index) != edited.truth(meta.index)]
    assert changed == edited.edited_indices()
    assert len(changed) == UPDATED
    for index in changed:
        before, after = base.truth(index), edited.truth(index)
        assert {name for name in after if after[name] != before[name]} >= {"modified_at", "body"}
        assert {name for name in after if after[name] != before[name]} <= EDITED_FIELDS
        assert datetime.fromisoformat(after["modified_at"]) > datetime.fromisoformat(before["modified_at"])


def test_an_edited_page_says_what_its_truth_says(edited: Corpus) -> None:
    site = Site(edited)
    lastmods = {loc: mod for text in _month_sitemaps(site, edited) for loc, mod in LOC.findall(text)}
    for index in edited.edited_indices():
        meta, truth = edited.metas[index], edited.truth(index)
        page = site.respond(meta.path).body
        got = read(page, edited.url(index))
        assert got is not None
        assert {name: got[name] for name in truth} == truth, meta.path
        assert f'"article:modified_time" content="{truth["modified_at"]}"'.encode() in page
        assert lastmods[truth["url"]] == truth["modified_at"]


def test_updated_chooses_a_growing_set_and_leaves_other_pages_alone(base: Corpus, edited: Corpus) -> None:
    assert set(Corpus(seed=4, articles=BASE, updated=5).edited_indices()) < set(edited.edited_indices())
    untouched = [meta for meta in base.metas if meta.index not in edited.edited_indices()]
    old_site, new_site = Site(base), Site(edited)
    for meta in untouched[:: len(untouched) // 20]:
        assert new_site.respond(meta.path).body == old_site.respond(meta.path).body


def test_new_and_updated_together_keep_the_rest_of_the_base(base: Corpus) -> None:
    both = Corpus(seed=4, articles=BASE, drift_rate=0.1, new=NEW, updated=UPDATED)
    edited_ranks = {index - NEW for index in both.edited_indices()}
    assert len(edited_ranks) == UPDATED
    assert min(edited_ranks) >= 0
    for meta in base.metas:
        same = both.truth(meta.index + NEW) == base.truth(meta.index)
        assert same is (meta.index not in edited_ranks), meta.path


@pytest.mark.parametrize(("new", "updated"), [(-1, 0), (0, BASE + 1), (0, -2)])
def test_bad_counts_are_refused(new: int, updated: int) -> None:
    with pytest.raises(ValueError, match="new must be"):
        Corpus(seed=1, articles=BASE, new=new, updated=updated)


def test_the_command_line_and_info_carry_the_switches() -> None:
    args = parse_args(["--articles", "40", "--new", "3", "--updated", "2"])
    assert (args.new, args.updated) == (3, 2)
    with ReplicaServer(seed=3, articles=args.articles, new=args.new, updated=args.updated) as server:
        info = fetch_json(f"{server.base_url}/_replica/info.json")
        truth = fetch_json(f"{server.base_url}/_replica/truth.json")
    assert (info["articles"], info["base_articles"], info["new"], info["updated"]) == (43, 40, 3, 2)
    assert len(truth) == 43
