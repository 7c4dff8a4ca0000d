"""The shared-frontier extension: heartbeats, quick pick-up of work, recovery, and closing.

scrapy-redis keeps a worker open only while the queue has requests, and a worker whose
queue is empty closes although others may still be about to add work; an idle Scrapy
engine also asks its scheduler for work only every 5 seconds. This extension, on with
``MAYADEEN_REDIS_URL``:

* every ``MAYADEEN_REDIS_HEARTBEAT`` seconds refreshes this worker's lease and busy time
  in Redis; takes over workers that stayed silent ``MAYADEEN_REDIS_DEAD_AFTER`` seconds
  and then re-walks the site with no early stop (their lost work is found again); a
  worker that finds its own lease gone (it stalled and was declared dead) exits at once
  without publishing, as the dead worker it was declared to be;
* every ``MAYADEEN_REDIS_POLL`` seconds, when the engine has room, hands it a wake request
  (swallowed by ``SharedScheduler``), so work another worker queued is picked up at once;
* on ``spider_idle`` lets the spider close only when the shared queue is empty and no
  live worker had work in flight for ``MAYADEEN_REDIS_IDLE_CLOSE`` seconds (and none is
  silent without being declared dead yet); otherwise raises ``DontCloseSpider``.

Stats: ``mayadeen/redis/took_over``, ``mayadeen/redis/recovered_kept``,
``mayadeen/redis/recovered_discarded``, ``mayadeen/redis/idle_checks``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.asyncio import create_looping_call

from mayadeen_crawler.pipelines.export import remove_parts_of
from mayadeen_crawler.scaleout.profile import redis_enabled
from mayadeen_crawler.scaleout.wake import wake_request

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.utils.asyncio import AsyncioLoopingCall
    from twisted.internet.task import LoopingCall

    from mayadeen_crawler.state.redis_store import RedisSeenStore

logger = logging.getLogger(__name__)

LEASE_LOST_EXIT_CODE = 75


class _Walker(Protocol):
    def walk_request(self, full_walk: bool = False) -> Request: ...


class SharedFrontier:
    """See the module docstring. Settings: ``MAYADEEN_REDIS_HEARTBEAT`` (1 s),
    ``MAYADEEN_REDIS_POLL`` (0.25 s), ``MAYADEEN_REDIS_IDLE_CLOSE`` (5 s)."""

    def __init__(self, crawler: Crawler, heartbeat: float, poll: float, idle_close: float) -> None:
        self.crawler = crawler
        self.output_dir = Path(crawler.settings.get("OUTPUT_DIR", "output")).expanduser().resolve()
        self.heartbeat_seconds = heartbeat
        self.poll_seconds = poll
        self.idle_close = idle_close
        self.silent_after = max(3 * heartbeat, 2.0)
        self.store: RedisSeenStore | None = None
        self.spider: Spider | None = None
        self._tasks: list[AsyncioLoopingCall | LoopingCall] = []
        self._beats = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not redis_enabled(settings):
            raise NotConfigured("MAYADEEN_REDIS_URL is not set")
        extension = cls(
            crawler,
            heartbeat=settings.getfloat("MAYADEEN_REDIS_HEARTBEAT", 1.0),
            poll=settings.getfloat("MAYADEEN_REDIS_POLL", 0.25),
            idle_close=settings.getfloat("MAYADEEN_REDIS_IDLE_CLOSE", 5.0),
        )
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        from mayadeen_crawler.state.redis_store import RedisSeenStore  # only with Redis: needs redis

        store = getattr(spider, "seen_store", None)
        if not isinstance(store, RedisSeenStore):
            raise NotConfigured("the shared frontier needs the mayadeen spider on the Redis seen-store")
        self.store, self.spider = store, spider
        self._set_stat("mayadeen/redis/walks_site", int(store.walks_site))  # the monitors read it
        if store.recovery.kept or store.recovery.discarded or store.dead_runs:
            self._count_recovery(len(store.dead_runs), store.recovery.kept, store.recovery.discarded)
        for function, interval in ((self.heartbeat, self.heartbeat_seconds), (self.poll, self.poll_seconds)):
            task = create_looping_call(function)
            task.start(interval, now=False)
            self._tasks.append(task)

    def spider_closed(self, spider: Spider) -> None:
        self._stop()

    def _stop(self) -> None:
        for task in self._tasks:
            if task.running:
                task.stop()
        self._tasks.clear()

    # --- heartbeat and recovery ----------------------------------------------------------

    def heartbeat(self) -> None:
        if self.store is None:
            return
        first, self._beats = self._beats == 0, self._beats + 1
        try:  # the first beat ends the start-up grace of the busy time too
            beat = self.store.heartbeat(busy=first or not self._engine_idle())
        except Exception:  # a Redis hiccup must not stop the heartbeat loop
            logger.exception("heartbeat to Redis failed")
            return
        if not beat.lease_held:
            self._fence()
        if beat.took_over:
            self._count_recovery(len(beat.took_over), beat.recovery.kept, beat.recovery.discarded)
            remove_parts_of(self.output_dir, beat.on_this_host)
            logger.warning(
                "took over dead worker(s) %s: %d published lines kept, %d claims released; "
                "re-walking the site with no early stop",
                ", ".join(beat.took_over), beat.recovery.kept, beat.recovery.discarded,
            )  # fmt: skip
            self._set_stat("mayadeen/redis/walks_site", 1)
            self._crawl(self._walk_request())

    def _set_stat(self, key: str, value: int) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.set_value(key, value)

    def _fence(self) -> None:
        """This worker was declared dead: behave as dead (release, exit, publish nothing)."""
        assert self.store is not None
        logger.critical(
            "this worker (%s) lost its lease: it was silent longer than MAYADEEN_REDIS_DEAD_AFTER and "
            "another worker took over its work; exiting without publishing its open batch",
            self.store.run_id,
        )
        self.store.give_up()
        logging.shutdown()
        os._exit(LEASE_LOST_EXIT_CODE)

    def _walk_request(self) -> Request:
        spider: _Walker = self.spider  # type: ignore[assignment]
        return spider.walk_request(full_walk=True)

    def _count_recovery(self, runs: int, kept: int, discarded: int) -> None:
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value("mayadeen/redis/took_over", runs)
            stats.inc_value("mayadeen/redis/recovered_kept", kept)
            stats.inc_value("mayadeen/redis/recovered_discarded", discarded)

    # --- quick pick-up -------------------------------------------------------------------

    def poll(self) -> None:
        """Wake the engine when it has room, so it asks the shared queue now."""
        engine = self.crawler.engine
        try:
            if engine is not None and engine.spider is not None and not engine.needs_backout():
                self._crawl(wake_request())
        except (AssertionError, RuntimeError):  # the engine is closing
            return

    def _crawl(self, request: Request) -> None:
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            engine.crawl(request)

    def _engine_idle(self) -> bool:
        engine = self.crawler.engine
        try:
            return engine is None or engine.spider_is_idle()
        except (AssertionError, RuntimeError):
            return True

    # --- closing -------------------------------------------------------------------------

    def spider_idle(self, spider: Spider) -> None:
        if self.store is None:
            return
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("mayadeen/redis/idle_checks")
        try:
            state = self.store.frontier_state(self.idle_close, self.silent_after)
        except Exception:  # a Redis hiccup is no reason to close: ask again on the next idle
            logger.exception("could not read the shared frontier's state")
            state = "unknown"
        if state != "quiet":
            raise DontCloseSpider(state)
        logger.info(
            "shared frontier empty and every worker idle for %.0f s: closing %s", self.idle_close, self.store.run_id
        )
        self._stop()
