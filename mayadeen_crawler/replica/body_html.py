"""HTML of the body container's blocks: paragraphs, sub-headings, Related News, tweets."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .blocks import Block, Inline, Related, TextBlock, Tweet

if TYPE_CHECKING:
    from .corpus import Corpus

_ENTITY = {"nbsp": "&nbsp;", "br": "<br>"}


def inline_html(piece: Inline) -> str:
    """One inline piece as markup."""
    if piece.kind == "text":
        return escape(piece.text)
    if piece.kind == "a":
        return f'<a href="{escape(piece.href)}">{escape(piece.text)}</a>'
    if piece.kind in ("em", "strong"):
        return f"<{piece.kind}>{escape(piece.text)}</{piece.kind}>"
    return _ENTITY[piece.kind]


def block_html(corpus: Corpus, block: Block) -> str:
    """One block of the body container."""
    if isinstance(block, TextBlock):
        inner = "".join(inline_html(piece) for piece in block.inlines)
        return f"<{block.tag}>{block.leading}{inner}</{block.tag}>\n"
    if isinstance(block, Related):
        return _related(corpus, block)
    return _tweet(block)


def _related(corpus: Corpus, block: Related) -> str:
    links = []
    for target in block.targets:
        href = corpus.url(target) if block.absolute else corpus.metas[target].path
        links.append(f'<a href="{escape(href)}">{escape(corpus.metas[target].title)}</a>')
    return f'<div class="related-news"><h4>Related News</h4>{"".join(links)}</div>\n'


def _tweet(tweet: Tweet) -> str:
    status = f"https://twitter.com/{tweet.handle}/status/{tweet.status_id}?ref_src=twsrc%5Etfw"
    return (
        '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">'
        f'{escape(tweet.text)} <a href="https://t.co/{tweet.status_id % 99991}">pic.twitter.com/x</a></p>'
        f'&mdash; {escape(tweet.name)} (@{tweet.handle}) <a href="{escape(status)}">{tweet.date}</a>'
        '</blockquote>\n<script async src="https://platform.twitter.com/widgets.js" charset="utf-8">'
        "</script>\n"
    )


def body_html(corpus: Corpus, blocks: tuple[Block, ...], css_class: str) -> str:
    """The body container ``div`` with all its blocks."""
    inner = "".join(block_html(corpus, block) for block in blocks)
    return f'<div class="{css_class}">\n{inner}</div>\n'
