"""The article body and its Related News links (docs/contract.md, section 3).

Body container: ``div.p-content`` inside the article; without it, the element inside the
article whose direct-child paragraphs and sub-headings hold the most text. Blocks are the
container's ``p``/``h2``-``h6`` in document order (a nested block counts once), minus
Related News boxes, tweets, figures, scripts and other boilerplate; joined by a blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from mayadeen_crawler.cleaning import dedupe_keep_order, element_text
from mayadeen_crawler.parsers._dom import (
    ClassIndex,
    Element,
    absolute_url,
    compile_xpath,
    first,
    is_inside,
    normalize_space,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

BLOCK_TAG_NAMES = ("p", "h2", "h3", "h4", "h5", "h6")
BLOCK_TAGS = frozenset(BLOCK_TAG_NAMES)
# Contract section 3 exclusions, plus page furniture that must never count as body.
EXCLUDED_TAGS = frozenset(
    {"script", "style", "iframe", "figure", "noscript", "template", "aside", "nav", "footer", "header",
     "form", "button", "svg", "select"}
)  # fmt: skip
EXCLUDED_CLASSES = frozenset(
    {"related-news", "twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed", "tags", "share",
     "lg_para", "breaking", "ticker", "most-read", "read-next", "coverage-box", "main-menu", "region-menu",
     "site-footer"}
)  # fmt: skip
# An embedded post without its class (a CMS may strip it): a blockquote that links to the post
# itself, as every embed code of these networks ends with; a quote that cites a page is kept.
_EMBEDDED_POST_LINK = re.compile(
    r"https?://(?:www\.|mobile\.)?(?:twitter\.com|x\.com)/\w+/status(?:es)?/\d"
    r"|https?://(?:www\.)?instagram\.com/(?:p|reel|tv)/"
    r"|https?://(?:www\.)?tiktok\.com/@[^/]+/video/\d",
    re.IGNORECASE,
)
RELATED_HEADING = "related news"
LINK_DENSITY = 0.6

HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_HEADING_TEST = " or ".join(f"self::{tag}" for tag in HEADING_TAGS)
_RELATED_LOWER = str.maketrans("RELATEDNWS", "relatednws")  # XPath's translate(), as the contract reads it
_FIRST_HEADING = compile_xpath(f"(.//*[{_HEADING_TEST}])[1]")


@dataclass
class Body:
    """What the body container yields."""

    text: str = ""
    related_urls: list[str] = field(default_factory=list)
    container: Element | None = None
    fallback: bool = False


class _Exclusions:
    """The skip test for one scope: boilerplate tags/classes plus its Related News boxes."""

    def __init__(self, scope: Element, classes: ClassIndex) -> None:
        self.boxes = related_boxes(scope, classes)
        self._box_set = set(self.boxes)

    def __call__(self, element: Element) -> bool:
        if element.tag in EXCLUDED_TAGS or (self._box_set and element in self._box_set):
            return True
        value = element.get("class")  # class_tokens(), without a list for class-less elements
        if value and not EXCLUDED_CLASSES.isdisjoint(value.split()):
            return True
        return element.tag == "blockquote" and is_embedded_post(element)


def is_embedded_post(blockquote: Element) -> bool:
    """A blockquote that is a tweet, Instagram or TikTok embed: it links to the post itself."""
    return any(_EMBEDDED_POST_LINK.match(link.get("href") or "") for link in blockquote.iter("a"))


def related_boxes(scope: Element, classes: ClassIndex) -> list[Element]:
    """``.related-news`` elements, and boxes whose first heading reads ``Related News``.

    ``classes`` indexes ``scope`` or an element that holds it.
    """
    boxes: list[Element] = list(classes.find_under("related-news", scope))
    for heading in _related_headings(scope):
        if not any(is_inside(heading, box) for box in boxes):
            boxes.append(_box_of(heading, scope))
    return boxes


def _reads_related(text: str) -> bool:
    # the length first: translate() is slow on non-ASCII text
    return len(text) == len(RELATED_HEADING) and text.translate(_RELATED_LOWER) == RELATED_HEADING


def _string_value(element: Element) -> str:
    """XPath's string value of an element: its descendant text nodes joined (not comments)."""
    if not len(element):  # no child nodes at all: its own text is all of it
        return element.text or ""
    text: str = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    return text


def _related_headings(scope: Element) -> list[Element]:
    """Headings below scope whose text (XPath string value, whitespace normalised, the
    letters of ``RELATED NEWS`` lower-cased) reads ``related news``."""
    return [
        heading
        for heading in scope.iterdescendants(*HEADING_TAGS)
        if _reads_related(normalize_space(_string_value(heading)))
    ]


def _link_share(element: Element, heading: Element) -> float:
    total = len(element_text(element)) - len(element_text(heading))
    linked = sum(len(element_text(link)) for link in element.iter("a"))
    return linked / total if total > 0 else 1.0


def _box_of(heading: Element, scope: Element) -> Element:
    """The largest ancestor (below scope) that starts with this heading and is mostly links."""
    box, parent = heading, heading.getparent()
    while (
        parent is not None
        and parent is not scope
        and first(_FIRST_HEADING(parent)) is heading
        and _link_share(parent, heading) >= LINK_DENSITY
    ):
        box, parent = parent, parent.getparent()
    return box


def iter_blocks(container: Element, skip: _Exclusions) -> Iterator[Element]:
    """Block elements of a container in document order; excluded subtrees and nested
    blocks skipped.

    The candidates come from lxml's tag scan; one is kept unless it, or an element between
    it and the container, is excluded or a block itself (what a walk that skips excluded
    and block subtrees would reach).
    """
    verdicts: dict[Element, bool] = {}  # ancestor -> "blocks below it are cut off"
    for block in container.iterdescendants(*BLOCK_TAG_NAMES):
        if skip(block):
            continue
        parent = block.getparent()
        while parent is not container and parent is not None:
            cut = verdicts.get(parent)
            if cut is None:
                cut = verdicts[parent] = parent.tag in BLOCK_TAGS or skip(parent)
            if cut:
                break
            parent = parent.getparent()
        else:
            yield block


def _texts(container: Element, skip: _Exclusions) -> list[str]:
    texts = (element_text(block, skip) for block in iter_blocks(container, skip))
    return [text for text in texts if text]


def best_container(root: Element, skip: _Exclusions) -> Element | None:
    """The element inside root whose direct-child blocks hold the most text (ties: first)."""
    scores: dict[Element, int] = {}
    order: dict[Element, int] = {}
    walker = etree.iterwalk(root, events=("start",))
    for position, (_, element) in enumerate(walker):
        if element is root:
            continue
        if not isinstance(element.tag, str) or skip(element):
            walker.skip_subtree()
            continue
        order[element] = position
        if element.tag in BLOCK_TAGS:
            walker.skip_subtree()
            parent = element.getparent()
            if parent is not root and parent is not None:
                scores[parent] = scores.get(parent, 0) + len(element_text(element, skip))
    ranked = [(score, -order[el], el) for el, score in scores.items() if score > 0]
    return max(ranked, key=lambda entry: entry[:2])[2] if ranked else None


def _related_urls(container: Element, skip: _Exclusions, base_url: str) -> list[str]:
    boxes = (box for box in skip.boxes if is_inside(box, container))
    hrefs = (link.get("href") for box in boxes for link in box.iterdescendants("a"))  # .//a[@href]
    urls = (absolute_url(base_url, href) for href in hrefs if href is not None)
    return dedupe_keep_order(url for url in urls if url)


def _read(container: Element, skip: _Exclusions, base_url: str, *, fallback: bool) -> Body:
    texts = _texts(container, skip)
    if not texts:
        return Body(container=container, fallback=fallback)
    related = _related_urls(container, skip, base_url)
    return Body("\n\n".join(texts), related, container, fallback)


def extract_body(root: Element, base_url: str, classes: ClassIndex | None = None) -> Body:
    """The body of the article rooted at ``root`` (``div.p-content`` first, then fallback).

    ``classes``: the class index of ``root``, when the caller already has it.
    """
    if classes is None or classes.scope is not root:
        classes = ClassIndex(root)
    container = first(classes.find("p-content"))
    if container is not None:
        body = _read(container, _Exclusions(container, classes), base_url, fallback=False)
        if body.text:
            return body
    skip = _Exclusions(root, classes)
    best = best_container(root, skip)
    if best is None:
        return Body()
    return _read(best, skip, base_url, fallback=True)
