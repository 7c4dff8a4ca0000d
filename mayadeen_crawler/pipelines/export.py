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

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonlines
from itemadapter import ItemAdapter

from mayadeen_crawler.items import EXPORT_FIELDS
from mayadeen_crawler.pipelines.dedupe import seen_store_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

    from mayadeen_crawler.state import SeenStore


class AtomicJsonLinesFile:
    """A JSON Lines file written under a temporary name and published by rename."""

    def __init__(self, final_path: Path) -> None:
        self.final_path = final_path
        self.part_path = final_path.with_name(f".{final_path.name}.part")
        self.lines = 0
        self._handle = None
        self._writer: jsonlines.Writer | None = None

    def write(self, line: dict[str, Any]) -> None:
        if self._writer is None:
            self.part_path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.part_path.open("w", encoding="utf-8", newline="\n")
            self._writer = jsonlines.Writer(self._handle, compact=True, sort_keys=False, flush=False,
                                            dumps=_dumps)
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
        os.replace(self.part_path, self.final_path)
        _fsync_dir(self.final_path.parent)
        return self.final_path

    def abandon(self) -> None:
        if self._handle is not None:
            self._handle.close()
        self.part_path.unlink(missing_ok=True)


def _dumps(obj: Any) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class JsonLinesExportPipeline:
    """Writes each item as one line, keys in ``items.EXPORT_FIELDS`` order.

    Settings: ``OUTPUT_DIR`` (default ``output``), ``MAYADEEN_OUTPUT_NAME`` (default
    ``mayadeen-{run_id}.jsonl``; ``{run_id}`` and ``{spider}`` are filled in).
    Stats: ``mayadeen/exported``, ``mayadeen/exported/section/<section>``,
    ``mayadeen/exported/category/<category>``, ``mayadeen/exported/region/<region>``.
    """

    def __init__(self, final_path: Path, store: SeenStore, stats: StatsCollector | None = None) -> None:
        self.file = AtomicJsonLinesFile(final_path)
        self.store = store
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        store = seen_store_of(crawler)
        template = settings.get("MAYADEEN_OUTPUT_NAME", "mayadeen-{run_id}.jsonl")
        name = template.format(run_id=store.run_id, spider=getattr(crawler.spider, "name", "mayadeen"))
        output_dir = Path(settings.get("OUTPUT_DIR", "output")).expanduser().resolve()
        return cls(output_dir / name, store, crawler.stats)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        self.file.write({name: adapter.get(name) for name in EXPORT_FIELDS})
        self._count(adapter)
        return item

    def _count(self, adapter: ItemAdapter) -> None:
        if self.stats is None:
            return
        self.stats.inc_value("mayadeen/exported")
        self.stats.inc_value(f"mayadeen/exported/section/{adapter.get('section')}")
        self.stats.inc_value(f"mayadeen/exported/category/{adapter.get('category')}")
        for region in adapter.get("regions") or ():
            self.stats.inc_value(f"mayadeen/exported/region/{region}")

    def close_spider(self) -> None:
        path = self.file.publish()
        if path is None:
            self.file.abandon()
            return
        self.store.commit_pending(str(path))
        if self.stats is not None:
            self.stats.set_value("mayadeen/output_file", str(path))
            self.stats.set_value("mayadeen/output_lines", self.file.lines)
