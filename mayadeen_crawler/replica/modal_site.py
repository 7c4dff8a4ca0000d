"""``ModalSite``: the site with the browser modes applied (JS listings, hanging pages)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

from .hang import hangs, with_hanging_script
from .js_listing import API_PATH, api_listing, scripted
from .modes import Modes
from .routes import Response, Site, not_found

if TYPE_CHECKING:
    from .corpus import Corpus


class ModalSite(Site):
    """``Site`` plus ``Modes``: the page transforms happen here, the gate in the handler."""

    def __init__(
        self, corpus: Corpus, info: dict[str, Any] | None = None, modes: Modes | None = None
    ) -> None:
        super().__init__(corpus, info)
        self.modes = modes or Modes()

    def respond(self, target: str) -> Response:
        parts = urlsplit(target)
        path = unquote(parts.path).rstrip("/") or "/"
        if self.modes.js_listing:
            if path == API_PATH:
                return api_listing(self.corpus, parts.query)
            if self._is_listing(path) and _page(parts.query) != "1":
                return not_found()  # only the script pages on
        response = super().respond(target)
        if response.status != 200 or not response.content_type.startswith("text/html"):
            return response
        if self.modes.js_listing and self._is_listing(path):
            return replace(response, body=scripted(response.body, self.modes.js_listing == "hidden"))
        if path in self.corpus.by_path and hangs(self.corpus.seed, path, self.modes.hang_share):
            return replace(response, body=with_hanging_script(response.body))
        return response

    def _is_listing(self, path: str) -> bool:
        return path in self.corpus.listings or path.startswith("/authors/")


def _page(query: str) -> str:
    return (parse_qs(query).get("page") or ["1"])[-1]
