"""Builds one article's metadata from (seed, rank): unique slug, dates, people, classes.

An article is generated from its *rank* in the base corpus of ``count`` articles: 0 is
the newest base article, ``count - 1`` the oldest. The ``--new K`` articles published
after the base corpus get ranks ``-1`` (the first one published) to ``-K`` (the newest),
so neither the base articles nor the earlier new ones depend on how many new ones there are.
Its place in the corpus (``index``, newest first) is ``newer + rank``.
"""

from __future__ import annotations

import hashlib
import random

from . import vocab
from .beirut import REFERENCE
from .menus import CATEGORY_PATH
from .meta import (
    SPAN_SECONDS,
    ArticleMeta,
    Draft,
    choose_authors,
    choose_countries,
    choose_keywords,
    draft,
    listing_path_of,
    video_duration,
)
from .picks import between, pick
from .slugs import slugify
from .titles import disambiguate

MAX_ARTICLES = 1_000_000
NEW_GAP_SECONDS = 900  # the new articles appear one every 15 minutes after REFERENCE
_NEW_JITTER_SECONDS = 600
_NEW_KEYS = 2**64  # key space of the new articles, apart from every base key
# Slugs that would shadow a listing under /articles/{slug}.
_RESERVED = frozenset({"opinion", "analysis", "blog", "features"})


def seed_key(seed: int, rank: int) -> int:
    """The integer that seeds the metadata generator of article ``rank`` (body uses key + 1)."""
    if rank < 0:
        return _NEW_KEYS + (abs(seed) * MAX_ARTICLES - rank) * 2
    return (abs(seed) * MAX_ARTICLES + rank) * 2


def unit_hash(*parts: object) -> float:
    """A deterministic number in [0, 1) from ``parts``."""
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2.0**64


def build_meta(
    seed: int, rank: int, count: int, taken: set[str], drift_rate: float, newer: int = 0
) -> ArticleMeta:
    """Metadata of article ``rank`` of a base corpus of ``count`` with ``newer`` new articles on top."""
    key = seed_key(seed, rank)
    rng = random.Random(key)
    published = _published(rng, rank, count)
    plan = draft(rng, published)
    title, path = _unique(plan, taken)
    authors = choose_authors(rng, plan.section, plan.category)
    countries, regions = choose_countries(rng)
    has_image = rng.random() < 0.9
    return ArticleMeta(
        index=newer + rank,
        key=key,
        post_id=str(1_000_000 + 7 * (count - 1 - rank) + between(rng, 0, 6)),
        section=plan.section,
        category=plan.category,
        category_value=plan.category_value,
        path=path,
        listing_path=listing_path_of(plan.section, plan.category),
        title=title + plan.title_suffix,
        published=published,
        updated=published + (between(rng, 600, 5 * 86400) if rng.random() < 0.35 else 0),
        authors=authors,
        source=_source(rng, plan),
        country_values=countries,
        regions=regions,
        coverage=pick(rng, tuple(vocab.COVERAGES)) if rng.random() < 0.2 else None,
        keywords=choose_keywords(rng),
        has_image=has_image,
        has_caption=has_image and rng.random() < 0.8,
        has_read_time=rng.random() < 0.92,
        omit_year=rng.random() < 0.5,
        description_newlines=rng.random() < 0.3,
        video_duration=video_duration(rng, plan.section),
        drift=drift_rate > 0 and unit_hash("drift", seed, rank) < drift_rate,
    )


def _published(rng: random.Random, rank: int, count: int) -> int:
    """Base articles spread over the two years before REFERENCE; new ones after it, in order."""
    if rank < 0:
        return REFERENCE + (-rank - 1) * NEW_GAP_SECONDS + int(rng.random() * _NEW_JITTER_SECONDS)
    slot = SPAN_SECONDS / count
    return int(REFERENCE - (rank + rng.random()) * slot) - 60


def _source(rng: random.Random, plan: Draft) -> str | None:
    chance = 0.45 if plan.section.posttype == "News" else 0.1
    return pick(rng, vocab.SOURCES) if rng.random() < chance else None


def _unique(plan: Draft, taken: set[str]) -> tuple[str, str]:
    """Title and URL path with a slug no other article has."""
    title = plan.title
    attempt = 0
    slug = slugify(title, keep_colon=plan.keep_colon)
    while slug in taken or slug in _RESERVED:
        title = disambiguate(plan.title, attempt)
        slug = slugify(title, keep_colon=plan.keep_colon)
        attempt += 1
    taken.add(slug)
    return title, _path(plan, slug)


def _path(plan: Draft, slug: str) -> str:
    if plan.bare_path or plan.category is None:
        return f"{plan.section.path}/{slug}"
    return f"{CATEGORY_PATH[plan.category]}/{slug}"
