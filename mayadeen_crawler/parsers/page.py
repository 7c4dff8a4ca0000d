"""What every field of an article page is read from: one parsed page and its shared lookups.

``Page`` holds the tawsiyat JSON, the ``<meta>`` tags, the article element, the body and
the menus, each computed once, plus the layer bookkeeping that ``ArticlePage`` field
methods use (docs/contract.md: the first layer that gives a non-empty value wins).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from lxml import etree

from mayadeen_crawler.cleaning import clean_text, element_text
from mayadeen_crawler.parsers._dom import (
    ClassIndex,
    Element,
    compile_xpath,
    document_root,
    first,
    has_class_token,
    is_inside,
    once,
    text_owner,
)
from mayadeen_crawler.parsers.body import Body, extract_body
from mayadeen_crawler.parsers.menu import parse_menu
from mayadeen_crawler.parsers.tawsiyat import read_tawsiyat
from mayadeen_crawler.site import SiteMenu

if TYPE_CHECKING:
    import re
    from collections.abc import Callable

    from parsel import Selector

V = TypeVar("V")
MAX_LABEL_LINE = 160


def present(value: object) -> bool:
    """A value counts as given unless it is None, an empty string or an empty list."""
    return value is not None and value != "" and value != []


def article_markup(doc: Element) -> list[Element]:
    """``//article[has_class('article-details')]``, by the document's ``article`` elements."""
    return [
        element
        for element in document_root(doc).iter("article")
        if has_class_token(element, "article-details")
    ]


def _completed(own: SiteMenu, fallback: SiteMenu) -> SiteMenu:
    """``own`` with its missing menus taken from ``fallback``; the latest result is reused
    while both are the same objects (``parse_menu`` serves one object per site header)."""
    if _COMPLETED and _COMPLETED[0][0] is own and _COMPLETED[0][1] is fallback:
        return _COMPLETED[0][2]
    menu = SiteMenu(sections=own.sections or fallback.sections, regions=own.regions or fallback.regions)
    _COMPLETED[:] = [(own, fallback, menu)]
    return menu


_COMPLETED: list[tuple[SiteMenu, SiteMenu, SiteMenu]] = []  # the latest, at most one


class Page:
    """One parsed page with its lookups computed once; records which layer served a field."""

    _ROOT_CANDIDATES = (
        article_markup,
        compile_xpath("//article[.//h1]"),
        compile_xpath("//article"),
        compile_xpath("//main"),
        compile_xpath("//body"),
    )
    _META = compile_xpath("//meta[@content]")

    def __init__(self, sel: Selector, url: str, fallback_menu: SiteMenu, today: date) -> None:
        self.sel = sel
        self.doc: Element = sel.root
        self.response_url = url
        self.fallback_menu = fallback_menu
        self.today = today
        self.layers: dict[str, str] = {}
        self.failures: list[str] = []
        self.tawsiyat, failure = read_tawsiyat(self.doc)
        if failure:
            self.failures.append(failure)

    # --- what the page is ------------------------------------------------------------------

    def skip_reason(self) -> str | None:
        """Why this page is not an article (tawsiyat ``type``, else the markup), or None."""
        page_type = self.tawsiyat.page_type if self.tawsiyat else None
        if page_type is not None:
            return None if page_type == "article" else f"not-article:type={page_type}"
        return None if self._has_article_markup() else "not-article:no-article-markup"

    def _has_article_markup(self) -> bool:
        if article_markup(self.doc):
            return True
        og_article = self.meta.get("og:type", "").lower() == "article"
        return og_article and "article:published_time" in self.meta

    # --- shared lookups ---------------------------------------------------------------------

    @once
    def root(self) -> Element:
        """The article element (or, when the markup drifted, ``main``/``body``)."""
        found = (first(query(self.doc)) for query in self._ROOT_CANDIDATES)
        return next((element for element in found if element is not None), self.doc)

    @once
    def classes(self) -> ClassIndex:
        """The article element's descendants by class token."""
        return ClassIndex(self.root)

    @once
    def meta(self) -> dict[str, str]:
        """``<meta>`` contents by lower-cased ``property``/``name`` (first non-empty wins)."""
        found: dict[str, str] = {}
        for element in self._META(self.doc):
            key = (element.get("property") or element.get("name") or "").strip().lower()
            value = clean_text(element.get("content") or "")
            if key and value and key not in found:
                found[key] = value
        return found

    @once
    def body_parts(self) -> Body:
        """The body container's blocks and Related News links."""
        return extract_body(self.root, self.response_url, self.classes)

    @once
    def menu(self) -> SiteMenu:
        """The page's own menus, completed from the fallback menu where missing."""
        own = parse_menu(self.sel)
        self.layers["menu"] = "dom" if own.sections else "menu-default"
        return _completed(own, self.fallback_menu)

    def taw(self, key: str) -> str | None:
        """A tawsiyat string value, or None (also without tawsiyat)."""
        return self.tawsiyat.text(key) if self.tawsiyat else None

    def taw_texts(self, key: str) -> list[str]:
        """A tawsiyat string-or-list value as a list."""
        return self.tawsiyat.texts(key) if self.tawsiyat else []

    def taw_class(self, mapping: str) -> str | None:
        """The first tawsiyat ``classes`` value with this mapping."""
        return next(iter(self.tawsiyat.classes(mapping)), None) if self.tawsiyat else None

    # --- layers ---------------------------------------------------------------------------

    def first_of(self, name: str, *candidates: tuple[str, Callable[[], V | None]]) -> V | None:
        """The first present candidate value; its layer is recorded under ``name``."""
        for layer, get in candidates:
            value = get()
            if present(value):
                self.layers[name] = layer
                return value
        self.layers[name] = "default"
        return None

    def record(self, name: str, layer: str, value: object) -> None:
        """Record the layer of a field computed outside ``first_of``."""
        self.layers[name] = layer if present(value) else "default"

    # --- DOM helpers --------------------------------------------------------------------------

    def text_at(self, query: Callable[..., list[Any]], scope: Element | None = None) -> str:
        """Block text of the first match of ``query`` inside scope (default: the article)."""
        element = first(query(self.root if scope is None else scope))
        return element_text(element) if element is not None else ""

    def text_of_first(self, found: list[Element]) -> str:
        """Block text of the first element found, or empty."""
        return element_text(found[0]) if found else ""

    def outside_body(self, element: Element) -> bool:
        """The element is not inside the body container."""
        return not is_inside(element, self.body_parts.container)

    @once
    def article_text(self) -> str:
        """The XPath string value of the article element: every text node below it, joined."""
        text: str = etree.tostring(self.root, method="text", encoding="unicode", with_tail=False)
        return text

    def labelled_line(self, query: Callable[..., list[Any]], label: re.Pattern[str], word: str) -> str:
        """Text of the first short element (outside the body) that starts with a label.

        ``query`` finds candidate text nodes, which start with ``word`` once stripped (so
        none does when the article's text lacks it, and the query is not run); a bare
        label in its own tag (``<span>By</span> <a>Name</a>``) reads its parent instead.
        """
        if word not in self.article_text:
            return ""
        for text_node in query(self.root):
            owner = text_owner(text_node)
            if owner is None or not self.outside_body(owner):
                continue
            line = element_text(owner)
            parent = owner.getparent()
            if not label.match(line) and parent is not None:
                line = element_text(parent)
            if label.match(line) and len(line) <= MAX_LABEL_LINE:
                return line
        return ""
