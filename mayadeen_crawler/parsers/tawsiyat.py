"""The ``tawsiyat-metadata`` JSON block of an article page (spec section 3.1), read defensively.

The script text may be padded, broken or of the wrong shape: reading never raises, it
returns None and a failure label instead.
"""

from __future__ import annotations

import json
from typing import Any

from mayadeen_crawler.cleaning import clean_text
from mayadeen_crawler.parsers._dom import Element, document_root


class Tawsiyat:
    """Typed, forgiving access to the decoded JSON object."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self._classes: dict[str, list[str]] | None = None

    def text(self, key: str) -> str | None:
        """A string (or number) value, cleaned; None when absent or empty."""
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return None
        return clean_text(str(value)) or None

    def texts(self, key: str) -> list[str]:
        """A string value, or each string of a list value, cleaned and non-empty."""
        value = self.data.get(key)
        values = value if isinstance(value, list) else [value]
        cleaned = (clean_text(v) for v in values if isinstance(v, str))
        return [v for v in cleaned if v]

    def classes(self, mapping: str) -> list[str]:
        """The values of the ``classes`` entries whose ``mapping`` is ``mapping``, in order."""
        if self._classes is None:
            self._classes = self._read_classes()
        return list(self._classes.get(mapping, ()))

    def _read_classes(self) -> dict[str, list[str]]:
        """Cleaned, non-empty ``classes`` values by mapping (stripped and case-folded), read once."""
        entries = self.data.get("classes")
        found: dict[str, list[str]] = {}
        if not isinstance(entries, list):
            return found
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            mapping = entry.get("mapping")
            if not isinstance(mapping, str):
                continue
            value = entry.get("value")
            cleaned = (
                clean_text(v) for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)
            )
            found.setdefault(mapping.strip().casefold(), []).extend(v for v in cleaned if v)
        return found

    @property
    def page_type(self) -> str | None:
        """The ``type`` key (``article`` or ``page``), lower-cased."""
        value = self.text("type")
        return value.lower() if value else None


def _scripts(root: Element) -> list[Element]:
    """``//script[@id='tawsiyat-metadata'] | //script[@type='text/tawsiyat']``, by the
    document's ``script`` elements (one C-level tag scan instead of two XPath scans)."""
    return [
        script
        for script in document_root(root).iter("script")
        if script.get("id") == "tawsiyat-metadata" or script.get("type") == "text/tawsiyat"
    ]


def read_tawsiyat(root: Element) -> tuple[Tawsiyat | None, str | None]:
    """(the first decodable metadata object or None, a failure label or None)."""
    failure: str | None = None
    for script in _scripts(root):
        text = (script.text or "").strip()
        if not text:
            failure = "tawsiyat:empty"
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            failure = "tawsiyat:invalid-json"
            continue
        if isinstance(data, dict):
            return Tawsiyat(data), None
        failure = "tawsiyat:not-an-object"
    return None, failure
