"""Builds one article's metadata from (seed, index): unique slug, dates, people, classes."""

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
# Slugs that would shadow a listing under /articles/{slug}.
_RESERVED = frozenset({"opinion", "analysis", "blog", "features"})


def seed_key(seed: int, index: int) -> int:
    """The integer that seeds article ``index``'s metadata generator (body uses key + 1)."""
    return (abs(seed) * MAX_ARTICLES + index) * 2


def unit_hash(*parts: object) -> float:
    """A deterministic number in [0, 1) from ``parts``."""
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2.0**64


def build_meta(seed: int, index: int, count: int, taken: set[str], drift_rate: float) -> ArticleMeta:
    """Metadata of article ``index`` (0 is the newest) of a corpus of ``count``."""
    rng = random.Random(seed_key(seed, index))
    slot = SPAN_SECONDS / count
    published = int(REFERENCE - (index + rng.random()) * slot) - 60
    plan = draft(rng, published)
    title, path = _unique(plan, taken)
    authors = choose_authors(rng, plan.section, plan.category)
    countries, regions = choose_countries(rng)
    has_image = rng.random() < 0.9
    return ArticleMeta(
        index=index,
        post_id=str(1_000_000 + 7 * (count - 1 - index) + between(rng, 0, 6)),
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
        drift=drift_rate > 0 and unit_hash("drift", seed, index) < drift_rate,
    )


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
