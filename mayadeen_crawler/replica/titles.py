"""Headline generator: colons, curly quotes, 'Israel' in quotes, commas, digits."""

from __future__ import annotations

import random
from collections.abc import Callable

from . import vocab
from .picks import between, distinct, pick

TitleMaker = Callable[[random.Random], str]
_DISAMBIGUATORS = ("again", "today", "report", "update", "latest", "sources", "official", "live")


def _plain(rng: random.Random) -> str:
    return (
        f"{pick(rng, vocab.SUBJECTS)} {pick(rng, vocab.VERBS)} "
        f"{pick(rng, vocab.OBJECTS)} in {pick(rng, vocab.PLACES)}"
    )


def _colon(rng: random.Random) -> str:
    return (
        f"{pick(rng, vocab.SUBJECTS)}: {pick(rng, vocab.OBJECTS)} "
        f"{pick(rng, ('near', 'in', 'off', 'around'))} {pick(rng, vocab.PLACES)}"
    )


def _wave(rng: random.Random) -> str:
    first, second = distinct(rng, vocab.OBJECTS, 2)
    return (
        f"Wave {between(rng, 2, 40)} of {pick(rng, vocab.OPERATIONS)} {between(rng, 1, 5)}: "
        f"enemy {first}, {second}"
    )


def _israel(rng: random.Random) -> str:
    return (
        f"'Israel' {pick(rng, vocab.VERBS)} {pick(rng, vocab.OBJECTS)} "
        f"on {pick(rng, vocab.PLACES)}, {pick(rng, vocab.SUBJECTS)} says"
    )


def _quote(rng: random.Random) -> str:
    subject = pick(rng, vocab.SUBJECTS)
    return f"{subject}: “{pick(rng, vocab.OBJECTS).capitalize()} won’t pass”"


def _possessive(rng: random.Random) -> str:
    place = pick(rng, vocab.PLACES).removeprefix("the ")
    return (
        f"{place}’s {pick(rng, vocab.OBJECTS)} "
        f"{pick(rng, ('stalls', 'grows', 'collapses', 'resumes'))} as {pick(rng, vocab.SUBJECTS)} "
        f"{pick(rng, vocab.VERBS)} {pick(rng, vocab.OBJECTS)}"
    )


def _toll(rng: random.Random) -> str:
    return (
        f"{between(rng, 2, 120)} killed as {pick(rng, vocab.SUBJECTS)} {pick(rng, vocab.VERBS)} "
        f"{pick(rng, vocab.OBJECTS)}, {pick(rng, vocab.OBJECTS)}"
    )


_MAKERS: tuple[TitleMaker, ...] = (
    _plain,
    _plain,
    _plain,
    _colon,
    _colon,
    _wave,
    _israel,
    _quote,
    _possessive,
    _toll,
)


def make_title(rng: random.Random) -> str:
    """One headline, first letter upper-cased."""
    title = pick(rng, _MAKERS)(rng)
    return title[0].upper() + title[1:]


def disambiguate(title: str, attempt: int) -> str:
    """A variant of ``title`` whose slug differs: a word appended, or a numbered prefix."""
    if attempt < len(_DISAMBIGUATORS) and len(title) < 50:
        return f"{title} {_DISAMBIGUATORS[attempt]}"
    return f"Update {attempt}: {title}"
