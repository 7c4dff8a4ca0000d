"""What every extractor runner shares: read the pages, time each extraction, write results.

A runner is ``python <runner>.py PAGES OUT``: PAGES is JSON Lines of ``{"url", "html"}``,
all read into memory before the clock starts; OUT gets one JSON line per page with the
fields the extractor offers (``title``, ``authors``, ``published_at``, ``body``, ``tags``;
a field it does not offer is left out), ``ms`` (wall time of that page's extraction alone)
``cpu_ms`` (the process's CPU time for it: the same on an idle machine, steadier on a
busy one) and ``error`` when it raised. Standard library only: runners live in other virtualenvs.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Extract = Callable[[str, str], dict[str, Any]]


def run(name: str, version: str, extract: Extract, argv: list[str] | None = None) -> None:
    """Extract every page of ``argv[0]`` into ``argv[1]``; print one summary line."""
    pages_path, out_path = (argv or sys.argv[1:])[:2]
    pages = [json.loads(line) for line in Path(pages_path).read_text("utf-8").splitlines() if line]
    extract(pages[0]["html"], pages[0]["url"])  # warm-up: lazy imports and caches, not timed
    results = []
    for page in pages:
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            fields = extract(page["html"], page["url"])
            error = None
        except Exception as exc:  # noqa: BLE001 - a failing page is a result too
            fields, error = {}, f"{type(exc).__name__}: {exc}"[:300]
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu_started) * 1000
        results.append({"url": page["url"], "ms": elapsed, "cpu_ms": cpu, "error": error, **fields})
    header = {"extractor": name, "version": version, "pages": len(results)}
    lines = [json.dumps(header)] + [json.dumps(result, ensure_ascii=False, default=str) for result in results]
    Path(out_path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    times = sorted(result["ms"] for result in results)
    print(f"{name} {version}: {len(results)} pages, median {times[len(times) // 2]:.2f} ms")
