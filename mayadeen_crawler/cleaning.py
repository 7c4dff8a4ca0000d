"""Pure text helpers shared by the parsers and the clean pipeline (docs/contract.md, section 2).

Everything here is a pure function of its arguments: no I/O, no clock, no global state
beyond bounded memoisation of pure helpers (per-year summer-time bounds, offset strings).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import html
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from mayadeen_crawler.items import ArticleItem
from mayadeen_crawler.site import DEFAULT_POSTTYPE, NEWS_DESK, SITE_NAME_SUFFIXES

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable

    from parsel import Selector

T = TypeVar("T", bound="Hashable")

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_BY_PREFIX = re.compile(r"^by\s*:\s*|^by\s+", re.IGNORECASE)
_BY_STARTS = frozenset({"by", "bY", "By", "BY"})
_AUTHOR_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$"
)
_NORMALIZED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-](?:[01][0-9]|2[0-3]):[0-5][0-9]")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_VISIBLE_DATE = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?(?:,?\s+(\d{4}))?(?:,?\s+(\d{1,2}):(\d{2}))?\b")
_SKIPPED_TEXT_TAGS = frozenset({"script", "style", "noscript", "template"})
_SPECIAL_TEXT_TAGS = _SKIPPED_TEXT_TAGS | {"br"}


# --- strings -------------------------------------------------------------------------------


def collapse_whitespace(text: str) -> str:
    """Every run of whitespace (``&nbsp;`` included) becomes one space; ends stripped.

    >>> collapse_whitespace("  a\\n\\t b\\u00a0\\u00a0c  ")
    'a b c'
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # already collapsed: the only whitespace a printable str holds is " "
    return " ".join(text.split())  # str.split() splits on exactly what r"\s+" matches; 3x faster


def unescape_entities(text: str) -> str:
    """Decode leftover ``&name;`` / ``&#N;`` entities until none is left (so it is idempotent).

    Only entities closed by ``;`` are touched, so ``AT&T`` or ``?a=1&copy=2`` stay as they are.

    >>> unescape_entities("Tom &amp;amp; Jerry &quot;x&quot; AT&T")
    'Tom & Jerry "x" AT&T'
    """
    while "&" in text and ";" in text:  # an entity is "&...;"
        decoded = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        if decoded == text:
            break
        text = decoded
    return text


def clean_text(text: str) -> str:
    """One-line text as exported: entities decoded, NFC, whitespace collapsed.

    >>> clean_text("Cafe\\u0301&nbsp; &amp; more ")
    'Café & more'
    """
    if "&" in text:
        text = unescape_entities(text)
    return collapse_whitespace(unicodedata.normalize("NFC", text))


def clean_body(body: str) -> str:
    """Body as exported: each block cleaned like :func:`clean_text`, one blank line between.

    >>> clean_body("First  block\\nstill first\\n\\n\\n \\n Second&nbsp;block \\n\\n")
    'First block still first\\n\\nSecond block'
    """
    if _is_clean_body(body):
        return body
    blocks = (clean_text(block) for block in _blank_line_split(body))
    return "\n\n".join(block for block in blocks if block)


def _is_clean_body(body: str) -> bool:
    """``body`` is already what :func:`clean_body` gives for it: non-empty blocks joined by
    single blank lines (every newline one of an isolated pair, none at the ends), each block
    printable with single inner spaces only, no entity to decode, NFC as a whole (a newline
    never composes with a neighbour, so each block is NFC then too)."""
    return (
        bool(body)
        and body[:1] not in (" ", "\n")
        and body[-1:] not in (" ", "\n")
        and "\n\n\n" not in body
        and body.count("\n") == 2 * body.count("\n\n")
        and "  " not in body
        and " \n" not in body
        and "\n " not in body
        and not ("&" in body and ";" in body)
        and body.replace("\n", "").isprintable()
        and unicodedata.is_normalized("NFC", body)
    )


def _blank_line_split(body: str) -> list[str]:
    """``_BLANK_LINE.split(body)``; by ``str.split`` when every newline is one of an
    isolated pair (then each match of the pattern is exactly such a pair)."""
    if "\n\n\n" not in body and body.count("\n") == 2 * body.count("\n\n"):
        return body.split("\n\n")
    return _BLANK_LINE.split(body)


def strip_site_suffix(title: str) -> str:
    """Remove a trailing `` | Al Mayadeen English`` (or similar) site name from a title.

    >>> strip_site_suffix("Gaza talks resume | Al Mayadeen English")
    'Gaza talks resume'
    >>> strip_site_suffix("Gaza talks resume - Al Mayadeen English ")
    'Gaza talks resume'
    >>> strip_site_suffix("Al Mayadeen English")
    'Al Mayadeen English'
    """
    stripped = title.strip()
    folded = stripped.casefold()
    for suffix in SITE_NAME_SUFFIXES:
        if folded.endswith(suffix.casefold()) and len(stripped) > len(suffix):
            return stripped[: -len(suffix)].rstrip()
    return stripped


def content_hash(title: str, body: str) -> str:
    """sha256 hex digest of the UTF-8 bytes of ``title + "\\n\\n" + body``.

    >>> content_hash("T", "B") == hashlib.sha256(b"T\\n\\nB").hexdigest()
    True
    """
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()


def word_count(text: str) -> int:
    """Number of whitespace-separated words.

    >>> word_count("one two\\n\\nthree")
    3
    """
    return len(text.split())


# --- lists ---------------------------------------------------------------------------------


def dedupe_keep_order(items: Iterable[T]) -> list[T]:
    """Drop exact repeats, keeping the first occurrence's position.

    >>> dedupe_keep_order(["b", "a", "b", "c", "a"])
    ['b', 'a', 'c']
    """
    return list(dict.fromkeys(items))


def split_authors(byline: str) -> list[str]:
    """A byline split on ``, `` and `` and `` with the ``By`` label removed.

    >>> split_authors("By A, B and C")
    ['A', 'B', 'C']
    >>> split_authors("By Al Mayadeen English")
    ['Al Mayadeen English']
    >>> split_authors("Robert Inlakesh, Hiba Morad, and Ali Rizk")
    ['Robert Inlakesh', 'Hiba Morad', 'Ali Rizk']
    >>> split_authors("  ")
    []
    """
    text = _strip_by(collapse_whitespace(byline))
    if text.casefold() == NEWS_DESK.casefold():
        return [text]
    # the separators hold "," or "and": without either, the split is the text itself
    pieces = _AUTHOR_SEPARATOR.split(text) if "," in text or "and" in text else [text]
    parts = (_strip_by(part.strip()) for part in pieces)
    return dedupe_keep_order(part for part in parts if part)


def _strip_by(text: str) -> str:
    # the label starts with b/B then y/Y (the only characters the pattern's case folding admits)
    while text[:2] in _BY_STARTS and _BY_PREFIX.match(text):
        text = _BY_PREFIX.sub("", text, count=1)
    return text


def split_keywords(keywords: str) -> list[str]:
    """A comma-separated keyword string split, stripped, empties dropped, exact repeats dropped.

    >>> split_keywords(" Gaza, Palestine ,Gaza, , war  in Ukraine,")
    ['Gaza', 'Palestine', 'war in Ukraine']
    """
    parts = (collapse_whitespace(part) for part in keywords.split(","))
    return dedupe_keep_order(part for part in parts if part)


# --- dates ---------------------------------------------------------------------------------


def _last_sunday(year: int, month: int, last_day: int) -> date:
    end = date(year, month, last_day)
    return end - timedelta(days=(end.weekday() + 1) % 7)


def beirut_offset(day: date) -> timedelta:
    """Lebanon's UTC offset on a day: +03:00 from the last Sunday of March (inclusive) to
    the last Sunday of October (exclusive), +02:00 otherwise.

    >>> str(beirut_offset(date(2025, 3, 30))), str(beirut_offset(date(2025, 3, 29)))
    ('3:00:00', '2:00:00')
    >>> str(beirut_offset(date(2025, 10, 25))), str(beirut_offset(date(2025, 10, 26)))
    ('3:00:00', '2:00:00')
    """
    start, end = _summer_time(day.year)
    return _SUMMER if start <= day < end else _WINTER


_SUMMER, _WINTER = timedelta(hours=3), timedelta(hours=2)


@functools.lru_cache(maxsize=64)
def _summer_time(year: int) -> tuple[date, date]:
    """The first and the first-after-last day of Beirut's summer time in a year."""
    return _last_sunday(year, 3, 31), _last_sunday(year, 10, 31)


@functools.lru_cache(maxsize=64)
def _format_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def _format(moment: datetime, offset: timedelta) -> str:
    if moment.year < 1000:  # strftime's unpadded %Y, kept as it was
        return moment.strftime("%Y-%m-%dT%H:%M:%S") + _format_offset(offset)
    return (
        f"{moment.year}-{moment.month:02d}-{moment.day:02d}T"
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}{_format_offset(offset)}"
    )


@functools.lru_cache(maxsize=64)
def _parse_offset(text: str | None) -> timedelta | None:
    if not text:
        return None
    if text in ("Z", "z"):
        return timedelta(0)
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(text)
    sign = -1 if text[0] == "-" else 1
    return sign * timedelta(hours=hours, minutes=minutes)


def _from_iso(text: str) -> tuple[datetime, timedelta | None] | None:
    match = _ISO.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
        return moment, _parse_offset(offset)
    except ValueError:
        return None


def normalize_datetime(value: str | datetime | None) -> str | None:
    """ISO 8601 ``YYYY-MM-DDTHH:MM:SS+HH:MM``, the offset kept; naive times get Beirut's offset.

    >>> normalize_datetime("2024-07-31T02:16:48+03:00")
    '2024-07-31T02:16:48+03:00'
    >>> normalize_datetime("2025-01-15T09:30:00.123Z")
    '2025-01-15T09:30:00+00:00'
    >>> normalize_datetime("2025-01-15 09:30")
    '2025-01-15T09:30:00+02:00'
    >>> normalize_datetime("2025-07-01T10:00:00+0300")
    '2025-07-01T10:00:00+03:00'
    >>> normalize_datetime("2025-07-01")
    '2025-07-01T00:00:00+03:00'
    >>> normalize_datetime("yesterday") is None, normalize_datetime("2025-02-30T10:00:00") is None
    (True, True)
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        moment, offset = value.replace(microsecond=0, tzinfo=None), value.utcoffset()
    else:
        value = value.strip()
        if _is_normalized_datetime(value):
            return value
        parsed = _from_iso(value)
        if parsed is None:
            return None
        moment, offset = parsed
    return _format(moment, beirut_offset(moment.date()) if offset is None else offset)


def _is_normalized_datetime(text: str) -> bool:
    """``text`` is already what ``normalize_datetime`` gives for it: exactly
    ``YYYY-MM-DDTHH:MM:SS+HH:MM`` (year from 1000, a real date and time, an offset under
    24 h that is not ``-00:00``)."""
    if not (_NORMALIZED.fullmatch(text) and text[0] != "0" and not text.endswith("-00:00")):
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _year_for(day: int, month: int, today: date) -> date | None:
    for year in range(today.year, today.year - 9, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return None


def parse_visible_datetime(text: str, today: date) -> datetime | None:
    """A visible date like ``10 Sep 2025 17:10`` or ``23 Sep`` (naive; no year: the most
    recent such day that is not after ``today``).

    >>> parse_visible_datetime("10 Sep 2025 17:10", date(2026, 1, 1))
    datetime.datetime(2025, 9, 10, 17, 10)
    >>> parse_visible_datetime("23 Sep 23:47", date(2025, 9, 22))
    datetime.datetime(2024, 9, 23, 23, 47)
    >>> parse_visible_datetime("23 September", date(2025, 10, 1))
    datetime.datetime(2025, 9, 23, 0, 0)
    >>> parse_visible_datetime("5 Min Read", date(2025, 10, 1)) is None
    True
    """
    for match in _VISIBLE_DATE.finditer(text):
        day_text, month_name, year_text, hour, minute = match.groups()
        month = _MONTHS.get(month_name.lower())
        if month is None:
            continue
        try:
            if year_text:
                day = date(int(year_text), month, int(day_text))
            else:
                found = _year_for(int(day_text), month, today)
                if found is None:
                    continue
                day = found
            return datetime(day.year, day.month, day.day, int(hour or 0), int(minute or 0))
        except ValueError:
            continue
    return None


def utc_timestamp(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` in UTC (the format of ``crawled_at``).

    >>> from datetime import timezone
    >>> utc_timestamp(datetime(2025, 9, 10, 17, 10, 5, 999, tzinfo=timezone(timedelta(hours=3))))
    '2025-09-10T14:10:05Z'
    """
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- HTML text -------------------------------------------------------------------------------


def element_text(element: Any, skip: Callable[[Any], bool] | None = None) -> str:
    """Block text of an lxml element (contract section 2); ``skip(el)`` drops a subtree.

    Text nodes are concatenated as rendered (inline tags add no space), ``<br>`` is a
    space, script/style and skipped subtrees are ignored (their tails are kept), then
    whitespace is collapsed and the result normalised to NFC. Iterative: deep trees are fine.
    """
    if not len(element):
        return unicodedata.normalize("NFC", collapse_whitespace(element.text or ""))
    for node in element.iterdescendants():
        tag = node.tag
        if not isinstance(tag, str) or tag in _SPECIAL_TEXT_TAGS or (skip and skip(node)):
            break
    else:  # plain inline markup only: lxml's own text walk gives the same concatenation
        return unicodedata.normalize("NFC", collapse_whitespace("".join(element.itertext())))
    parts: list[str] = [element.text or ""]
    stack: list[tuple[Any, bool]] = [(child, False) for child in reversed(element)]
    while stack:
        node, closing = stack.pop()
        if closing:
            parts.append(node.tail or "")
            continue
        tag = node.tag
        stack.append((node, True))
        if not isinstance(tag, str) or tag in _SKIPPED_TEXT_TAGS or (skip and skip(node)):
            continue
        if tag == "br":
            parts.append(" ")
            continue
        parts.append(node.text or "")
        stack.extend((child, False) for child in reversed(node))
    return unicodedata.normalize("NFC", collapse_whitespace("".join(parts)))


def block_text(selector: Selector) -> str:
    """Block text of a parsel selector's node (contract section 2).

    >>> from parsel import Selector
    >>> sel = Selector(text="<p>Meet <a>Kaya</a>, who&nbsp;wrote<br>this<script>x()</script> &amp; more</p>")
    >>> block_text(sel.css("p")[0])
    'Meet Kaya, who wrote this & more'
    """
    root = selector.root
    if isinstance(root, str):
        return unicodedata.normalize("NFC", collapse_whitespace(root))
    return element_text(root)


# --- the whole item --------------------------------------------------------------------------


def _optional(value: str | None) -> str | None:
    if value is None:
        return None
    return clean_text(value) or None


def _clean_list(values: Iterable[str]) -> list[str]:
    cleaned = (clean_text(value) for value in values)
    return dedupe_keep_order(value for value in cleaned if value)


def _clean_authors(authors: Iterable[str]) -> list[str]:
    split = (part for author in authors for part in split_authors(clean_text(author)))
    return dedupe_keep_order(split)


def _clean_image(image: dict[str, str | None] | None) -> dict[str, str | None] | None:
    if not image:
        return None
    url = _optional(image.get("url"))
    if url is None:
        return None
    return {"url": url, "caption": _optional(image.get("caption"))}


def clean_article(item: ArticleItem) -> ArticleItem:
    """The item as exported: every text field cleaned, lists deduplicated, hash recomputed.

    Idempotent: ``clean_article(clean_article(x)) == clean_article(x)``. Returns a new item.

    >>> raw = ArticleItem(url="https://x.test/a", title=" A&amp;B ", body="p1\\n\\n\\n p2 ",
    ...                   authors=["By A and B", "A"], tags=["x", "x", " "])
    >>> done = clean_article(raw)
    >>> done.title, done.body, done.authors, done.tags, done.word_count
    ('A&B', 'p1\\n\\np2', ['A', 'B'], ['x'], 2)
    >>> clean_article(done) == done
    True
    """
    title, body = clean_text(item.title), clean_body(item.body)
    words = item.word_count if item.word_count or not body else word_count(body)
    return dataclasses.replace(
        item,
        url=clean_text(item.url),
        title=title,
        body=body,
        post_id=_optional(item.post_id),
        summary=_optional(item.summary),
        authors=_clean_authors(item.authors),
        source=_optional(item.source),
        published_at=_optional(item.published_at),
        modified_at=_optional(item.modified_at),
        section=_optional(item.section),
        category=_optional(item.category),
        regions=_clean_list(item.regions),
        tags=_clean_list(item.tags),
        image=_clean_image(item.image),
        word_count=words,
        language=clean_text(item.language) or "en",
        type=clean_text(item.type) or DEFAULT_POSTTYPE,
        related_urls=_clean_list(item.related_urls),
        crawled_at=_optional(item.crawled_at),
        content_hash=content_hash(title, body),
    )
