"""The shell every HTML page shares: head, header with both menu copies, ticker, footer."""

from __future__ import annotations

import random
from html import escape

from . import vocab
from .menus import LIVE, REGIONS, SECTIONS
from .picks import pick

SITE_NAME = "Al Mayadeen English"


def _menu(css_class: str) -> str:
    items: list[str] = []
    for section in SECTIONS:
        link = f'<a href="{section.path}">{escape(section.label)}</a>'
        if not section.categories:
            items.append(f'<li class="menu-item">{link}</li>')
            continue
        subs = "".join(
            f'<li><a href="{item.path}">{escape(item.label)}</a></li>' for item in section.categories
        )
        items.append(f'<li class="menu-item has-sub">{link}<ul class="sub-menu">{subs}</ul></li>')
    items.append(f'<li class="menu-item live"><a href="{LIVE.path}">{LIVE.label}</a></li>')
    return f'<nav class="{css_class}"><ul>{"".join(items)}</ul></nav>'


_REGION_MENU = (
    '<nav class="region-menu"><ul>'
    + "".join(f'<li><a href="{item.path}">{escape(item.label)}</a></li>' for item in REGIONS)
    + "</ul></nav>"
)
HEADER = (
    '<header class="site-header">\n'
    '<ul class="lang-links"><li><a href="https://www.almayadeen.net/">Ar</a></li>'
    '<li><a href="https://espanol.almayadeen.net/">Es</a></li></ul>\n'
    f'<a class="logo" href="/">{SITE_NAME}</a><span class="slogan">Slogan</span>\n'
    f"{_menu('main-menu')}\n{_menu('main-menu mobile')}\n{_REGION_MENU}\n</header>\n"
)
FOOTER = (
    '<footer class="site-footer">\n'
    f'<div class="footer-brand"><span>{SITE_NAME}</span>'
    "<span>Al Mayadeen is an Arab Independent Media Satellite Channel.</span></div>\n"
    '<div class="copyright">All Rights Reserved</div>\n'
    '<ul class="footer-links"><li><a href="/privacy-policy">Privacy Policy</a></li>'
    '<li><a href="/about-us">About Us</a></li><li><a href="/contact-us">Contact Us</a></li>'
    '<li><a href="/authors">Authors</a></li></ul>\n</footer>\n'
)


def ticker(seed: int) -> str:
    """The BREAKING ticker: ten seed-dependent one-liners (never article text)."""
    rng = random.Random(f"ticker-{seed}")
    items = "".join(f'<li class="ticker__item">{escape(_breaking(rng))}</li>' for _ in range(10))
    return f'<div class="breaking"><span class="breaking-label">BREAKING</span><ul>{items}</ul></div>\n'


def _breaking(rng: random.Random) -> str:
    return (
        f"Al Mayadeen's correspondent: {pick(rng, vocab.SUBJECTS)} {pick(rng, vocab.VERBS)} "
        f"{pick(rng, vocab.OBJECTS)} near {pick(rng, vocab.PLACES)}"
    )


def page(title: str, head: str, content: str, breaking: str) -> str:
    """A whole HTML document around ``content``."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{head}</head>\n<body>\n{HEADER}{breaking}"
        f'<main class="site-content">\n{content}</main>\n{FOOTER}</body>\n</html>\n'
    )
