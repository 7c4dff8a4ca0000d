"""Fast deterministic draws on top of ``random.Random.random`` (the stdlib helpers are slow)."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """One element of ``items``."""
    return items[int(rng.random() * len(items))]


def between(rng: random.Random, low: int, high: int) -> int:
    """An integer in ``[low, high]``."""
    return low + int(rng.random() * (high - low + 1))


def distinct(rng: random.Random, items: Sequence[T], count: int) -> list[T]:
    """``count`` different elements of ``items`` in draw order."""
    if count == 1:
        return [pick(rng, items)]
    chosen: list[int] = []
    while len(chosen) < count:
        position = int(rng.random() * len(items))
        if position not in chosen:
            chosen.append(position)
    return [items[position] for position in chosen]


class Weighted(Generic[T]):
    """Draws from a fixed weighted list in O(log n)."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self._items = items
        self._cumulative = list(accumulate(weights))

    def draw(self, rng: random.Random) -> T:
        """One element, with probability proportional to its weight."""
        return self._items[bisect(self._cumulative, rng.random() * self._cumulative[-1])]
