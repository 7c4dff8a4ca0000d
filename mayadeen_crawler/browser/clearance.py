"""The clearance a browser earned (cookies + the User-Agent they are bound to), shared by plain requests.

``ClearanceBroker`` keeps the newest clearance and lets one challenge be solved at a
time: the first request that meets a challenge solves it in the browser, the others
wait for that solve and then retry over plain HTTP with the new cookie.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Mapping

    from scrapy import Request

GENERATION = "mayadeen_clearance"
"""Request meta: the generation of the clearance the request was sent with."""


@dataclass(frozen=True)
class Clearance:
    """Cookies from the browser and the User-Agent that earned them."""

    cookies: tuple[Mapping[str, Any], ...]
    user_agent: str
    generation: int

    def apply(self, request: Request) -> None:
        """Send ``request`` with this User-Agent and these cookies, added to its ``Cookie`` header.

        The cookies go straight into the header (after Scrapy's CookiesMiddleware), not
        into Scrapy's cookie jar: the browser owns them, and a newer clearance replaces them.
        """
        parts = urlsplit(request.url)
        ours = [c for c in self.cookies if _matches(c, parts.hostname or "", parts.path or "/", parts.scheme)]
        names = {str(cookie["name"]) for cookie in ours}
        header = (request.headers.get(b"Cookie") or b"").decode("latin-1")
        kept = [pair for pair in header.split("; ") if pair and pair.split("=", 1)[0] not in names]
        request.headers[b"Cookie"] = "; ".join(kept + [f"{c['name']}={c['value']}" for c in ours])
        request.headers[b"User-Agent"] = self.user_agent
        request.meta[GENERATION] = self.generation


def _matches(cookie: Mapping[str, Any], host: str, path: str, scheme: str) -> bool:
    """Domain and path match as Playwright reports cookies (a leading dot: the domain and its
    subdomains; none: that host only), and ``secure`` cookies only over https.

    >>> _matches({"domain": ".example.com", "path": "/"}, "www.example.com", "/a", "http")
    True
    >>> _matches({"domain": "example.com", "path": "/"}, "www.example.com", "/a", "http")
    False
    >>> _matches({"domain": "example.com", "path": "/news"}, "example.com", "/sports", "http")
    False
    """
    domain, host = str(cookie.get("domain") or host).lower(), host.lower()
    if not (host == domain.lstrip(".") or (domain.startswith(".") and host.endswith(domain))):
        return False
    if cookie.get("secure") and scheme != "https":
        return False
    return path.startswith(str(cookie.get("path") or "/"))


class ClearanceBroker:
    """The newest clearance, and at most one solve in flight."""

    def __init__(self) -> None:
        self.current: Clearance | None = None
        self._solving: asyncio.Event | None = None

    @property
    def generation(self) -> int:
        return self.current.generation if self.current else 0

    @property
    def solving(self) -> bool:
        return self._solving is not None

    def store(self, cookies: list[Mapping[str, Any]], user_agent: str) -> Clearance:
        """Keep a fresh clearance (Playwright cookie dicts); requests sent with an older one are stale."""
        self.current = Clearance(tuple(cookies), user_agent, self.generation + 1)
        return self.current

    def is_stale(self, request: Request) -> bool:
        """The request went out before the newest clearance arrived (or without any)."""
        return self.current is not None and request.meta.get(GENERATION, 0) < self.current.generation

    def begin(self) -> bool:
        """Claim the solve; False when another one is already running."""
        if self._solving is not None:
            return False
        self._solving = asyncio.Event()
        return True

    def end(self) -> None:
        """The solve is over (solved or not): wake the waiters."""
        if self._solving is not None:
            self._solving.set()
            self._solving = None

    async def wait(self, timeout: float) -> None:
        """Until the running solve ends, at most ``timeout`` seconds."""
        event = self._solving
        if event is None:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)
