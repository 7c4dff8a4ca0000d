"""The expected output line of an article, from the corpus's own data (contract section 1)."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from .beirut import iso
from .blocks import clean
from .menus import CATEGORY_SECTION, section_of_path

if TYPE_CHECKING:
    from .corpus import Corpus
    from .meta import ArticleMeta

_CATEGORY_LABELS = {label.lower(): label for label in CATEGORY_SECTION}


def article_truth(corpus: Corpus, index: int) -> dict[str, Any]:
    """Every field of contract section 1 except ``crawled_at``."""
    meta = corpus.metas[index]
    body = corpus.body(index)
    section, category = section_and_category(meta)
    image_url = corpus.image_url(index)
    return {
        "schema_version": 1,
        "url": corpus.url(index),
        "post_id": None if meta.drift else meta.post_id,
        "title": meta.title,
        "summary": clean(body.description) or None,
        "body": body.text,
        "authors": split_authors(meta.byline),
        "source": meta.source,
        "published_at": iso(meta.published),
        "modified_at": iso(meta.updated),
        "section": section,
        "category": category,
        "regions": [] if meta.drift else list(meta.regions),
        "tags": meta.tags,
        "image": {"url": image_url, "caption": body.caption} if image_url else None,
        "read_time_minutes": body.read_time if meta.has_read_time else None,
        "word_count": body.word_count,
        "language": "en",
        "type": meta.posttype,
        "related_urls": [corpus.url(target) for target in body.related_targets],
        "content_hash": content_hash(meta.title, body.text),
    }


def section_and_category(meta: ArticleMeta) -> tuple[str | None, str | None]:
    """Contract section 4: from tawsiyat ``category`` and the menu, else the URL rule."""
    if meta.drift or meta.category_value is None:
        return section_of_path(meta.path)
    label = _CATEGORY_LABELS.get(meta.category_value.lower())
    if label is None:
        return section_of_path(meta.path)[0], meta.category_value
    return CATEGORY_SECTION[label].label, label


def split_authors(byline: str) -> list[str]:
    """``A, B and C`` -> ``[A, B, C]``."""
    names: list[str] = []
    for part in byline.split(", "):
        names.extend(name for name in part.split(" and ") if name)
    return names


def content_hash(title: str, body: str) -> str:
    """sha256 hex of ``title + "\\n\\n" + body``."""
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()
