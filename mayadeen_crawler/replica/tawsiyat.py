"""The ``tawsiyat-metadata`` JSON block of an article page (spec section 3.1)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .beirut import iso

if TYPE_CHECKING:
    from .blocks import Body
    from .meta import ArticleMeta


def classes(meta: ArticleMeta) -> list[dict[str, str]]:
    """``{key, mapping, value}`` entries: posttype, category, countries, coverage, authors."""
    pairs = [("posttype", meta.posttype)]
    if meta.category_value is not None:
        pairs.append(("category", meta.category_value))
    pairs.extend(("country", value) for value in meta.country_values)
    if meta.coverage is not None:
        pairs.append(("coverage", meta.coverage))
    pairs.extend(("author", name) for name in meta.authors)
    return [
        {"key": f"class{number}", "mapping": mapping, "value": value}
        for number, (mapping, value) in enumerate(pairs, start=1)
    ]


def article_metadata(meta: ArticleMeta, body: Body, url: str, image: str | None) -> dict[str, Any]:
    """The JSON object as the CMS publishes it."""
    return {
        "postid": meta.post_id,
        "type": "article",
        "title": meta.title,
        "url": url,
        "keywords": meta.keywords,
        "thumbnail": image or "",
        "video_duration": meta.video_duration,
        "word_count": str(body.word_count),
        "lang": "en",
        "published_time": iso(meta.published),
        "last_updated": iso(meta.updated),
        "description": body.description + ("\n\n" if meta.description_newlines else ""),
        "author": meta.byline,
        "classes": classes(meta),
    }


def page_metadata(title: str, url: str) -> dict[str, Any]:
    """The JSON object of a non-post page (``"type": "page"``)."""
    return {"postid": "", "type": "page", "title": title, "url": url, "keywords": "", "lang": "en"}


def script(data: dict[str, Any]) -> str:
    """The ``<script id="tawsiyat-metadata">`` element (``</`` escaped for the HTML parser)."""
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script id="tawsiyat-metadata" type="text/tawsiyat"> {text} </script>\n'
