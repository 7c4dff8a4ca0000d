"""Read the site's section and region menus from a page header (spec section 2).

``nav.main-menu`` (desktop and mobile copies, merged) and ``nav.region-menu`` first;
when those classes are gone, any ``ul``/``nav`` whose links carry several of the known
menu labels. Paths are kept path-only, as in ``site.KNOWN_MENU``.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from lxml import etree

from mayadeen_crawler.cleaning import collapse_whitespace, element_text
from mayadeen_crawler.parsers._dom import Element, compile_xpath, has_class_token, url_path
from mayadeen_crawler.site import KNOWN_MENU, MenuItem, SiteMenu

if TYPE_CHECKING:
    from collections.abc import Iterable

    from parsel import Selector

_TOP_LIST = compile_xpath("(.//ul)[1]")
_LIST_ITEMS = compile_xpath("./li")
_NESTED_LISTS = compile_xpath("./ul | ./*[not(self::a)]//ul")
_LINKS = compile_xpath(".//a[@href]")
_CANDIDATES = compile_xpath("//ul[li] | //nav")
MIN_KNOWN_LABELS = 3
CACHE_SIZE = 32
_BULLETS = "•·|> \u00a0"


def parse_menu(sel: Selector, known: SiteMenu = KNOWN_MENU) -> SiteMenu:
    """The page's menus; an empty ``SiteMenu`` when the page has none.

    Pages of one site repeat the same header, so the result is memoised on the exact
    markup of the page's ``nav.main-menu``/``nav.region-menu`` elements (and on the
    identity of ``known``: hashing the frozen menu tree costs more than the lookup). A
    menu completed from the fallback scans of the whole page is not memoised: it depends
    on more than that markup. The latest entry is checked first by plain string equality,
    which spares hashing the (several kB) key on the common hit.
    """
    root = sel.root
    if isinstance(root, str):
        return SiteMenu(sections=())
    main_navs, region_navs = _navs(root)
    key = "".join(
        etree.tostring(nav, with_tail=False, encoding="unicode") for nav in (*main_navs, *region_navs)
    )
    if not key:
        return _read_menu(root, main_navs, region_navs, known)[0]
    latest = _LATEST[0] if _LATEST else None
    if latest is not None and latest[1] is known and latest[0] == key:
        return latest[2]
    cached = _CACHE.get((key, id(known)))
    if cached is not None and cached[0] is known:
        _CACHE.move_to_end((key, id(known)))
        _LATEST[:] = [(key, known, cached[1])]
        return cached[1]
    menu, from_navs_only = _read_menu(root, main_navs, region_navs, known)
    if from_navs_only:
        _CACHE[(key, id(known))] = (known, menu)
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
        _LATEST[:] = [(key, known, menu)]
    return menu


_CACHE: OrderedDict[tuple[str, int], tuple[SiteMenu, SiteMenu]] = OrderedDict()
_LATEST: list[tuple[str, SiteMenu, SiteMenu]] = []  # the entry served last, at most one


def _navs(root: Element) -> tuple[list[Element], list[Element]]:
    """The document's ``nav.main-menu`` and ``nav.region-menu`` elements, in document order."""
    main: list[Element] = []
    regions: list[Element] = []
    for nav in root.getroottree().getroot().iter("nav"):
        if has_class_token(nav, "main-menu"):
            main.append(nav)
        if has_class_token(nav, "region-menu"):
            regions.append(nav)
    return main, regions


def _read_menu(
    root: Element, main_navs: list[Element], region_navs: list[Element], known: SiteMenu
) -> tuple[SiteMenu, bool]:
    """The menus, and whether the navs alone gave them (no fallback scan of the page)."""
    sections = _merge(item for nav in main_navs for item in _nav_items(nav))
    regions = _dedupe_flat(link for nav in region_navs for link in _links(nav))
    from_navs_only = bool(sections and regions)
    if not sections:
        sections = _fallback_sections(root, {m.label.casefold() for m in known.sections})
    if not regions:
        regions = _fallback_regions(root, {m.label.casefold() for m in known.regions})
    return SiteMenu(sections=sections, regions=regions), from_navs_only


# --- structure of one menu ----------------------------------------------------------------


def _label(link: Element) -> str:
    return collapse_whitespace(element_text(link)).strip(_BULLETS)


def _link_item(link: Element) -> MenuItem | None:
    label = _label(link)
    return MenuItem(label, url_path(link.get("href"))) if label else None


def _links(scope: Element) -> list[MenuItem]:
    return [item for item in map(_link_item, _LINKS(scope)) if item is not None]


def _own_link(li: Element) -> Element | None:
    """The first link of a list item that is not inside one of its sub-lists."""
    for link in li.iter("a"):
        owner = next(link.iterancestors("li"), None)
        if owner is li:
            return link
    return None


def _list_item(li: Element) -> MenuItem | None:
    link = _own_link(li)
    head = _link_item(link) if link is not None else None
    if head is None:
        return None
    children = _dedupe_flat(item for sub in _NESTED_LISTS(li) for item in _links(sub))
    path = head.path or _common_parent_path(children)
    return MenuItem(head.label, path, children)


def _list_items(ul: Element) -> list[MenuItem]:
    return [item for item in map(_list_item, _LIST_ITEMS(ul)) if item is not None]


def _nav_items(nav: Element) -> list[MenuItem]:
    top = _TOP_LIST(nav)
    if top:
        return _list_items(top[0])
    return _tree_by_path(_links(nav))


def _common_parent_path(children: Iterable[MenuItem]) -> str:
    """``/news`` for children ``/news/politics`` and ``/news/economy``; else empty."""
    heads = {child.path.strip("/").split("/")[0] for child in children if child.path.strip("/")}
    return f"/{heads.pop()}" if len(heads) == 1 else ""


def _tree_by_path(links: list[MenuItem]) -> list[MenuItem]:
    """Flat links as a tree: a link whose path extends another's is that one's child."""
    tops: dict[str, list[MenuItem]] = {}
    labels: dict[str, MenuItem] = {}
    for link in links:
        parent = next((p for p in labels if p and link.path.startswith(p.rstrip("/") + "/")), None)
        if parent is not None:
            tops[parent].append(link)
        elif link.path not in labels:
            labels[link.path] = link
            tops[link.path] = []
    return [MenuItem(item.label, item.path, tuple(tops[path])) for path, item in labels.items()]


# --- merging copies ---------------------------------------------------------------------------


def _dedupe_flat(items: Iterable[MenuItem]) -> tuple[MenuItem, ...]:
    seen: dict[str, MenuItem] = {}
    for item in items:
        key = item.label.casefold()
        if key not in seen or (not seen[key].path and item.path):
            seen[key] = MenuItem(item.label, item.path)
    return tuple(seen.values())


def _merge(items: Iterable[MenuItem]) -> tuple[MenuItem, ...]:
    merged: dict[str, MenuItem] = {}
    for item in items:
        key = item.label.casefold()
        earlier = merged.get(key)
        if earlier is None:
            merged[key] = item
            continue
        children = _dedupe_flat((*earlier.children, *item.children))
        merged[key] = MenuItem(earlier.label, earlier.path or item.path, children)
    return tuple(merged.values())


# --- fallbacks without the menu classes ----------------------------------------------------------


def _known_count(items: Iterable[MenuItem], known: set[str]) -> int:
    return len({item.label.casefold() for item in items} & known)


def _fallback_sections(root: Element, known: set[str]) -> tuple[MenuItem, ...]:
    found: list[MenuItem] = []
    for candidate in _CANDIDATES(root):
        if candidate.tag == "ul":
            items = _list_items(candidate)
        elif not _TOP_LIST(candidate):
            items = _tree_by_path(_links(candidate))
        else:
            continue
        if _known_count(items, known) >= MIN_KNOWN_LABELS:
            found.extend(items)
    return _merge(found)


def _fallback_regions(root: Element, known: set[str]) -> tuple[MenuItem, ...]:
    best: list[MenuItem] | None = None
    for candidate in _CANDIDATES(root):
        links = _links(candidate)
        if _known_count(links, known) >= MIN_KNOWN_LABELS and (best is None or len(links) < len(best)):
            best = links
    return _dedupe_flat(best or ())
