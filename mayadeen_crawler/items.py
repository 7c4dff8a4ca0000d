"""The typed output item: one article, one JSON line (see schema/article.schema.json)."""

from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA_VERSION = 1


@dataclass
class ArticleImage:
    """The article's main image as published."""

    url: str
    caption: str | None = None


@dataclass
class ArticleItem:
    """An article page, read field by field as docs/contract.md fixes."""

    url: str
    title: str
    body: str
    post_id: str | None = None
    summary: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    published_at: str | None = None
    modified_at: str | None = None
    section: str | None = None
    category: str | None = None
    regions: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    image: dict[str, str | None] | None = None
    read_time_minutes: int | None = None
    word_count: int = 0
    language: str = "en"
    type: str = "Article"
    related_urls: list[str] = field(default_factory=list)
    crawled_at: str | None = None
    content_hash: str | None = None
    version: int = 1
    schema_version: int = SCHEMA_VERSION


# The order of keys in every exported line; FEEDS uses it as its `fields` list.
EXPORT_FIELDS: tuple[str, ...] = (
    "schema_version",
    "url",
    "post_id",
    "title",
    "summary",
    "body",
    "authors",
    "source",
    "published_at",
    "modified_at",
    "section",
    "category",
    "regions",
    "tags",
    "image",
    "read_time_minutes",
    "word_count",
    "language",
    "type",
    "related_urls",
    "crawled_at",
    "content_hash",
    "version",
)
