"""What the site is: base URL, menus as data, and the rules that tie URLs to menu labels.

Pure data and pure functions; no I/O. The menus are normally read from the site's own
header (see ``parsers.menu``); ``KNOWN_MENU`` is the last resort when a page has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

LIVE_BASE_URL = "https://english.almayadeen.net"
NEWS_DESK = "Al Mayadeen English"
SITE_NAME_SUFFIXES = (" | Al Mayadeen English", " - Al Mayadeen English", " | Al Mayadeen")

# Without tawsiyat, the item's `type` follows from its section (docs/contract.md).
POSTTYPE_BY_SECTION = {
    "News": "News",
    "Articles": "Article",
    "Videos": "Video",
    "Infographs": "Infograph",
    "In Pictures": "Gallery",
}
DEFAULT_POSTTYPE = "Article"


@dataclass(frozen=True)
class MenuItem:
    """One menu entry: its label exactly as printed, its path, and its sub-menu."""

    label: str
    path: str
    children: tuple[MenuItem, ...] = ()


@dataclass(frozen=True)
class SiteMenu:
    """The section menu (with sub-menus) and the region menu of the site header."""

    sections: tuple[MenuItem, ...]
    regions: tuple[MenuItem, ...] = field(default=())

    def is_empty(self) -> bool:
        return not self.sections and not self.regions

    def section_of_category(self, label: str) -> tuple[str, str] | None:
        """(section label, category label as the menu spells it) for a sub-menu label."""
        wanted = label.strip().casefold()
        for section in self.sections:
            for child in section.children:
                if child.label.casefold() == wanted:
                    return section.label, child.label
        return None

    def match_url(self, url: str) -> tuple[str | None, str | None]:
        """(section, category) whose menu paths are the longest whole-segment prefix of url."""
        segments = _segments(urlsplit(url).path)
        best: tuple[int, str | None, str | None] = (0, None, None)
        for section in self.sections:
            depth = _prefix_depth(_segments(section.path), segments)
            if depth > best[0]:
                best = (depth, section.label, None)
            for child in section.children:
                child_depth = _prefix_depth(_segments(child.path), segments)
                if child_depth > best[0]:
                    best = (child_depth, section.label, child.label)
        return best[1], best[2]

    def region_label(self, value: str) -> str | None:
        """The region menu label equal to value (case-insensitive), in the menu's spelling."""
        wanted = value.strip().casefold()
        return next((r.label for r in self.regions if r.label.casefold() == wanted), None)


def _segments(path: str) -> tuple[str, ...]:
    return tuple(part.lower() for part in path.split("/") if part)


def _prefix_depth(prefix: tuple[str, ...], segments: tuple[str, ...]) -> int:
    if prefix and segments[: len(prefix)] == prefix:
        return len(prefix)
    return 0


def slugify_title(title: str, max_length: int = 60) -> str:
    """The site's slug rule: lower-case, each non-alphanumeric char one '-', cut, no trailing '-'.

    >>> slugify_title("Wave 12 of True Promise 4: enemy naval assets, fuel tankers")
    'wave-12-of-true-promise-4--enemy-naval-assets--fuel-tankers'
    """
    slug = "".join(c if c.isascii() and c.isalnum() else "-" for c in title.lower())
    return slug[:max_length].rstrip("-")


def _item(label: str, path: str, *children: tuple[str, str]) -> MenuItem:
    return MenuItem(label, path, tuple(MenuItem(c_label, c_path) for c_label, c_path in children))


KNOWN_MENU = SiteMenu(
    sections=(
        _item(
            "News",
            "/news",
            ("Politics", "/news/politics"),
            ("Economy", "/news/economy"),
            ("Sports", "/news/sports"),
            ("Arts&Culture", "/news/arts-culture"),
            ("Health", "/news/health"),
            ("Miscellaneous", "/news/miscellaneous"),
            ("Technology", "/news/technology"),
            ("Environment", "/news/environment"),
        ),
        _item(
            "Articles",
            "/articles",
            ("Opinion", "/articles/opinion"),
            ("Analysis", "/articles/analysis"),
            ("Blog", "/articles/blog"),
            ("Features", "/articles/features"),
        ),
        _item(
            "Videos",
            "/videos",
            ("NewsFeed", "/videos/newsfeed"),
            ("Video Features", "/videos/video-features"),
            ("Explainers", "/videos/explainers"),
            ("TV", "/videos/tv"),
            ("Digital Series", "/videos/digital-series"),
        ),
        _item("Infographs", "/infographs"),
        _item("In Pictures", "/in-pictures"),
    ),
    regions=tuple(
        MenuItem(label, f"/region/{slug}")
        for label, slug in (
            ("Africa", "africa"),
            ("Asia", "asia"),
            ("Asia-Pacific", "asia-pacific"),
            ("Europe", "europe"),
            ("Latin America", "latin-america"),
            ("MENA", "mena"),
            ("Palestine", "palestine"),
            ("US & Canada", "us-canada"),
        )
    ),
)
