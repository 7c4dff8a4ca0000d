"""Article cards (listings, home, author pages, Most Read, Read Next) and the load-more link."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .beirut import visible_date

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .corpus import Corpus


def card(corpus: Corpus, index: int) -> str:
    """One ``div.news-card`` linking to article ``index``."""
    meta = corpus.metas[index]
    title = escape(meta.title)
    image = corpus.image_url(index)
    img = f'<img src="{escape(image)}" alt="{title}">' if image else ""
    label = escape(meta.category or meta.section.label)
    return (
        f'<div class="news-card"><a href="{escape(meta.path)}">{img}'
        f'<div class="media-caption"><h3>{title}</h3></div></a>'
        f'<span class="card-category">{label}</span>'
        f'<span class="card-date">{visible_date(meta.published)}</span></div>\n'
    )


def page_card(path: str, title: str) -> str:
    """A card linking to a non-article page such as ``/live``."""
    return (
        f'<div class="news-card page-card"><a href="{escape(path)}">'
        f'<div class="media-caption"><h3>{escape(title)}</h3></div></a></div>\n'
    )


def cards(corpus: Corpus, indices: Iterable[int]) -> str:
    """Cards of several articles."""
    return "".join(card(corpus, index) for index in indices)


def load_more(path: str, next_page: int | None) -> str:
    """The server-rendered pagination link, or nothing on the last page."""
    if next_page is None:
        return ""
    return f'<a class="load-more" href="{escape(path)}?page={next_page}">Load more</a>\n'
