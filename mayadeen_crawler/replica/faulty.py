"""Turns a fault decision into a response (errors, 429, challenge, truncated body)."""

from __future__ import annotations

from dataclasses import replace
from http import HTTPStatus

from .other_pages import challenge_page
from .routes import Response

CHALLENGE_HEADERS = (("Server", "cloudflare"), ("cf-mitigated", "challenge"), ("Cache-Control", "no-store"))


def error_response(kind: str) -> Response | None:
    """The response replacing the page for a fault kind, or None to serve the page."""
    if kind in ("500", "502", "503"):
        status = HTTPStatus(int(kind))
        body = f"<html><body><h1>{status.value} {status.phrase}</h1></body></html>\n"
        return Response(status.value, body.encode())
    if kind == "429":
        return Response(429, b"Too Many Requests\n", "text/plain", (("Retry-After", "1"),))
    if kind == "challenge":
        return Response(403, challenge_page().encode(), headers=CHALLENGE_HEADERS)
    return None


def truncated(response: Response) -> Response:
    """The same response with its body cut in half (Content-Length follows the cut)."""
    return replace(response, body=response.body[: len(response.body) // 2])
