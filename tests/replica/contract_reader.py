"""A minimal, independent reader of contract.md section 1 (lxml), used only to cross-check truth.

It is deliberately written from the contract text, not from the replica's code, so that a
test comparing its output with ``Corpus.truth`` checks the rendered HTML against the truth.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html
from lxml.etree import _Element

BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6"}
SKIP_TEXT = {"script", "style"}
SECTION_TYPES = {"News": "News", "Articles": "Article", "Videos": "Video", "Infographs": "Infograph"}
SECTION_TYPES["In Pictures"] = "Gallery"
READ_TIME = re.compile(r"(\d+)\s*Min Read", re.IGNORECASE)


def clean(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def raw_text(element: _Element) -> str:
    parts: list[str] = []

    def walk(node: _Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "br":
            parts.append(" ")
        elif tag not in SKIP_TEXT:
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if node is not element:
            parts.append(node.tail or "")

    walk(element)
    return "".join(parts)


def excluded(element: _Element) -> bool:
    classes = set((element.get("class") or "").split())
    if element.tag in {"figure", "script", "style", "iframe"}:
        return True
    if classes & {"related-news", "twitter-tweet", "tags", "share"}:
        return True
    headings = [child for child in element if child.tag in {"h2", "h3", "h4", "h5", "h6"}]
    return bool(headings) and clean(raw_text(headings[0])) == "Related News"


def body_blocks(container: _Element) -> list[str]:
    texts: list[str] = []

    def walk(node: _Element) -> None:
        for child in node:
            if not isinstance(child.tag, str) or excluded(child):
                continue
            if child.tag in BLOCKS:
                text = clean(raw_text(child))
                if text:
                    texts.append(text)
            else:
                walk(child)

    walk(container)
    return texts


def fallback_container(article: _Element) -> _Element | None:
    best: tuple[int, _Element | None] = (0, None)
    for element in article.iter():
        if element is article or not isinstance(element.tag, str) or _inside_excluded(element, article):
            continue
        blocks = [child for child in element if child.tag in BLOCKS]
        if not blocks or excluded(element):
            continue
        score = sum(len(clean(raw_text(block))) for block in blocks)
        if score > best[0]:
            best = (score, element)
    return best[1]


def _inside_excluded(element: _Element, stop: _Element) -> bool:
    node = element.getparent()
    while node is not None and node is not stop:
        if excluded(node):
            return True
        node = node.getparent()
    return False


def menu(doc: _Element) -> tuple[dict[str, str], dict[str, tuple[str, str | None]]]:
    """(sub label lower -> top label, href path -> (top, sub)) from nav.main-menu."""
    subs: dict[str, str] = {}
    paths: dict[str, tuple[str, str | None]] = {}
    for item in doc.xpath('//nav[contains(concat(" ", @class, " "), " main-menu ")]/ul/li'):
        top = item.find("a")
        paths[top.get("href")] = (clean(raw_text(top)), None)
        for sub in item.xpath('ul[@class="sub-menu"]/li/a'):
            subs[clean(raw_text(sub)).lower()] = clean(raw_text(top))
            paths[sub.get("href")] = (clean(raw_text(top)), clean(raw_text(sub)))
    return subs, paths


def url_rule(url: str, paths: dict[str, tuple[str, str | None]]) -> tuple[str | None, str | None]:
    segments = [part for part in urlsplit(url).path.split("/") if part]
    best: tuple[int, str | None, str | None] = (0, None, None)
    for href, (top, sub) in paths.items():
        href_segments = [part for part in href.split("/") if part]
        if len(href_segments) > best[0] and segments[: len(href_segments)] == href_segments:
            best = (len(href_segments), top, sub)
    return best[1], best[2]


def first(*values: Any) -> Any:
    for value in values:
        if value:
            return value
    return None


def meta(doc: _Element, attribute: str, name: str) -> str | None:
    found = doc.xpath(f'//meta[@{attribute}="{name}"]/@content')
    return str(found[0]) if found else None


def split_list(text: str, separators: tuple[str, ...]) -> list[str]:
    items = [text]
    for separator in separators:
        items = [piece for item in items for piece in item.split(separator)]
    return items


def read(page: bytes, page_url: str) -> dict[str, Any] | None:
    """The output line (without crawled_at) of an article page, None for non-articles."""
    doc = html.document_fromstring(page, parser=html.HTMLParser(encoding="utf-8"))
    script = doc.xpath('//script[@id="tawsiyat-metadata"]/text()')
    taw: dict[str, Any] = json.loads(script[0]) if script else {}
    article = (doc.xpath('//article[contains(@class, "article-details")]') or [None])[0]
    if (taw and taw.get("type") != "article") or (not taw and article is None):
        return None
    classes = taw.get("classes", [])
    canonical = doc.xpath('//link[@rel="canonical"]/@href')
    url = urljoin(page_url, first(taw.get("url"), canonical[0] if canonical else None, page_url))
    title = first(taw.get("title"), meta(doc, "property", "og:title"))
    container = (article.xpath('.//div[contains(concat(" ", @class, " "), " p-content ")]') or [None])[0]
    if container is None:
        container = fallback_container(article)
    blocks = body_blocks(container)
    body = "\n\n".join(blocks)
    byline = first(taw.get("author"), meta(doc, "name", "author")) or ""
    authors = [name.removeprefix("By ").strip() for name in split_list(byline, (", ", " and "))]
    source_el = article.xpath('.//li[@class="source"]')
    source = clean(raw_text(source_el[0])).removeprefix("Source:").strip() if source_el else None
    subs, paths = menu(doc)
    category_value = next((c["value"] for c in classes if c["mapping"] == "category"), None)
    section: str | None
    category: str | None
    if category_value and category_value.lower() in subs:
        section = subs[category_value.lower()]
        sub_labels = {label.lower(): label for _, label in paths.values() if label}
        category = sub_labels[category_value.lower()]
    else:
        section, category = url_rule(url, paths)
        if category_value:
            category = category_value
    region_labels = {
        clean(raw_text(a)).lower(): clean(raw_text(a)) for a in doc.xpath('//nav[@class="region-menu"]//a')
    }
    regions: list[str] = []
    for entry in classes:
        label = region_labels.get(str(entry["value"]).lower()) if entry["mapping"] == "country" else None
        if label and label not in regions:
            regions.append(label)
    keywords = first(taw.get("keywords"), meta(doc, "name", "keywords"))
    if keywords:
        raw_tags = [part.strip() for part in keywords.split(",")]
    else:
        raw_tags = [clean(raw_text(a)) for a in article.xpath('.//ul[@class="tags"]//a')]
    tags = list(dict.fromkeys(tag for tag in raw_tags if tag))
    figure_img = article.xpath('.//figure[contains(@class, "main-image")]//img/@src')
    image_url = first(
        taw.get("thumbnail"), meta(doc, "property", "og:image"), figure_img[0] if figure_img else None
    )
    captions = article.xpath('.//figure[contains(@class, "main-image")]/figcaption')
    caption = clean(raw_text(captions[0])) if captions else None
    read_match = READ_TIME.search(clean(raw_text(article)))
    posttype = next((c["value"] for c in classes if c["mapping"] == "posttype"), None)
    related: list[str] = []
    for box in container.xpath('.//*[contains(concat(" ", @class, " "), " related-news ")]'):
        for href in box.xpath(".//a/@href"):
            absolute = urljoin(url, href)
            if absolute not in related:
                related.append(absolute)
    summary = first(taw.get("description"), meta(doc, "property", "og:description"))
    return {
        "schema_version": 1,
        "url": url,
        "post_id": taw.get("postid") or None,
        "title": title,
        "summary": clean(summary) if summary else None,
        "body": body,
        "authors": [name for name in authors if name],
        "source": source or None,
        "published_at": first(taw.get("published_time"), meta(doc, "property", "article:published_time")),
        "modified_at": first(taw.get("last_updated"), meta(doc, "property", "article:modified_time")),
        "section": section,
        "category": category,
        "regions": regions,
        "tags": tags,
        "image": {"url": urljoin(url, image_url), "caption": caption or None} if image_url else None,
        "read_time_minutes": int(read_match[1]) if read_match else None,
        "word_count": int(taw["word_count"]) if taw.get("word_count") else len(body.split()),
        "language": taw.get("lang") or doc.get("lang", "en").split("-")[0].lower(),
        "type": posttype or SECTION_TYPES.get(section or "", "Article"),
        "related_urls": related,
        "content_hash": hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest(),
    }
