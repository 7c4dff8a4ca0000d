"""Challenge mode: a JavaScript challenge that sets a clearance cookie bound to the User-Agent.

A request without a valid ``cf_clearance`` cookie gets the 403 challenge page
(``Server: cloudflare``, ``cf-mitigated: challenge``, title "Just a moment...").
The page holds ``ISSUED.MAC`` where ``MAC`` is an HMAC of the issue time and the
User-Agent with a server secret; its script works out a proof (an FNV-1a chain a
plain client would have to reimplement), stores ``cf_clearance=ISSUED.MAC.PROOF``
and reloads. A cookie is valid for a request whose User-Agent gives the same MAC,
while it is younger than ``seconds`` and used at most ``uses`` times (0 = no limit).
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from functools import lru_cache
from http.cookies import CookieError, SimpleCookie

from .routes import Response

COOKIE = "cf_clearance"
ROUNDS = 500
EXEMPT_PREFIXES = ("/_replica/", "/robots.txt", "/Content/uploadsimages/")
HEADERS = (("Server", "cloudflare"), ("cf-mitigated", "challenge"), ("Cache-Control", "no-store"))
_SCRIPT = """<script>
(function () {
  var c = "%s";
  function fnv(s) {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return ("0000000" + h.toString(16)).slice(-8);
  }
  var p = c;
  for (var i = 0; i < %d; i++) { p = fnv(p + c); }
  document.cookie = "%s=" + c + "." + p + "; path=/; SameSite=Lax";
  setTimeout(function () { location.replace(location.href); }, 50);
})();
</script>"""


def fnv1a(text: str) -> str:
    """32-bit FNV-1a of the UTF-16 code units (ASCII here) as 8 hex digits, like the page's script."""
    value = 0x811C9DC5
    for char in text:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return f"{value:08x}"


@lru_cache(maxsize=1024)
def proof(challenge: str) -> str:
    """What the challenge script computes for ``challenge`` (cached: checked on every request)."""
    value = challenge
    for _ in range(ROUNDS):
        value = fnv1a(value + challenge)
    return value


class ClearanceGate:
    """Decides per request: pass, or answer with the challenge page. Thread-safe."""

    def __init__(self, seed: int, uses: int = 0, seconds: float = 0.0) -> None:
        self.secret = hashlib.sha256(f"replica-clearance-{seed}".encode()).digest()
        self.uses = uses
        self.seconds = seconds
        self._lock = threading.Lock()
        self._used: dict[str, int] = {}

    def check(self, target: str, user_agent: str, cookie_header: str) -> Response | None:
        """None when the request may pass, else the challenge response."""
        if target.startswith(EXEMPT_PREFIXES) or self.valid(_cookie(cookie_header), user_agent):
            return None
        return self.challenge(user_agent)

    def challenge(self, user_agent: str, now: float | None = None) -> Response:
        """The 403 challenge page for a client with this User-Agent."""
        issued = int(time.time() if now is None else now)
        script = _SCRIPT % (f"{issued}.{self._mac(issued, user_agent)}", ROUNDS, COOKIE)
        return Response(403, _page(script).encode(), headers=HEADERS)

    def valid(self, cookie: str, user_agent: str, now: float | None = None) -> bool:
        """The cookie is a solved challenge for this User-Agent, not expired nor used up."""
        issued_text, _, rest = cookie.partition(".")
        mac, _, solved = rest.partition(".")
        if not issued_text.isdigit() or not hmac.compare_digest(mac, self._mac(int(issued_text), user_agent)):
            return False
        if solved != proof(f"{issued_text}.{mac}"):
            return False
        if self.seconds and (time.time() if now is None else now) - int(issued_text) > self.seconds:
            return False
        with self._lock:
            count = self._used.get(cookie, 0) + 1
            self._used[cookie] = count
        return not self.uses or count <= self.uses

    def _mac(self, issued: int, user_agent: str) -> str:
        return hmac.new(self.secret, f"{issued}|{user_agent}".encode(), hashlib.sha256).hexdigest()[:32]


def _cookie(header: str) -> str:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header or "")
    except CookieError:
        return ""
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None else ""


def _page(script: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en-US"><head><title>Just a moment...</title>'
        '<meta name="robots" content="noindex,nofollow"></head><body>'
        '<div class="main-wrapper"><h1>english.almayadeen.net</h1>'
        "<p>Verifying you are human. This may take a few seconds.</p>"
        f"<noscript>Enable JavaScript and cookies to continue</noscript></div>{script}"
        "</body></html>\n"
    )
