"""Non-article HTML: ``type: page`` pages, the 404 page and the Cloudflare challenge."""

from __future__ import annotations

from html import escape

from . import tawsiyat
from .layout import SITE_NAME, page

_TEXT = {
    "/live": "Watch Al Mayadeen English live, around the clock.",
    "/about-us": "Al Mayadeen is an Arab Independent Media Satellite Channel.",
    "/privacy-policy": "We respect your privacy. This page explains which data we keep.",
    "/contact-us": "Write to the newsroom through the form below.",
}


def info_page(path: str, title: str, url: str, breaking: str) -> str:
    """A non-post page: tawsiyat ``"type": "page"`` and no ``article.article-details``."""
    head = tawsiyat.script(tawsiyat.page_metadata(title, url)) + (
        f'<link rel="canonical" href="{escape(url)}">\n<meta property="og:type" content="website">\n'
    )
    content = (
        f'<section class="page-content"><h1>{escape(title)}</h1><p>{escape(_TEXT[path])}</p></section>\n'
    )
    return page(f"{title} | {SITE_NAME}", head, content, breaking)


def not_found_page() -> str:
    """A small 404 page."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Page not found | {SITE_NAME}</title></head>"
        "<body><h1>404</h1><p>The page you are looking for does not exist.</p></body></html>\n"
    )


def challenge_page() -> str:
    """A Cloudflare-style interstitial."""
    return (
        '<!DOCTYPE html>\n<html lang="en-US"><head><title>Just a moment...</title>'
        '<meta http-equiv="refresh" content="390"></head><body>'
        '<div class="main-wrapper"><h1>english.almayadeen.net</h1>'
        "<p>Verifying you are human. This may take a few seconds.</p>"
        "<noscript>Enable JavaScript and cookies to continue</noscript></div>"
        "</body></html>\n"
    )
