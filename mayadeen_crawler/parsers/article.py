"""Article pages -> ``ArticleItem``, field by field (docs/contract.md, sections 1-4).

``ArticlePage`` has one method per item field; each tries its layers in order (the
tawsiyat JSON, then ``<head>`` meta tags, then the visible DOM, then text-pattern
fallbacks for renamed classes) and records the layer that served it. ``ArticleParser``
decides whether a page is an article at all and never raises unless ``strict=True``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from lxml import etree
from parsel import Selector
from w3lib.encoding import html_to_unicode

from mayadeen_crawler.cleaning import (
    beirut_offset,
    dedupe_keep_order,
    element_text,
    normalize_datetime,
    parse_visible_datetime,
    split_authors,
    split_keywords,
    strip_site_suffix,
    word_count,
)
from mayadeen_crawler.items import ArticleItem
from mayadeen_crawler.parsers._dom import (
    Element,
    absolute_url,
    compile_xpath,
    first,
    has_class,
    once,
    text_owner,
)
from mayadeen_crawler.parsers.challenge import header_value, is_challenge
from mayadeen_crawler.parsers.page import Page
from mayadeen_crawler.site import DEFAULT_POSTTYPE, KNOWN_MENU, POSTTYPE_BY_SECTION, SiteMenu

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_].*)?$")
_READ_TIME = re.compile(r"(\d+)\s*min(?:ute)?s?\.?\s+read", re.IGNORECASE)
_SOURCE_LABEL = re.compile(r"^source\s*:\s*", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^source\s*:\s*\S", re.IGNORECASE)
_BYLINE = re.compile(r"^By\s+[^\W\d_]")


@dataclass
class ParseResult:
    """An item, or why there is none; which layer served each field; layer failures."""

    item: ArticleItem | None = None
    skip_reason: str | None = None
    layers: dict[str, str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


class ArticlePage(Page):
    """The fields of one article page; each public method reads one item field."""

    _CANONICAL = compile_xpath(
        "//link[@href][contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]"
    )
    _HTML_LANG = compile_xpath("/html/@lang")
    _H1 = compile_xpath(".//h1")
    _LEAD = compile_xpath(f".//*[{has_class('lg_para')}]")
    _BYLINE = compile_xpath(
        f".//li[{has_class('author')}] | .//*[{has_class('article-info')}]/*[{has_class('author')}]"
    )
    _BY_TEXT = compile_xpath(".//text()[starts-with(normalize-space(.), 'By')]")
    _SOURCE_TEXT = compile_xpath(".//text()[starts-with(normalize-space(.), 'Source')]")
    _TIME = compile_xpath(".//time[@datetime]")
    _DATE_TEXT = compile_xpath(f".//*[{has_class('date')}] | .//time")
    _READ_TEXT = compile_xpath(".//text()[contains(translate(., 'READ', 'read'), 'read')]")
    _TAG_LINKS = compile_xpath(f".//ul[{has_class('tags')}]//a")
    _TAG_HREF_LINKS = compile_xpath(".//a[contains(@href, '/tags/')]")
    _FIGURES = compile_xpath(".//figure")

    # --- identity -----------------------------------------------------------------------------

    @once
    def _url(self) -> str:
        def absolute(href: Callable[[], str | None]) -> Callable[[], str | None]:
            return lambda: absolute_url(self.response_url, href())

        # lazily: the canonical link and the meta tags are only read when tawsiyat has no URL
        found = self.first_of(
            "url",
            ("tawsiyat", absolute(lambda: self.taw("url"))),
            ("meta", absolute(self._canonical)),
            ("meta", absolute(lambda: self.meta.get("og:url"))),
            ("url", absolute(lambda: self.response_url)),
        )
        return found or self.response_url

    def _canonical(self) -> str | None:
        link = first(self._CANONICAL(self.doc))
        return link.get("href") if link is not None else None

    def url(self) -> str:
        return self._url

    def post_id(self) -> str | None:
        value = self.taw("postid")
        digits = value if value and value.isascii() and value.isdigit() else None
        return self.first_of("post_id", ("tawsiyat", lambda: digits))

    # --- text -----------------------------------------------------------------------------------

    def title(self) -> str | None:
        return self.first_of(
            "title",
            ("tawsiyat", lambda: self.taw("title")),
            ("meta", lambda: strip_site_suffix(self.meta.get("og:title", ""))),
            ("dom", lambda: self.text_at(self._H1)),
        )

    def summary(self) -> str | None:
        return self.first_of(
            "summary",
            ("tawsiyat", lambda: self.taw("description")),
            ("meta", lambda: self.meta.get("og:description")),
            ("meta", lambda: self.meta.get("description")),
            ("dom", lambda: self.text_at(self._LEAD)),
        )

    def body(self) -> str:
        body = self.body_parts
        self.record("body", "dom-fallback" if body.fallback else "dom", body.text)
        if body.fallback and body.text:
            self.failures.append("body:no-container")
        return body.text

    def related_urls(self) -> list[str]:
        body = self.body_parts
        self.record("related_urls", "dom-fallback" if body.fallback else "dom", body.related_urls)
        return body.related_urls

    def word_count(self, body: str) -> int:
        value = self.taw("word_count")
        if value is not None and value.isascii() and value.isdigit():
            self.layers["word_count"] = "tawsiyat"
            return int(value)
        self.layers["word_count"] = "derived"
        return word_count(body)

    # --- people and sources ---------------------------------------------------------------------

    def authors(self) -> list[str]:
        found = self.first_of(
            "authors",
            ("tawsiyat", lambda: [name for v in self.taw_texts("author") for name in split_authors(v)]),
            ("meta", lambda: split_authors(self.meta.get("author", ""))),
            ("dom", lambda: split_authors(self.text_at(self._BYLINE))),
            ("dom-fallback", lambda: split_authors(self.labelled_line(self._BY_TEXT, _BYLINE, "By"))),
        )
        return dedupe_keep_order(found or [])

    def source(self) -> str | None:
        return self.first_of(
            "source",
            ("dom", lambda: _without_label(self.text_of_first(self.classes.find("source", "li")))),
            (
                "dom-fallback",
                lambda: _without_label(self.labelled_line(self._SOURCE_TEXT, _SOURCE_LINE, "Source")),
            ),
        )

    # --- dates ------------------------------------------------------------------------------------

    def _normalized(self, name: str, value: str | None) -> str | None:
        normalized = normalize_datetime(value)
        if value and normalized is None:
            self.failures.append(f"{name}:unparseable")
        return normalized

    def published_at(self) -> str | None:
        return self.first_of(
            "published_at",
            ("tawsiyat", lambda: self._normalized("published_at", self.taw("published_time"))),
            ("meta", lambda: self._normalized("published_at", self.meta.get("article:published_time"))),
            ("dom", lambda: self._normalized("published_at", self._time_attribute())),
            ("dom-fallback", self._visible_date),
        )

    def _time_attribute(self) -> str | None:
        element = first(self._TIME(self.root))
        return element.get("datetime") if element is not None else None

    def _visible_date(self) -> str | None:
        """Last resort: the visible date text (a year-less date is dated by ``today``)."""
        for element in self._DATE_TEXT(self.root):
            moment = parse_visible_datetime(element_text(element), self.today)
            if moment is not None:
                return normalize_datetime(moment)
        return None

    def modified_at(self) -> str | None:
        return self.first_of(
            "modified_at",
            ("tawsiyat", lambda: self._normalized("modified_at", self.taw("last_updated"))),
            ("meta", lambda: self._normalized("modified_at", self.meta.get("article:modified_time"))),
        )

    # --- place in the site ------------------------------------------------------------------------

    @once
    def _section_and_category(self) -> tuple[str | None, str | None]:
        """Contract section 4: tawsiyat category under its menu section, else the URL rule."""
        category = self.taw_class("category")
        hit = self.menu.section_of_category(category) if category else None
        if hit is not None:
            self.record("section", "tawsiyat", hit[0])
            self.record("category", "tawsiyat", hit[1])
            return hit
        section, url_category = self.menu.match_url(self._url)
        if self.tawsiyat is not None:
            url_category = category
        self.record("section", "url", section)
        self.record("category", "tawsiyat" if category else "url", url_category)
        return section, url_category

    def section(self) -> str | None:
        return self._section_and_category[0]

    def category(self) -> str | None:
        return self._section_and_category[1]

    def regions(self) -> list[str]:
        labels = (self.menu.region_label(value) for value in self._countries())
        found = dedupe_keep_order(label for label in labels if label)
        self.record("regions", "tawsiyat", found)
        return found

    def _countries(self) -> list[str]:
        return self.tawsiyat.classes("country") if self.tawsiyat else []

    def type(self) -> str:
        found = self.first_of(
            "type",
            ("tawsiyat", lambda: self.taw_class("posttype")),
            ("derived", lambda: POSTTYPE_BY_SECTION.get(self.section() or "")),
        )
        return found or DEFAULT_POSTTYPE

    def tags(self) -> list[str]:
        found = self.first_of(
            "tags",
            ("tawsiyat", lambda: [k for v in self.taw_texts("keywords") for k in split_keywords(v)]),
            ("meta", lambda: split_keywords(self.meta.get("keywords", ""))),
            ("dom", lambda: self._link_texts(self._TAG_LINKS)),
            ("dom-fallback", lambda: self._link_texts(self._TAG_HREF_LINKS)),
        )
        return dedupe_keep_order(found or [])

    def _link_texts(self, query: Callable[..., list[Any]]) -> list[str]:
        texts = (element_text(link) for link in query(self.root) if self.outside_body(link))
        return dedupe_keep_order(text for text in texts if text)

    # --- media and metadata ---------------------------------------------------------------------

    @once
    def _main_figure(self) -> Element | None:
        figure = first(self.classes.find("main-image", "figure"))
        if figure is not None:
            return figure
        return next((f for f in self._FIGURES(self.root) if self.outside_body(f)), None)

    def _figure_image(self) -> str | None:
        figure = self._main_figure
        image = next(figure.iterdescendants("img"), None) if figure is not None else None  # .//img
        if image is None:
            return None
        return absolute_url(self.response_url, image.get("src") or image.get("data-src"))

    def image(self) -> dict[str, str | None] | None:
        url = self.first_of(
            "image",
            ("tawsiyat", lambda: absolute_url(self.response_url, self.taw("thumbnail"))),
            ("meta", lambda: absolute_url(self.response_url, self.meta.get("og:image"))),
            ("dom", self._figure_image),
        )
        if url is None:
            return None
        figure = self._main_figure
        found = (
            next(figure.iterdescendants("figcaption"), None) if figure is not None else None
        )  # .//figcaption
        caption = element_text(found) if found is not None else ""
        return {"url": url, "caption": caption or None}

    def read_time_minutes(self) -> int | None:
        return self.first_of(
            "read_time_minutes",
            ("dom", lambda: _minutes(self.text_of_first(self.classes.find("read-time")))),
            ("dom-fallback", self._read_time_from_text),
        )

    def _read_time_from_text(self) -> int | None:
        if "read" not in self.article_text.lower():  # lower(): translate() is slow on non-ASCII text
            return None  # no text node of the article can match _READ_TEXT
        for text_node in self._READ_TEXT(self.root):
            owner = text_owner(text_node)
            minutes = (
                _minutes(element_text(owner)) if owner is not None and self.outside_body(owner) else None
            )
            if minutes is not None:
                return minutes
        return None

    def language(self) -> str:
        found = self.first_of(
            "language",
            ("tawsiyat", lambda: _language(self.taw("lang"))),
            ("dom", lambda: _language(first(self._HTML_LANG(self.doc)))),
        )
        return found or "en"

    # --- the item -------------------------------------------------------------------------------

    def item(self) -> ArticleItem | str:
        """The item, or the skip reason when a required field is missing."""
        title, body, published_at = self.title(), self.body(), self.published_at()
        if not title:
            return "no-title"
        if not body:
            return "no-body"
        if not published_at:
            return "no-published-at"
        return ArticleItem(
            url=self.url(),
            title=title,
            body=body,
            post_id=self.post_id(),
            summary=self.summary(),
            authors=self.authors(),
            source=self.source(),
            published_at=published_at,
            modified_at=self.modified_at(),
            section=self.section(),
            category=self.category(),
            regions=self.regions(),
            tags=self.tags(),
            image=self.image(),
            read_time_minutes=self.read_time_minutes(),
            word_count=self.word_count(body),
            language=self.language(),
            type=self.type(),
            related_urls=self.related_urls(),
        )


def _without_label(line: str) -> str:
    return _SOURCE_LABEL.sub("", line, count=1) if _SOURCE_LABEL.match(line) else ""


def _minutes(text: str) -> int | None:
    match = _READ_TIME.search(text)
    return int(match.group(1)) if match else None


def _language(value: str | None) -> str | None:
    match = _LANGUAGE.match(value.strip()) if value else None
    return match.group(1).lower() if match else None


def _decode(html: str | bytes, headers: Mapping[str, str] | None) -> str:
    if isinstance(html, str):
        return html
    content_type = header_value(headers, "content-type") or None
    return html_to_unicode(content_type, html)[1]


def _root(text: str, parser: etree.HTMLParser) -> Element:
    """The document's root element, built as ``Selector(text=..., type="html")`` builds it
    (stripped, NUL bytes removed, UTF-8 with lone surrogates replaced, ``<html/>`` when
    empty), but by a plain ``etree.HTMLParser`` reused across pages: the tree is the same,
    without ``lxml.html``'s Python element-class lookup on every element proxy.

    NUL characters are dropped from the UTF-8 bytes (a byte search), not from the str (a
    slower character scan): the only UTF-8 sequence holding a zero byte is NUL's own.
    """
    body = text.strip().encode("utf-8", "replace").replace(b"\x00", b"") or b"<html/>"
    root = etree.fromstring(body, parser=parser)
    return root if root is not None else etree.fromstring(b"<html/>", parser=parser)


class ArticleParser:
    """HTML + URL -> ``ParseResult``. Tolerant by default; ``strict=True`` re-raises.

    ``fallback_menu`` serves section/category when a page has no menu of its own;
    ``today`` (default: the current day in Beirut) dates visible dates without a year.
    """

    def __init__(
        self, *, fallback_menu: SiteMenu = KNOWN_MENU, strict: bool = False, today: date | None = None
    ) -> None:
        self.fallback_menu = fallback_menu
        self.strict = strict
        self.today = today
        self._html_parser = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)

    def parse(
        self, html: str | bytes, url: str, *, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> ParseResult:
        """Parse raw HTML (bytes are decoded by BOM, Content-Type, ``<meta charset>``)."""
        try:
            sel = Selector(root=_root(_decode(html, headers), self._html_parser), type="html")
        except Exception as exc:  # noqa: BLE001 - tolerant mode turns any error into a skip
            return self._failed(exc)
        return self.parse_selector(sel, url, status=status, headers=headers)

    def parse_selector(
        self, sel: Selector, url: str, *, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> ParseResult:
        """Parse an already built selector (the spider passes ``response.selector``)."""
        try:
            return self._parse(sel, url, status, headers)
        except Exception as exc:  # noqa: BLE001 - tolerant mode turns any error into a skip
            return self._failed(exc)

    def _failed(self, exc: Exception) -> ParseResult:
        if self.strict:
            raise exc
        return ParseResult(skip_reason=f"parse-error:{type(exc).__name__}")

    def _today(self) -> date:
        if self.today is not None:
            return self.today
        now = datetime.now(UTC)
        return (now + beirut_offset(now.date())).date()

    def _parse(self, sel: Selector, url: str, status: int, headers: Mapping[str, str] | None) -> ParseResult:
        if isinstance(sel.root, str):
            return ParseResult(skip_reason="not-article:no-article-markup")
        if is_challenge(status, headers, sel.root):
            return ParseResult(skip_reason="challenge")
        if status >= 400:
            return ParseResult(skip_reason=f"http-status:{status}")
        page = ArticlePage(sel, url, self.fallback_menu, self._today())
        outcome: ArticleItem | str | None = page.skip_reason() or page.item()
        if isinstance(outcome, ArticleItem):
            return ParseResult(outcome, None, page.layers, page.failures)
        return ParseResult(None, outcome, page.layers, page.failures)
