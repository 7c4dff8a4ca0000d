"""Fault switches (``--faults``, ``--drift``) and their transient, deterministic injection."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from .generate import unit_hash

FAULT_KINDS = ("500", "502", "503", "429", "slow", "truncate", "reset", "challenge")
MAX_STREAK = 2  # the same path never faults more than twice in a row
EXEMPT_PREFIXES = ("/_replica/", "/robots.txt")


def parse_rate(text: str) -> float:
    """``10%`` -> 0.1; ``0.1`` -> 0.1; must land in [0, 1]."""
    text = text.strip()
    rate = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"rate out of [0, 1]: {text!r}")
    return rate


@dataclass(frozen=True)
class Switches:
    """What the replica does besides serving the site faithfully."""

    faults: dict[str, float] = field(default_factory=dict)
    drift: float = 0.0
    slow_seconds: float = 3.0

    def __post_init__(self) -> None:
        unknown = set(self.faults) - set(FAULT_KINDS)
        if unknown:
            raise ValueError(f"unknown fault kinds: {sorted(unknown)}; known: {FAULT_KINDS}")
        if sum(self.faults.values()) > 1.0:
            raise ValueError("fault rates add up to more than 100%")

    @classmethod
    def parse(cls, faults: str = "", drift: str = "0", slow_seconds: float = 3.0) -> Switches:
        """From CLI strings such as ``"500:10%,429:5%,slow:3%"`` and ``"10%"``."""
        rates: dict[str, float] = {}
        for item in filter(None, (part.strip() for part in faults.split(","))):
            kind, sep, rate = item.partition(":")
            if not sep:
                raise ValueError(f"fault {item!r} is not KIND:RATE")
            rates[kind.strip()] = rates.get(kind.strip(), 0.0) + parse_rate(rate)
        return cls(rates, parse_rate(drift), slow_seconds)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for ``/_replica/info.json``."""
        return {"faults": dict(self.faults), "drift": self.drift, "slow_seconds": self.slow_seconds}


class FaultPlan:
    """Decides the fault of the n-th request to a path; thread-safe, deterministic per path."""

    def __init__(self, switches: Switches, seed: int) -> None:
        self.switches = switches
        self.seed = seed
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        self._streaks: dict[str, int] = {}

    def decide(self, target: str) -> str | None:
        """The fault kind for this request to ``target`` (path + query), or None."""
        if not self.switches.faults or target.startswith(EXEMPT_PREFIXES):
            return None
        with self._lock:
            count = self._counts.get(target, 0)
            self._counts[target] = count + 1
            streak = self._streaks.get(target, 0)
            kind = None if streak >= MAX_STREAK else self.raw(target, count)
            self._streaks[target] = streak + 1 if kind else 0
        return kind

    def raw(self, target: str, count: int) -> str | None:
        """The hash-drawn fault of request number ``count`` (0-based), ignoring streaks."""
        roll = unit_hash("fault", self.seed, target, count)
        for kind in FAULT_KINDS:
            roll -= self.switches.faults.get(kind, 0.0)
            if roll < 0:
                return kind
        return None
