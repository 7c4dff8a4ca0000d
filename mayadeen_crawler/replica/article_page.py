"""An article page: head meta tags, tawsiyat, the article itself and its asides."""

from __future__ import annotations

from bisect import bisect_right
from html import escape
from typing import TYPE_CHECKING

from . import tawsiyat, vocab
from .beirut import iso, visible_datetime
from .body_html import body_html
from .cards import cards
from .layout import SITE_NAME, page
from .slugs import author_slug

if TYPE_CHECKING:
    from .blocks import Body
    from .corpus import Corpus
    from .meta import ArticleMeta

DRIFT_BODY_CLASS = "article-body-text"


def article_page(corpus: Corpus, index: int, breaking: str, most_read: str) -> str:
    """The whole HTML of article ``index``."""
    meta = corpus.metas[index]
    body = corpus.body(index)
    content = _article(corpus, meta, body) + _coverage_box(meta) + most_read + _read_next(corpus, meta)
    return page(f"{meta.title} | {SITE_NAME}", _head(corpus, meta, body), content, breaking)


def _head(corpus: Corpus, meta: ArticleMeta, body: Body) -> str:
    url = corpus.url(meta.index)
    image = corpus.image_url(meta.index)
    description = escape(" ".join(body.description.split()))
    tags = [
        f'<link rel="canonical" href="{escape(url)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{escape(meta.title)}">',
        f'<meta property="og:description" content="{description}">',
        f'<meta property="og:image" content="{escape(image)}">' if image else "",
        f'<meta property="og:url" content="{escape(url)}">',
        f'<meta property="article:published_time" content="{iso(meta.published)}">',
        f'<meta property="article:modified_time" content="{iso(meta.updated)}">',
        f'<meta name="keywords" content="{escape(meta.keywords)}">',
        f'<meta name="author" content="{escape(meta.byline)}">',
        f'<meta name="description" content="{description}">',
    ]
    head = "\n".join(tag for tag in tags if tag) + "\n"
    if meta.drift:
        return head
    return tawsiyat.script(tawsiyat.article_metadata(meta, body, url, image)) + head


def _article(corpus: Corpus, meta: ArticleMeta, body: Body) -> str:
    read_time = f'<span class="read-time">{body.read_time} Min Read</span>\n' if meta.has_read_time else ""
    container = DRIFT_BODY_CLASS if meta.drift else "p-content"
    return (
        '<article class="article-details">\n'
        f'<h1 class="article-title">{escape(meta.title)}</h1>\n'
        f"{_info(meta)}{read_time}"
        f'<div class="lg_para">{escape(body.description)}</div>\n'
        f"{_figure(corpus, meta, body)}{_share(corpus.url(meta.index))}"
        f"{body_html(corpus, body.blocks, container)}{_tags(meta)}</article>\n"
    )


def _info(meta: ArticleMeta) -> str:
    links = [f'<a href="/authors/{author_slug(name)}">{escape(name)}</a>' for name in meta.authors]
    byline = links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]
    source = f'<li class="source">Source: {escape(meta.source)}</li>\n' if meta.source else ""
    shown = visible_datetime(meta.published, omit_current_year=meta.omit_year)
    return (
        '<ul class="article-info">\n'
        f'<li class="author">By {byline}</li>\n{source}'
        f'<li class="date"><time datetime="{iso(meta.published)}">{shown}</time></li>\n</ul>\n'
    )


def _figure(corpus: Corpus, meta: ArticleMeta, body: Body) -> str:
    image = corpus.image_url(meta.index)
    if image is None:
        return ""
    caption = ""
    if body.caption is not None:
        caption = f'<figcaption class="media-caption">{escape(body.caption)}</figcaption>'
    return (
        f'<figure class="main-image"><img src="{escape(image)}" alt="{escape(meta.title)}">'
        f"{caption}</figure>\n"
    )


def _share(url: str) -> str:
    target = escape(url)
    return (
        '<ul class="share">'
        f'<li><a href="https://twitter.com/intent/tweet?url={target}">x</a></li>'
        f'<li><a href="https://www.facebook.com/sharer/sharer.php?u={target}">Facebook</a></li>'
        "</ul>\n"
    )


def _tags(meta: ArticleMeta) -> str:
    names = meta.tags
    if not names:
        return ""
    items = "".join(f'<li><a href="/tags/{author_slug(name)}">{escape(name)}</a></li>' for name in names)
    return f'<ul class="tags">{items}</ul>\n'


def _coverage_box(meta: ArticleMeta) -> str:
    topic = meta.coverage or "War on Gaza"
    return (
        f'<aside class="coverage-box"><h3>{escape(topic)}</h3>'
        f"<p>{escape(vocab.COVERAGES[topic])}</p></aside>\n"
    )


def _read_next(corpus: Corpus, meta: ArticleMeta) -> str:
    listing = corpus.listings[meta.listing_path]
    start = bisect_right(listing, meta.index)
    picks = [listing[(start + step) % len(listing)] for step in range(min(4, len(listing) - 1))]
    return f'<section class="read-next"><h2>Read Next</h2>\n{cards(corpus, picks)}</section>\n'
