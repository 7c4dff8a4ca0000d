"""Runner for newspaper4k (``Article.download(input_html=...)`` + ``parse()``, no NLP step)."""

from __future__ import annotations

from typing import Any

import newspaper
from _runner import run
from newspaper import Article


def extract(html: str, url: str) -> dict[str, Any]:
    article = Article(url, fetch_images=False)
    article.download(input_html=html)
    article.parse()
    published = article.publish_date.isoformat() if article.publish_date else None
    return {
        "title": article.title,
        "authors": list(article.authors),
        "published_at": published,
        "body": article.text,
        "tags": list(article.tags or ()) or list(article.meta_keywords or ()),
    }


if __name__ == "__main__":
    run("newspaper4k", newspaper.__version__, extract)
