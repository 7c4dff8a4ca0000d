"""Sentences and paragraphs of English-like text with the site's inline quirks."""

from __future__ import annotations

import random
from typing import Literal

from . import vocab
from .blocks import Inline
from .picks import between, pick
from .slugs import author_slug


def words(rng: random.Random, low: int, high: int) -> str:
    """``low`` to ``high`` words from the word list."""
    return " ".join(rng.choices(vocab.WORDS, k=between(rng, low, high)))


def sentence(rng: random.Random) -> str:
    """One sentence, sometimes with a comma, a quote or a proper noun."""
    text = words(rng, 6, 16)
    roll = rng.random()
    if roll < 0.12:
        text += f", {pick(rng, vocab.SUBJECTS)} said"
    elif roll < 0.2:
        text += f" in {pick(rng, vocab.PLACES)}"
    elif roll < 0.26:
        text = f"{text} “{words(rng, 2, 5)}”"
    elif roll < 0.3:
        text = f"{text} of {pick(rng, vocab.PLACES).removeprefix('the ')}’s {words(rng, 1, 2)}"
    return text[0].upper() + text[1:] + "."


def lead(rng: random.Random) -> str:
    """The article's lead (tawsiyat description), one or two sentences."""
    first = sentence(rng)
    if rng.random() < 0.3:
        first = first[:-1] + f", as 'Israel' {pick(rng, vocab.VERBS)} {pick(rng, vocab.OBJECTS)}."
    return first if rng.random() < 0.5 else f"{first} {sentence(rng)}"


def paragraph(rng: random.Random) -> tuple[Inline, ...]:
    """A paragraph of 1 to 4 sentences with inline tags, entities and odd whitespace."""
    pieces: list[Inline] = []
    for position in range(between(rng, 1, 4)):
        if position:
            pieces.append(Inline("nbsp") if rng.random() < 0.04 else Inline("text", " "))
        pieces.extend(_sentence_inlines(rng))
    return tuple(pieces)


def _sentence_inlines(rng: random.Random) -> list[Inline]:
    roll = rng.random()
    if roll < 0.08:
        return _person(rng)
    if roll < 0.14:
        return _wrapped(rng, "em")
    if roll < 0.19:
        return _wrapped(rng, "strong")
    if roll < 0.22:
        return [Inline("text", f'The US & EU {words(rng, 3, 8)} "{words(rng, 1, 3)}".')]
    if roll < 0.235:
        return [Inline("text", sentence(rng)), Inline("br"), Inline("text", sentence(rng))]
    if roll < 0.245:
        return [Inline("text", f"Jose\u0301 {words(rng, 4, 9)} in Bogota\u0301.")]
    if roll < 0.27:
        return [Inline("text", sentence(rng).replace(" ", "\n      ", 1))]
    return [Inline("text", sentence(rng))]


def _person(rng: random.Random) -> list[Inline]:
    name = pick(rng, vocab.PEOPLE)
    return [
        Inline("text", f"{words(rng, 3, 6).capitalize()} "),
        Inline("a", name, f"/tags/{author_slug(name)}"),
        Inline("text", f", who {words(rng, 4, 10)}."),
    ]


def _wrapped(rng: random.Random, kind: Literal["em", "strong"]) -> list[Inline]:
    return [
        Inline("text", f"{words(rng, 3, 6).capitalize()} "),
        Inline(kind, words(rng, 1, 3)),
        Inline("text", f" {words(rng, 3, 8)}."),
    ]


def caption(rng: random.Random) -> str:
    """An image caption ending with the agency in parentheses."""
    agency = pick(rng, ("AP", "AFP", "Reuters", "Social media", "Al Mayadeen", "Getty Images"))
    return (
        f"{pick(rng, vocab.SUBJECTS)} {words(rng, 3, 9)} in {pick(rng, vocab.PLACES)}, "
        f"{between(rng, 1, 28)} {pick(rng, ('March', 'June', 'October'))} ({agency})"
    )


def heading(rng: random.Random) -> str:
    """A body sub-heading."""
    if rng.random() < 0.5:
        return pick(rng, vocab.HEADINGS)
    return f"The {pick(rng, vocab.OBJECTS)} question"
