"""Generates an article's text lazily and deterministically from its metadata's key."""

from __future__ import annotations

import random

from . import prose, vocab
from .blocks import Block, Body, Inline, Related, TextBlock, Tweet
from .meta import ArticleMeta
from .picks import between, distinct, pick


def make_body(meta: ArticleMeta, count: int, newer: int = 0) -> Body:
    """Lead, caption and body blocks of ``meta`` in a base corpus of ``count`` with ``newer`` on top.

    Related News links go to older articles, drawn by rank (see ``generate``), so a base
    article links to the same articles whatever ``newer`` is.
    """
    rng = random.Random(meta.key + 1)
    description = prose.lead(rng)
    caption = prose.caption(rng) if meta.has_caption else None
    blocks: list[Block] = []
    if rng.random() < 0.12:
        blocks.append(TextBlock("p", (Inline("text", description),)))
    for position in range(between(rng, 4, 14)):
        if position >= 2 and rng.random() < 0.18:
            blocks.append(_heading(rng))
        blocks.append(TextBlock("p", prose.paragraph(rng), _leading(rng)))
    if rng.random() < 0.08:
        blocks.insert(between(rng, 1, len(blocks)), TextBlock("p", (Inline("nbsp"),)))
    if count > 2 and rng.random() < 0.6:
        blocks.insert(between(rng, 1, len(blocks) - 1), _related(rng, meta.index - newer, count, newer))
    if rng.random() < 0.15:
        blocks.insert(between(rng, 1, len(blocks)), _tweet(rng))
    return Body(description, caption, tuple(blocks))


def _heading(rng: random.Random) -> TextBlock:
    text = (Inline("text", prose.heading(rng)),)
    return TextBlock("h2", text) if rng.random() < 0.25 else TextBlock("h3", text)


def _leading(rng: random.Random) -> str:
    return pick(rng, ("\n  ", " ", "\xa0")) if rng.random() < 0.05 else ""


def _related(rng: random.Random, rank: int, count: int, newer: int) -> Related:
    older = range(rank + 1, min(count, rank + 300))
    pool = list(older) if len(older) >= 2 else [i for i in range(count) if i != rank]
    targets = tuple(newer + target for target in distinct(rng, pool, 2))
    return Related(targets, absolute=rng.random() < 0.3)


def _tweet(rng: random.Random) -> Tweet:
    name, handle = pick(rng, vocab.TWEETERS)
    date = f"{pick(rng, ('March', 'June', 'October'))} {between(rng, 1, 28)}, 2025"
    return Tweet(prose.sentence(rng), name, handle, between(rng, 10**18, 10**19 - 1), date)
