"""Runner for news-please (``NewsPlease.from_html``; it offers no tags)."""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from _runner import run
from newsplease import NewsPlease


def extract(html: str, url: str) -> dict[str, Any]:
    article = NewsPlease.from_html(html, url=url, fetch_images=False)
    published = article.date_publish.isoformat() if article.date_publish else None
    return {
        "title": article.title,
        "authors": list(article.authors or []),
        "published_at": published,
        "body": article.maintext or "",
    }


if __name__ == "__main__":
    run("news-please", version("news-please"), extract)
