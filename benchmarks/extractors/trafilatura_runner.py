"""Runner for trafilatura (``bare_extraction`` with metadata, the most precise date it gives)."""

from __future__ import annotations

from typing import Any

import trafilatura
from _runner import run
from trafilatura.settings import set_date_params

# trafilatura's own defaults, asking htmldate for the time and offset, not just the day
DATE_PARAMS = {**set_date_params(), "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def extract(html: str, url: str) -> dict[str, Any]:
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, date_extraction_params=DATE_PARAMS
    )
    if document is None:
        return {}
    data = document if isinstance(document, dict) else document.as_dict()
    authors = [name.strip() for name in (data.get("author") or "").split(";") if name.strip()]
    return {
        "title": data.get("title"),
        "authors": authors,
        "published_at": data.get("date"),
        "body": data.get("text") or "",
        "tags": list(data.get("tags") or []),
    }


if __name__ == "__main__":
    run("trafilatura", trafilatura.__version__, extract)
