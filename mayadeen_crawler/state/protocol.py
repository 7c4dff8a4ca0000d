"""What the spider and the pipelines need of a seen-store (SQLite or Redis)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mayadeen_crawler.state.seen_store import DeadRun, ExportRecord, Recovery


@runtime_checkable
class Store(Protocol):
    """The seen-store interface: ``SeenStore`` (SQLite) and ``RedisSeenStore`` implement it.

    ``walks_site``: this process should walk the site from its start page (always with
    SQLite; with Redis only the first worker of a crawl, or one that recovered a dead one).
    """

    run_id: str
    recovery: Recovery
    dead_runs: list[str]
    unfinished_runs: list[DeadRun]  # runs found dead at opening, described for their report
    previous_run_clean: bool
    walks_site: bool

    def close(self) -> None: ...

    def finish_run(self, clean: bool, completed_listings: Iterable[str]) -> None: ...

    def may_stop_early(self, listing_url: str) -> bool: ...

    def latest(self, key: str) -> ExportRecord | None: ...

    def add_pending(self, record: ExportRecord, post_id: str | None, output_file: str) -> bool: ...

    def sync(self) -> None: ...

    def commit_file(self, output_file: str) -> int: ...

    def remember_urls(self, urls: Iterable[str], key: str | None, kind: str = "article") -> None: ...

    def key_for_url(self, url: str) -> str | None: ...

    def is_known_url(self, url: str) -> bool: ...

    def exported_modified_at(self, url: str) -> str | None: ...

    def exported_count(self) -> int: ...
