"""The replica's own copy of the site map: menus, regions and page paths."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MenuItem:
    """One menu entry: a label as the site spells it and a path."""

    label: str
    path: str


@dataclass(frozen=True, slots=True)
class Section:
    """A top menu item, the posttype of its items and its sub-menu."""

    label: str
    path: str
    posttype: str
    categories: tuple[MenuItem, ...] = ()


def _sub(prefix: str, *pairs: tuple[str, str]) -> tuple[MenuItem, ...]:
    return tuple(MenuItem(label, f"{prefix}/{slug}") for label, slug in pairs)


NEWS = Section(
    "News",
    "/news",
    "News",
    _sub(
        "/news",
        ("Politics", "politics"),
        ("Economy", "economy"),
        ("Sports", "sports"),
        ("Arts&Culture", "arts-culture"),
        ("Health", "health"),
        ("Miscellaneous", "miscellaneous"),
        ("Technology", "technology"),
        ("Environment", "environment"),
    ),
)
ARTICLES = Section(
    "Articles",
    "/articles",
    "Article",
    _sub(
        "/articles",
        ("Opinion", "opinion"),
        ("Analysis", "analysis"),
        ("Blog", "blog"),
        ("Features", "features"),
    ),
)
VIDEOS = Section(
    "Videos",
    "/videos",
    "Video",
    _sub(
        "/videos",
        ("NewsFeed", "newsfeed"),
        ("Video Features", "video-features"),
        ("Explainers", "explainers"),
        ("TV", "tv"),
        ("Digital Series", "digital-series"),
    ),
)
INFOGRAPHS = Section("Infographs", "/infographs", "Infograph")
IN_PICTURES = Section("In Pictures", "/in-pictures", "Gallery")

SECTIONS: tuple[Section, ...] = (NEWS, ARTICLES, VIDEOS, INFOGRAPHS, IN_PICTURES)
LIVE = MenuItem("LIVE", "/live")

REGIONS: tuple[MenuItem, ...] = _sub(
    "/region",
    ("Africa", "africa"),
    ("Asia", "asia"),
    ("Asia-Pacific", "asia-pacific"),
    ("Europe", "europe"),
    ("Latin America", "latin-america"),
    ("MENA", "mena"),
    ("Palestine", "palestine"),
    ("US & Canada", "us-canada"),
)

# Non-post pages: path -> title. They carry tawsiyat with "type": "page".
PAGES: dict[str, str] = {
    "/live": "LIVE",
    "/about-us": "About Us",
    "/privacy-policy": "Privacy Policy",
    "/contact-us": "Contact Us",
}

CATEGORY_SECTION: dict[str, Section] = {
    item.label: section for section in SECTIONS for item in section.categories
}
CATEGORY_PATH: dict[str, str] = {item.label: item.path for section in SECTIONS for item in section.categories}


def listing_paths() -> list[str]:
    """Every listing path of the menus, in menu order."""
    paths: list[str] = []
    for section in SECTIONS:
        paths.append(section.path)
        paths.extend(item.path for item in section.categories)
    paths.extend(item.path for item in REGIONS)
    return paths


def section_of_path(path: str) -> tuple[str | None, str | None]:
    """The URL rule: (section, category) of the longest menu href matching ``path``."""
    segments = [part for part in path.split("/") if part]
    best: tuple[int, str | None, str | None] = (0, None, None)
    for section in SECTIONS:
        candidates: list[tuple[str, str, str | None]] = [(section.path, section.label, None)]
        candidates += [(item.path, section.label, item.label) for item in section.categories]
        for href, top, sub in candidates:
            href_segments = [part for part in href.split("/") if part]
            size = len(href_segments)
            if size > best[0] and segments[:size] == href_segments:
                best = (size, top, sub)
    return best[1], best[2]
