"""lxml helpers shared by the parsers: compiled XPath, class tests, URLs, text search."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from lxml import etree

if TYPE_CHECKING:
    from collections.abc import Callable

Element = Any
"""An lxml element (lxml ships no type information)."""

T = TypeVar("T")


class once(Generic[T]):
    """``functools.cached_property`` without its per-instance lock (Python 3.11 takes an
    ``RLock`` on every first access; a page object never leaves its thread)."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> once[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | once[T]:
        if instance is None:
            return self
        value = self.func(instance)
        instance.__dict__[self.name] = value  # later reads find the value before the descriptor
        return value


_WHITESPACE = re.compile(r"\s")
_PLAIN_ABSOLUTE = re.compile(r"https?://[^\x00-\x20/?#@:;\[\]\\]+(?::[0-9]*)?(?:[/?#][^\x00-\x20;\[\]\\]*)?")
_NON_WEB_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "#")


def has_class(name: str) -> str:
    """XPath predicate body: the ``class`` attribute holds the token ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def has_class_token(element: Element, name: str) -> bool:
    """What the XPath predicate ``has_class(name)`` tests, in Python: the ``class``
    attribute split on XML whitespace (not Unicode whitespace) holds the token ``name``."""
    value = element.get("class")
    return bool(value) and name in value and name in _xml_spaced(value).split(" ")


def _xml_spaced(text: str) -> str:
    """XML whitespace (tab, newline, carriage return) as spaces; ``replace``, as
    ``str.translate`` builds a look-up cache on every call."""
    if "\t" in text or "\n" in text or "\r" in text:
        return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return text


def normalize_space(text: str) -> str:
    """XPath's ``normalize-space()``: XML whitespace runs collapsed to one space, ends stripped."""
    return " ".join(filter(None, _xml_spaced(text).split(" ")))


def document_root(element: Element) -> Element:
    """The root element of the element's document (where an absolute ``//`` XPath starts)."""
    return element.getroottree().getroot()


def _class_token_set(value: str) -> set[str]:
    tokens = set(_xml_spaced(value).split(" "))
    tokens.discard("")
    return tokens


class ClassIndex:
    """The descendants of one element by class token, in document order: what
    ``.//*[has_class(name)]`` finds from that element, read in one pass instead of one
    XPath evaluation (a scan of every descendant) per class name."""

    def __init__(self, scope: Element) -> None:
        self.scope = scope
        by_token: dict[str, list[Element]] = {}
        for element in scope.iterdescendants(etree.Element):
            value = element.get("class")
            if not value:
                continue
            # one token: no XML whitespace (a printable str has no whitespace but " ")
            tokens = (value,) if " " not in value and value.isprintable() else _class_token_set(value)
            for token in tokens:
                found = by_token.get(token)
                if found is None:
                    by_token[token] = [element]
                else:
                    found.append(element)
        self._by_token = by_token

    def find(self, name: str, tag: str | None = None) -> list[Element]:
        """Descendants with the class token ``name`` (and this tag name, when given)."""
        found = self._by_token.get(name, [])
        return found if tag is None else [element for element in found if element.tag == tag]

    def find_under(self, name: str, scope: Element) -> list[Element]:
        """Like ``find``, for the descendants of ``scope`` (the indexed element or one inside it)."""
        found = self._by_token.get(name, [])
        if scope is self.scope:
            return found
        return [element for element in found if element is not scope and is_inside(element, scope)]


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
    if _plain_absolute(base, href):
        return href
    return _plain_rooted(base, href) or joined_url(base, href)


def joined_url(base: str, href: str) -> str | None:
    """``absolute_url`` by ``urljoin`` and ``urlsplit``, for any stripped ``href``."""
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


def _plain_absolute(base: str, href: str) -> bool:
    """``href`` is an absolute http(s) URL with a host that ``urljoin`` and ``urlsplit``
    would give back unchanged: ASCII, no whitespace or controls, no ``;`` parameters, no
    brackets or user info, no empty query or fragment marker; and ``base`` cannot make
    ``urljoin`` raise. Most links of a page are such URLs; the rest take the general path.
    """
    return (
        href.startswith(("http://", "https://"))
        and href.isascii()
        and _PLAIN_ABSOLUTE.fullmatch(href) is not None
        and "?#" not in href
        and not href.endswith(("?", "#"))
        and base.isascii()
        and "[" not in base
        and "]" not in base
    )


def _plain_rooted(base: str, href: str) -> str | None:
    """A root-relative ``href`` (``/path?query``) joined as ``urljoin`` joins it, when that is
    plain concatenation: no dot segments, no ``;`` parameters, no whitespace or controls,
    no empty query or fragment marker, and a base with an http(s) scheme and a host.
    None otherwise (the general path decides then)."""
    if not (href[:1] == "/" and href[1:2] != "/" and href.isascii() and href.isprintable()):
        return None  # printable ASCII: no controls; the space is ruled out below
    if " " in href or ";" in href or "[" in href or "]" in href or "\\" in href:
        return None
    if "?#" in href or href.endswith(("?", "#")):
        return None
    path = href.split("?", 1)[0].split("#", 1)[0]
    if "/." in path:  # a "." or ".." segment (or a name starting with a dot: rare, general path)
        return None
    prefix = _base_prefix(base)
    return prefix + href if prefix is not None else None


def _base_prefix(base: str) -> str | None:
    """``scheme://netloc`` of an http(s) base URL with a host, else None. The latest answer
    is kept: a page's links share its base, and ``hostname`` is re-parsed on every read."""
    if _LATEST_BASE and _LATEST_BASE[0][0] == base:
        return _LATEST_BASE[0][1]
    try:
        parts = urlsplit(base)
        host = parts.hostname
    except ValueError:
        host = None
    prefix = f"{parts.scheme}://{parts.netloc}" if host and parts.scheme in ("http", "https") else None
    _LATEST_BASE[:] = [(base, prefix)]
    return prefix


_LATEST_BASE: list[tuple[str, str | None]] = []


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
