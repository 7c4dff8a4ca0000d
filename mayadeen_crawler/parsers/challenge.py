"""Recognise a Cloudflare challenge page (spec section 5), which is never parsed as content."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mayadeen_crawler.cleaning import element_text
from mayadeen_crawler.parsers._dom import Element, document_root

if TYPE_CHECKING:
    from collections.abc import Mapping

CHALLENGE_STATUSES = frozenset({403, 503})
CHALLENGE_TITLE = "just a moment"


def header_value(headers: Mapping[str, str] | None, name: str) -> str:
    """A header's value looked up case-insensitively (bytes and lists tolerated)."""
    if not headers:
        return ""
    wanted = name.lower()
    for key, value in headers.items():
        key_text = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if key_text.lower() == wanted:
            return _as_text(value)
    return ""


def _as_text(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_as_text(v) for v in value)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value)


def is_challenge_response(status: int, headers: Mapping[str, str] | None) -> bool:
    """403/503 served by Cloudflare, or any response flagged ``cf-mitigated: challenge``."""
    if "challenge" in header_value(headers, "cf-mitigated").lower():
        return True
    server = header_value(headers, "server").lower()
    return status in CHALLENGE_STATUSES and "cloudflare" in server


def has_challenge_title(root: Element) -> bool:
    """The page's ``<title>`` reads ``Just a moment...``."""
    title = next(document_root(root).iter("title"), None)  # //title[1], without an XPath scan
    if title is None:
        return False
    return element_text(title).lower().startswith(CHALLENGE_TITLE)


def is_challenge(status: int, headers: Mapping[str, str] | None, root: Element) -> bool:
    """docs/contract.md: status 403/503 with ``Server: cloudflare`` or ``cf-mitigated:
    challenge``, or the title ``Just a moment...``."""
    return is_challenge_response(status, headers) or has_challenge_title(root)
