"""Run report: a JSON manifest beside the run's JSON Lines, written when the spider closes."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals

from mayadeen_crawler.monitors.extension import RunMonitors

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler

    from mayadeen_crawler.state.seen_store import DeadRun

_SETTINGS_THAT_MATTER = (
    "MAYADEEN_BASE_URL", "MAYADEEN_PROFILE_APPLIED", "OUTPUT_DIR", "STATE_DIR",
    "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_DELAY",
    "AUTOTHROTTLE_ENABLED", "ROBOTSTXT_OBEY", "RETRY_TIMES", "USER_AGENT",
)  # fmt: skip


class RunReport:
    """Writes ``<OUTPUT_DIR>/mayadeen-<run_id>.manifest.json`` (atomically) at spider close,
    and at spider open one for each earlier run that died before writing its own
    (``finish_reason: "died"``: its published files, lines kept and lines to crawl again).

    With ``monitors.extension.RunMonitors`` enabled, the manifest carries its ``monitors``
    block (verdict, failed checks, every check's value and threshold); else ``null``.

    Settings: ``MAYADEEN_REPORT_ENABLED`` (default True), ``OUTPUT_DIR``.
    """

    def __init__(self, crawler: Crawler, output_dir: Path) -> None:
        self.crawler = crawler
        self.output_dir = output_dir

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        output_dir = Path(crawler.settings.get("OUTPUT_DIR", "output")).expanduser().resolve()
        report = cls(crawler, output_dir)
        crawler.signals.connect(report.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(report.spider_closed, signal=signals.spider_closed)
        return report

    def spider_opened(self, spider: Spider) -> None:
        """A run killed before its end wrote no report: write one now from what the store kept."""
        store = getattr(spider, "seen_store", None)
        for dead in getattr(store, "unfinished_runs", None) or ():
            path = self.output_dir / f"mayadeen-{dead.run_id}.manifest.json"
            if path.exists():  # reported already by a run that died itself before its end
                continue
            manifest = build_dead_run_manifest(dead, found_by=str(getattr(store, "run_id", "")))
            _write_atomically(path, json.dumps(manifest, ensure_ascii=False, indent=2))
            spider.logger.warning(
                "run %s ended without a report (killed?): %d lines kept, %d to crawl again; report: %s",
                dead.run_id, dead.kept, dead.lost, path,
            )  # fmt: skip

    def spider_closed(self, spider: Spider, reason: str) -> None:
        run_monitors = self.crawler.get_extension(RunMonitors)
        monitors = run_monitors.report() if run_monitors is not None else None
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        run_id = str(stats.get("mayadeen/run_id", "unknown"))
        manifest = build_manifest(stats, reason, self._settings(), getattr(spider, "args", None))
        manifest["monitors"] = monitors
        path = self.output_dir / f"mayadeen-{run_id}.manifest.json"
        _write_atomically(path, json.dumps(manifest, ensure_ascii=False, indent=2, default=str))
        spider.logger.info("run report: %s", path)

    def _settings(self) -> dict[str, Any]:
        return {name: self.crawler.settings.get(name) for name in _SETTINGS_THAT_MATTER}


def build_manifest(stats: dict[str, Any], reason: str, settings: dict[str, Any], args: Any) -> dict[str, Any]:
    """The manifest as a plain dict, from the run's final stats."""
    output_files = stats.get("mayadeen/output_files") or []
    return {
        "run_id": stats.get("mayadeen/run_id"),
        "started_at": _iso(stats.get("start_time")),
        "finished_at": _iso(stats.get("finish_time")) or _iso(datetime.now(UTC)),
        "finish_reason": reason,
        "settings": settings,
        "arguments": vars(args) if args is not None else {},
        "exported": stats.get("mayadeen/exported", 0),
        "exported_by": {
            kind: _with_prefix(stats, f"mayadeen/exported/{kind}/")
            for kind in ("section", "category", "region")
        },
        "new": stats.get("mayadeen/items/new", 0),
        "updated": stats.get("mayadeen/items/updated", 0),
        "already_known": stats.get("mayadeen/articles/skipped_known", 0)
        + stats.get("mayadeen/dropped/duplicate/unchanged", 0),
        "dropped": _with_prefix(stats, "mayadeen/dropped/"),
        "skipped": _with_prefix(stats, "mayadeen/articles/skipped/"),
        "retries": _with_prefix(stats, "retry/"),
        "http_status": _with_prefix(stats, "downloader/response_status_count/"),
        "output_files": [_describe_file(Path(path)) for path in output_files],
        "stats": stats,
    }


def build_dead_run_manifest(dead: DeadRun, found_by: str) -> dict[str, Any]:
    """The report of a run that died before its end: what its files and the store tell."""
    return {
        "run_id": dead.run_id,
        "started_at": dead.started_at,
        "finished_at": None,
        "finish_reason": "died",
        "found_by_run": found_by,
        "exported": dead.kept,
        "lost_lines": dead.lost,
        "output_files": [_describe_file(Path(path)) for path in dead.published_files],
        "monitors": None,
    }


def _with_prefix(stats: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {key[len(prefix) :]: value for key, value in sorted(stats.items()) if key.startswith(prefix)}


def _iso(value: Any) -> str | None:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if isinstance(value, datetime) else None


def _describe_file(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    lines = 0
    with path.open("rb") as handle:
        for line in handle:
            digest.update(line)
            lines += 1
    return {"path": str(path), "lines": lines, "sha256": digest.hexdigest()}


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.part")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)
