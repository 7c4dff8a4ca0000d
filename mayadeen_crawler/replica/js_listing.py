"""JS-listing mode: "Load more" is a button without ``href`` whose script reads a JSON endpoint.

``GET /api/listing?path=/news/politics&page=2`` answers
``{"path", "page", "next_page", "next", "items": [{"url", "title", "date", "category"}]}``
(``next`` is the endpoint URL of the following page, null on the last one). With
``hidden`` the button names neither the endpoint nor the path: only the script knows.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote

from .beirut import visible_date
from .listing_page import page_slice
from .routes import Response

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .corpus import Corpus

API_PATH = "/api/listing"
JSON = "application/json; charset=utf-8"
_LINK = re.compile(r'<a class="load-more" href="([^"?]*)\?page=(\d+)">Load more</a>')
_SCRIPT = """<script>
(function () {
  var button = document.querySelector("button.load-more");
  if (!button) { return; }
  function card(item) {
    var div = document.createElement("div"), link = document.createElement("a");
    var caption = document.createElement("div"), title = document.createElement("h3");
    var date = document.createElement("span");
    div.className = "news-card"; link.href = item.url; caption.className = "media-caption";
    title.textContent = item.title; date.className = "card-date"; date.textContent = item.date;
    caption.appendChild(title); link.appendChild(caption); div.appendChild(link); div.appendChild(date);
    return div;
  }
  button.addEventListener("click", function () {
    var endpoint = button.getAttribute("data-endpoint") || "/" + ["api", "listing"].join("/");
    var path = button.getAttribute("data-path") || location.pathname;
    button.disabled = true;
    fetch(endpoint + "?path=" + encodeURIComponent(path) + "&page=" + button.getAttribute("data-page"),
          {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (answer) { if (!answer.ok) { throw new Error(answer.status); } return answer.json(); })
      .then(function (data) {
        data.items.forEach(function (item) { button.parentNode.insertBefore(card(item), button); });
        if (data.next_page) { button.setAttribute("data-page", data.next_page); button.disabled = false; }
        else { button.remove(); }
      })
      .catch(function () { button.disabled = false; });
  });
})();
</script>
"""


def scripted(html: bytes, hidden: bool) -> bytes:
    """The listing page with its ``a.load-more`` link replaced by the scripted button."""
    text = html.decode()

    def button(match: re.Match[str]) -> str:
        named = "" if hidden else f' data-endpoint="{API_PATH}" data-path="{match[1]}"'
        return f'<button type="button" class="load-more"{named} data-page="{match[2]}">Load more</button>'

    text, count = _LINK.subn(button, text)
    if count:
        text = text.replace("</body>", _SCRIPT + "</body>", 1)
    return text.encode()


def api_listing(corpus: Corpus, query: str) -> Response:
    """The JSON page of a listing (menu, region or author), or a JSON 404."""
    params = parse_qs(query)
    path = (params.get("path") or [""])[-1].rstrip("/") or "/"
    page_text = (params.get("page") or ["1"])[-1]
    items = _items_of(corpus, path)
    sliced = page_slice(items, int(page_text)) if items is not None and page_text.isdigit() else None
    if sliced is None:
        return Response(404, b'{"error": "not found"}', JSON)
    indices, next_page = sliced
    body = {
        "path": path,
        "page": int(page_text),
        "next_page": next_page,
        "next": f"{API_PATH}?path={quote(path)}&page={next_page}" if next_page else None,
        "items": [_item(corpus, index) for index in indices],
    }
    return Response(200, json.dumps(body, ensure_ascii=False).encode(), JSON)


def _items_of(corpus: Corpus, path: str) -> Sequence[int] | None:
    if path in corpus.listings:
        return corpus.listings[path]
    entry = corpus.authors.get(path.removeprefix("/authors/")) if path.startswith("/authors/") else None
    return entry[1] if entry else None


def _item(corpus: Corpus, index: int) -> dict[str, str]:
    meta = corpus.metas[index]
    return {
        "url": meta.path,
        "title": meta.title,
        "date": visible_date(meta.published),
        "category": meta.category or meta.section.label,
    }
