"""Export pipeline: JSON Lines into OUTPUT_DIR, never visible half-written.

Lines go to a hidden ``.<name>.part`` file in the same folder; when the run closes the
file is flushed, fsync'ed and renamed to its final name in one atomic step, and only
then does the seen-store mark its articles exported. A reader therefore sees whole
files with their final names or nothing, and a crash leaves only a ``.part`` file that
no reader takes for output and that the next run replaces.

Why a pipeline on ``jsonlines`` rather than FEEDS: the durability of a line and the
seen-store commit must happen in that order, in one place; and scrapyd replaces a
project's FEEDS with its own ``-s FEEDS=...`` when ``items_dir`` is set, which must not
change where the dataset goes. FEEDS can still be added on top: items keep flowing.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import jsonlines
from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from mayadeen_crawler.items import EXPORT_FIELDS
from mayadeen_crawler.pipelines.dedupe import export_record, seen_store_of

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from mayadeen_crawler.state import Store


class AtomicJsonLinesFile:
    """A JSON Lines file written under a temporary name and published by rename."""

    def __init__(self, final_path: Path) -> None:
        self.final_path = final_path
        self.part_path = final_path.with_name(f".{final_path.name}.part")
        self.lines = 0
        self._handle: TextIO | None = None
        self._writer: jsonlines.Writer | None = None

    def write(self, line: dict[str, Any]) -> None:
        if self._writer is None:
            self.part_path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.part_path.open("w", encoding="utf-8", newline="\n")
            self._writer = jsonlines.Writer(self._handle, flush=False, dumps=_dumps)
        self._writer.write(line)
        self.lines += 1

    def publish(self) -> Path | None:
        """Make the file durable under its final name; None when nothing was written."""
        if self._writer is None or self._handle is None:
            return None
        self._writer.close()
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        self.part_path.replace(self.final_path)
        _fsync_dir(self.final_path.parent)
        return self.final_path

    def abandon(self) -> None:
        if self._handle is not None:
            self._handle.close()
        self.part_path.unlink(missing_ok=True)


def remove_parts_of(output_dir: Path, run_ids: list[str]) -> int:
    """Delete the unpublished .part files that runs which died left behind."""
    stale = [p for p in output_dir.glob(".*.part") if any(run in p.name for run in run_ids)]
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class JsonLinesExportPipeline:
    """Writes each item as one line, keys in ``items.EXPORT_FIELDS`` order, in batches.

    A batch is published (fsync, rename, seen-store commit) every
    ``MAYADEEN_EXPORT_BATCH_ITEMS`` lines, every ``MAYADEEN_EXPORT_BATCH_SECONDS``, and at
    the end of the run, so a killed run loses at most one unpublished batch, which the
    next run crawls again.
    Settings: ``OUTPUT_DIR`` (default ``output``), ``MAYADEEN_OUTPUT_NAME`` (default
    ``mayadeen-{run_id}-{part:03d}.jsonl``), ``MAYADEEN_EXPORT_BATCH_ITEMS`` (1000),
    ``MAYADEEN_EXPORT_BATCH_SECONDS`` (300).
    Stats: ``mayadeen/exported``, ``mayadeen/exported/<section|category|region>/<label>``,
    ``mayadeen/output_files`` (list of published paths).
    """

    def __init__(
        self,
        output_dir: Path,
        name_template: str,
        store: Store,
        stats: StatsCollector | None = None,
        batch_items: int = 1000,
        batch_seconds: float = 300,
    ) -> None:
        self.output_dir = output_dir
        self.name_template = name_template
        self.store = store
        self.stats = stats
        self.batch_items = batch_items
        self.batch_seconds = batch_seconds
        self.published: list[Path] = []
        self.part = 0
        self.file = self._next_file()
        self.removed_stale = self._remove_parts_of(store.dead_runs)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        return cls(
            output_dir=Path(settings.get("OUTPUT_DIR", "output")).expanduser().resolve(),
            name_template=settings.get("MAYADEEN_OUTPUT_NAME", "mayadeen-{run_id}-{part:03d}.jsonl"),
            store=seen_store_of(crawler),
            stats=crawler.stats,
            batch_items=settings.getint("MAYADEEN_EXPORT_BATCH_ITEMS", 1000),
            batch_seconds=settings.getfloat("MAYADEEN_EXPORT_BATCH_SECONDS", 300),
        )

    def _remove_parts_of(self, run_ids: list[str]) -> int:
        return remove_parts_of(self.output_dir, run_ids)

    def _next_file(self) -> AtomicJsonLinesFile:
        self.batch_started = time.monotonic()
        while True:  # a run restarted under its run id must not replace what it published before
            self.part += 1
            name = self.name_template.format(run_id=self.store.run_id, spider="mayadeen", part=self.part)
            path = self.output_dir / name
            if not path.exists() or "{part" not in self.name_template:
                return AtomicJsonLinesFile(path)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        record = export_record(adapter, int(adapter["version"]), self.store.run_id)
        if not self.store.add_pending(record, adapter.get("post_id"), str(self.file.final_path)):
            # another worker of a shared (Redis) crawl claimed this version first
            if self.stats is not None:
                self.stats.inc_value("mayadeen/dropped/duplicate/claimed")
            raise DropItem(f"duplicate (claimed by another worker): {record.key} <{record.url}>", log_level="INFO")
        self.file.write({name: adapter.get(name) for name in EXPORT_FIELDS})
        self._count(adapter)
        if self._batch_full():
            self._publish()
            self.file = self._next_file()
        return item

    def _batch_full(self) -> bool:
        too_many = self.batch_items > 0 and self.file.lines >= self.batch_items
        too_old = self.batch_seconds > 0 and time.monotonic() - self.batch_started >= self.batch_seconds
        return too_many or too_old

    def _publish(self) -> None:
        self.store.sync()  # the batch's pending rows reach the disk before its file is published
        path = self.file.publish()
        if path is None:
            self.file.abandon()
            return
        self.store.commit_file(str(path))
        self.published.append(path)
        if self.stats is not None:
            self.stats.set_value("mayadeen/output_files", [str(p) for p in self.published])

    def _count(self, adapter: ItemAdapter) -> None:
        if self.stats is None:
            return
        self.stats.inc_value("mayadeen/exported")
        self.stats.inc_value(f"mayadeen/exported/section/{adapter.get('section')}")
        self.stats.inc_value(f"mayadeen/exported/category/{adapter.get('category')}")
        for region in adapter.get("regions") or ():
            self.stats.inc_value(f"mayadeen/exported/region/{region}")

    def close_spider(self) -> None:
        self._publish()
