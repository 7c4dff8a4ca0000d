"""The body model (inline pieces and blocks) and its plain text by contract section 2."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Literal

InlineKind = Literal["text", "a", "em", "strong", "nbsp", "br"]
_PLAIN = {"nbsp": "\xa0", "br": " "}


@dataclass(frozen=True, slots=True)
class Inline:
    """A run of paragraph content: text, an inline tag around text, ``&nbsp;`` or ``<br>``."""

    kind: InlineKind
    text: str = ""
    href: str = ""


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A body block read as text: ``p``, ``h2``, ``h3``."""

    tag: Literal["p", "h2", "h3"]
    inlines: tuple[Inline, ...]
    leading: str = ""  # raw whitespace rendered before the first inline


@dataclass(frozen=True, slots=True)
class Related:
    """An inline Related News box linking to other articles (by index)."""

    targets: tuple[int, ...]
    absolute: bool


@dataclass(frozen=True, slots=True)
class Tweet:
    """An embedded tweet: never body text."""

    text: str
    name: str
    handle: str
    status_id: int
    date: str


Block = TextBlock | Related | Tweet


@dataclass(frozen=True, slots=True)
class Body:
    """An article's text: lead, caption and body blocks, with its plain body text."""

    description: str
    caption: str | None
    blocks: tuple[Block, ...]
    text: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", body_text(self.blocks))

    @property
    def word_count(self) -> int:
        """Whitespace-separated words of the body text."""
        return len(self.text.split())

    @property
    def read_time(self) -> int:
        """Minutes shown as ``N Min Read``."""
        return max(1, round(self.word_count / 200))

    @property
    def related_targets(self) -> list[int]:
        """Indices linked from the Related News boxes, in order, deduplicated."""
        seen: list[int] = []
        for block in self.blocks:
            if isinstance(block, Related):
                seen.extend(target for target in block.targets if target not in seen)
        return seen


def clean(text: str) -> str:
    """Collapse whitespace runs (``\\xa0`` included) to one space, strip, NFC."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def inline_text(inlines: tuple[Inline, ...]) -> str:
    """Text of a block as rendered: inline tags add no space, ``<br>`` is whitespace."""
    return clean("".join(_PLAIN.get(piece.kind, piece.text) for piece in inlines))


def body_text(blocks: tuple[Block, ...]) -> str:
    """Non-empty text blocks joined by a blank line."""
    texts = (inline_text(block.inlines) for block in blocks if isinstance(block, TextBlock))
    return "\n\n".join(text for text in texts if text)
