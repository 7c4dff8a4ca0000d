"""Light per-article metadata and the draws that make it (one ``random.Random`` per article)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import vocab
from .beirut import HOUR, REFERENCE
from .menus import ARTICLES, CATEGORY_PATH, IN_PICTURES, INFOGRAPHS, NEWS, REGIONS, VIDEOS, Section
from .picks import Weighted, between, distinct, pick
from .titles import make_title

SPAN_SECONDS = 730 * 24 * HOUR  # items spread over two years before REFERENCE
OLD_SLUG_BEFORE = REFERENCE - 365 * 24 * HOUR  # older items may keep ':' in the slug
_REGION_LABELS = {item.label.lower(): item.label for item in REGIONS}
_SECTIONS = Weighted((NEWS, ARTICLES, VIDEOS, INFOGRAPHS, IN_PICTURES), (56, 22, 11, 5, 6))
_CATEGORIES = {
    NEWS.label: Weighted([item.label for item in NEWS.categories], (40, 10, 8, 6, 6, 6, 6, 6)),
    ARTICLES.label: Weighted([item.label for item in ARTICLES.categories], (40, 25, 20, 15)),
    VIDEOS.label: Weighted([item.label for item in VIDEOS.categories], (1, 1, 1, 1, 1)),
}
_REGION_COUNT = Weighted((0, 1, 2), (30, 50, 20))
_EDITS = (", sources say", " (updated)", " amid protests")


@dataclass(frozen=True, slots=True)
class Draft:
    """What an article is before its slug is made unique."""

    section: Section
    category: str | None
    category_value: str | None
    bare_path: bool
    keep_colon: bool
    title: str
    title_suffix: str


@dataclass(slots=True)
class ArticleMeta:
    """Everything about an article except its text."""

    index: int  # place in the corpus, 0 is the newest
    key: int  # seed of the metadata generator; the body's is key + 1
    post_id: str
    section: Section
    category: str | None  # menu label, None for sections without sub-menu
    category_value: str | None  # tawsiyat ``category`` value as published
    path: str
    listing_path: str
    title: str
    published: int
    updated: int
    authors: tuple[str, ...]
    source: str | None
    country_values: tuple[str, ...]  # tawsiyat ``country`` values in order
    regions: tuple[str, ...]  # menu labels of the region values, deduplicated
    coverage: str | None
    keywords: str
    has_image: bool
    has_caption: bool
    has_read_time: bool
    omit_year: bool
    description_newlines: bool
    video_duration: str | None
    drift: bool = False
    edited: bool = False  # ``--updated``: edited after publication (a body paragraph changed)

    @property
    def posttype(self) -> str:
        """tawsiyat ``posttype`` value."""
        return self.section.posttype

    @property
    def tags(self) -> list[str]:
        """Keywords split on ``,``, stripped, empties dropped, deduplicated in order."""
        return split_keywords(self.keywords)

    @property
    def byline(self) -> str:
        """``A``, ``A and B`` or ``A, B and C``."""
        if len(self.authors) == 1:
            return self.authors[0]
        return ", ".join(self.authors[:-1]) + " and " + self.authors[-1]


def split_keywords(keywords: str) -> list[str]:
    """Split on ``,``, strip, drop empties, dedupe keeping first-seen order."""
    tags: list[str] = []
    for keyword in (part.strip() for part in keywords.split(",")):
        if keyword and keyword not in tags:
            tags.append(keyword)
    return tags


def draft(rng: random.Random, published: int) -> Draft:
    """Choose section, category, URL style and title."""
    section = _SECTIONS.draw(rng)
    chooser = _CATEGORIES.get(section.label)
    category = chooser.draw(rng) if chooser else None
    value = category.lower() if category is not None and rng.random() < 0.03 else category
    bare = section is ARTICLES and rng.random() < 0.12
    keep_colon = published < OLD_SLUG_BEFORE and rng.random() < 0.5
    title = make_title(rng)
    suffix = pick(rng, _EDITS) if rng.random() < 0.03 else ""
    return Draft(section, category, value, bare, keep_colon, title, suffix)


def listing_path_of(section: Section, category: str | None) -> str:
    """The category listing an item is first listed in."""
    return CATEGORY_PATH[category] if category else section.path


def choose_authors(rng: random.Random, section: Section, category: str | None) -> tuple[str, ...]:
    """News desk for most news, named writers (one to three) for opinion pieces."""
    named = section is ARTICLES and (category != "Features" or rng.random() < 0.5)
    if not named and not (section is NEWS and rng.random() < 0.06):
        return (vocab.DESK,)
    roll = rng.random()
    count = 3 if roll < 0.04 else 2 if roll < 0.14 else 1
    return tuple(distinct(rng, vocab.AUTHORS, count))


def choose_countries(rng: random.Random) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """tawsiyat ``country`` values (regions, some odd-cased, plus countries) and the truth regions."""
    values = [item.label for item in distinct(rng, REGIONS, _REGION_COUNT.draw(rng))]
    if values and rng.random() < 0.05:
        values[0] = values[0].lower() if rng.random() < 0.5 else values[0].title()
    if values and rng.random() < 0.03:
        values.append(values[0])
    if rng.random() < 0.25:
        values.insert(between(rng, 0, len(values)), pick(rng, vocab.COUNTRIES))
    return tuple(values), regions_of(values)


def regions_of(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Region menu labels among ``values``, case-insensitively, first-seen order."""
    found: list[str] = []
    for value in values:
        label = _REGION_LABELS.get(value.lower())
        if label is not None and label not in found:
            found.append(label)
    return tuple(found)


def choose_keywords(rng: random.Random) -> str:
    """A keyword string, sometimes with repeats, empty entries or nothing at all."""
    if rng.random() < 0.02:
        return ""
    words = distinct(rng, vocab.KEYWORDS, between(rng, 2, 6))
    if rng.random() < 0.3:
        words.insert(between(rng, 1, len(words)), pick(rng, words))
    text = ", ".join(words)
    if rng.random() < 0.05:
        text = text.replace(", ", ",, ", 1) + ","
    return text


def video_duration(rng: random.Random, section: Section) -> str | None:
    """``MM:SS`` for videos, None otherwise."""
    if section is not VIDEOS:
        return None
    return f"{between(rng, 0, 14):02d}:{between(rng, 0, 59):02d}"
