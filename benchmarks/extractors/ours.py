"""Runner for this project: ``ArticleParser().parse(html, url)`` then ``clean_article``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parents[2])]

from _runner import run

from mayadeen_crawler.cleaning import clean_article
from mayadeen_crawler.parsers.article import ArticleParser

PARSER = ArticleParser()


def extract(html: str, url: str) -> dict[str, Any]:
    result = PARSER.parse(html, url)
    if result.item is None:
        raise ValueError(f"skipped: {result.skip_reason}")
    item = clean_article(result.item)
    return {
        "title": item.title,
        "authors": item.authors,
        "published_at": item.published_at,
        "body": item.body,
        "tags": item.tags,
    }


if __name__ == "__main__":
    run("mayadeen_crawler", "this commit", extract)
