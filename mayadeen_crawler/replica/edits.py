"""``--updated K``: K base articles edited after publication (later ``last_updated``, a new paragraph).

Which articles are edited is drawn by hash from (seed, rank), so the K chosen for a
smaller K are among those chosen for a larger one. An edit moves ``updated`` (tawsiyat
``last_updated``, ``article:modified_time``, sitemap ``<lastmod>``) to a time after the
replica's "now" and rewrites the last non-empty paragraph of the body; nothing else moves.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import replace
from typing import TYPE_CHECKING

from . import prose
from .beirut import REFERENCE
from .blocks import Body, Inline, TextBlock, inline_text
from .generate import unit_hash
from .picks import between

if TYPE_CHECKING:
    from .meta import ArticleMeta


def edited_ranks(seed: int, count: int, updated: int) -> list[int]:
    """Ranks of the ``updated`` base articles that were edited (0 is the newest base article)."""
    if updated <= 0:
        return []
    return heapq.nsmallest(updated, range(count), key=lambda rank: unit_hash("edited", seed, rank))


def _rng(meta: ArticleMeta) -> random.Random:
    return random.Random(f"edit|{meta.key}")


def edit_meta(meta: ArticleMeta) -> None:
    """Mark ``meta`` edited, with a ``last_updated`` 1 to 24 hours after the later of REFERENCE and now."""
    meta.updated = max(meta.updated, REFERENCE) + between(_rng(meta), 3600, 86400)
    meta.edited = True


def edit_body(meta: ArticleMeta, body: Body) -> Body:
    """``body`` with its last non-empty paragraph rewritten."""
    rng = _rng(meta)
    rng.random()  # the draw edit_meta used for the time
    blocks = list(body.blocks)
    for position in reversed(range(len(blocks))):
        block = blocks[position]
        if isinstance(block, TextBlock) and block.tag == "p" and inline_text(block.inlines):
            text = f"Update: {prose.sentence(rng)} {prose.sentence(rng)}"
            blocks[position] = TextBlock("p", (Inline("text", text),))
            break
    return replace(body, blocks=tuple(blocks))
