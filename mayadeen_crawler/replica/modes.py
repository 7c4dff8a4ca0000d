"""Browser modes of the replica (``--mode``): Cloudflare-style challenges, JS listings, hanging pages.

- ``challenge``: every page answers the 403 challenge unless the request carries a
  clearance cookie valid for its User-Agent (see ``clearance.py``).
- ``js-listing``: listings paginate through a "Load more" button without ``href``
  whose script reads ``/api/listing`` (JSON); the endpoint is named on the button.
- ``js-listing-hidden``: the same, but the endpoint appears nowhere in the markup
  (only a browser that runs the script gets past page 1).
- ``browser-hang``: a share (``hang_share``) of the article pages loads a blocking
  script that never arrives, so a browser never finishes loading them; plain HTTP
  clients get the whole HTML as usual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MODE_NAMES = ("challenge", "js-listing", "js-listing-hidden", "browser-hang")


@dataclass(frozen=True)
class Modes:
    """Which browser modes are on, and their knobs."""

    challenge: bool = False
    js_listing: str | None = None  # None, "api" (endpoint on the button) or "hidden"
    hang_share: float = 0.0
    clearance_uses: int = 0  # requests a clearance cookie is good for; 0 = unlimited
    clearance_seconds: float = 0.0  # how long a clearance cookie lives; 0 = forever

    @classmethod
    def parse(
        cls,
        names: str = "",
        *,
        clearance_uses: int = 0,
        clearance_seconds: float = 0.0,
        hang_share: float = 0.05,
    ) -> Modes:
        """From ``"challenge,js-listing"``; unknown names raise ``ValueError``."""
        chosen = [name.strip() for name in names.split(",") if name.strip()]
        unknown = sorted(set(chosen) - set(MODE_NAMES))
        if unknown:
            raise ValueError(f"unknown modes: {unknown}; known: {list(MODE_NAMES)}")
        if "js-listing" in chosen and "js-listing-hidden" in chosen:
            raise ValueError("choose one of js-listing and js-listing-hidden")
        if clearance_uses < 0 or clearance_seconds < 0 or not 0.0 <= hang_share <= 1.0:
            raise ValueError("clearance limits must be >= 0 and the hang share in [0, 1]")
        js_listing = "api" if "js-listing" in chosen else "hidden" if "js-listing-hidden" in chosen else None
        return cls(
            challenge="challenge" in chosen,
            js_listing=js_listing,
            hang_share=hang_share if "browser-hang" in chosen else 0.0,
            clearance_uses=clearance_uses,
            clearance_seconds=clearance_seconds,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for ``/_replica/info.json``."""
        return {
            "challenge": self.challenge,
            "js_listing": self.js_listing,
            "hang_share": self.hang_share,
            "clearance_uses": self.clearance_uses,
            "clearance_seconds": self.clearance_seconds,
        }
