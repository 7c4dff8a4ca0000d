"""lxml helpers shared by the parsers: compiled XPath, class tests, URLs, text search."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from lxml import etree

if TYPE_CHECKING:
    from collections.abc import Callable

Element = Any
"""An lxml element (lxml ships no type information)."""

_WHITESPACE = re.compile(r"\s")
_XML_SPACE = str.maketrans("\t\n\r", "   ")
_NON_WEB_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "#")


def has_class(name: str) -> str:
    """XPath predicate body: the ``class`` attribute holds the token ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def has_class_token(element: Element, name: str) -> bool:
    """What the XPath predicate ``has_class(name)`` tests, in Python: the ``class``
    attribute split on XML whitespace (not Unicode whitespace) holds the token ``name``."""
    value = element.get("class")
    return bool(value) and name in value and name in value.translate(_XML_SPACE).split(" ")


def compile_xpath(expression: str) -> Callable[..., list[Any]]:
    """An XPath compiled once, called as ``query(element, **variables)``."""
    compiled: Callable[..., list[Any]] = etree.XPath(expression, smart_strings=True)
    return compiled


def first(results: list[Any]) -> Any | None:
    """The first result of an XPath query, or None."""
    return results[0] if results else None


def class_tokens(element: Element) -> list[str]:
    """The tokens of an element's ``class`` attribute."""
    value = element.get("class")
    return value.split() if value else []


def is_inside(element: Element, ancestor: Element | None) -> bool:
    """True when ``ancestor`` is ``element`` or one of its ancestors."""
    if ancestor is None:
        return False
    return element is ancestor or any(node is ancestor for node in element.iterancestors())


def text_owner(text_node: Any) -> Element | None:
    """The element whose content holds an XPath text result (a tail belongs to the parent)."""
    owner = text_node.getparent()
    if owner is not None and text_node.is_tail:
        owner = owner.getparent()
    return owner


def absolute_url(base: str, href: str | None) -> str | None:
    """``href`` made absolute against ``base``; None unless it is an http(s) URL with a host.

    Kept as published otherwise (no re-encoding), except that inner whitespace is
    percent-encoded so that the URL stays one token.
    """
    if not href:
        return None
    href = href.strip()
    if not href or href.lower().startswith(_NON_WEB_SCHEMES):
        return None
    try:
        joined = urljoin(base, href)
        parts = urlsplit(joined)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return _WHITESPACE.sub(lambda m: quote(m.group(0)), joined)


def url_path(href: str | None) -> str:
    """The path of a link (no host, query or fragment); empty for ``#`` or script links."""
    if not href or href.strip().lower().startswith(_NON_WEB_SCHEMES):
        return ""
    try:
        return urlsplit(href.strip()).path
    except ValueError:
        return ""


def drop_fragment(url: str) -> str:
    """The URL without its ``#fragment``."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(fragment="")) if parts.fragment or "#" in url else url


def same_host(url: str, other: str) -> bool:
    """Both URLs point at the same host and port."""
    try:
        a, b = urlsplit(url), urlsplit(other)
        return (a.hostname, a.port) == (b.hostname, b.port)
    except ValueError:
        return False
