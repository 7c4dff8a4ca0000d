"""scrapy-redis's scheduler, adapted to Scrapy 2.19 and to workers that may die.

``SharedScheduler`` is ``scrapy_redis.scheduler.Scheduler`` (its Redis connection, its
``RFPDupeFilter``, its settings) with three changes:

* its queue (``SharedQueue``, a ``scrapy_redis.queue.PriorityQueue``) stores each request
  behind its 40-character fingerprint and pops it with a Lua script that, in the same
  atomic step, adds the fingerprint to this worker's *taken* set and stamps the worker
  busy. When the worker dies, whoever takes it over removes those fingerprints from the
  dupefilter (see ``state.redis_store``), so the requests it had popped and lost can be
  scheduled again: without that they would stay "seen" for the rest of the crawl;
* a *wake* request (``scaleout.wake``) is swallowed instead of queued: the frontier
  extension hands one to ``engine.crawl()`` so that an idle engine asks the shared queue
  for work at once rather than at its next 5-second heartbeat (no private Scrapy API);
* stats are counted without the ``spider`` argument (deprecated in Scrapy 2.19), and
  closing never flushes the shared queue (other workers still use it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy import Request
from scrapy.utils.misc import load_object
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from mayadeen_crawler.scaleout.profile import redis_keys
from mayadeen_crawler.scaleout.wake import WAKE_META

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler

    from mayadeen_crawler.scaleout.keys import RedisKeys

NO_FINGERPRINT = "-" * 40  # dont_filter requests: not in the dupefilter, nothing to release

# KEYS: queue, taken, busy   ARGV: no-fingerprint marker, run_id
_POP = """
local popped = redis.call('ZPOPMIN', KEYS[1])
if #popped == 0 then return false end
local fp = string.sub(popped[1], 1, 40)
if fp ~= ARGV[1] then redis.call('SADD', KEYS[2], fp) end
local t = redis.call('TIME')
redis.call('HSET', KEYS[3], ARGV[2], tostring(tonumber(t[1]) + tonumber(t[2]) / 1000000))
return popped[1]
"""


class SharedQueue(PriorityQueue):  # type: ignore[misc]
    """The shared priority queue; a member is ``fingerprint (40 chars) + serialized request``."""

    def __init__(
        self,
        server: Any,
        spider: Spider,
        key: str,
        serializer: Any = None,
        *,
        fingerprint: Callable[[Request], str],
        taken_key: str,
        busy_key: str,
        run_id: str,
    ) -> None:
        super().__init__(server, spider, key, serializer)
        self._fingerprint = fingerprint
        self._taken_key = taken_key
        self._busy_key = busy_key
        self._run_id = run_id
        self._pop = server.register_script(_POP)

    def push(self, request: Request) -> None:
        fingerprint = NO_FINGERPRINT if request.dont_filter else self._fingerprint(request)
        member = fingerprint.encode("ascii") + self._encode_request(request)
        self.server.execute_command("ZADD", self.key, -request.priority, member)

    def pop(self, timeout: int = 0) -> Request | None:
        member = self._pop(keys=[self.key, self._taken_key, self._busy_key], args=[NO_FINGERPRINT, self._run_id])
        if not member:
            return None
        request: Request = self._decode_request(member[40:])
        return request


class SharedScheduler(Scheduler):  # type: ignore[misc]
    """scrapy-redis's scheduler with a taken-set queue, wake requests and 2.19-style stats."""

    keys: RedisKeys
    df: Any

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        instance: Self = cls.from_settings(crawler.settings)
        instance.stats = crawler.stats
        instance.keys = redis_keys(crawler.settings)
        return instance

    def open(self, spider: Spider) -> None:
        self.spider = spider
        store = getattr(spider, "seen_store", None)
        run_id = getattr(store, "run_id", None)
        if not run_id:
            raise RuntimeError("SharedScheduler needs the mayadeen spider and its Redis seen-store")
        if not self.df:
            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        self.queue = SharedQueue(
            self.server,
            spider,
            self.queue_key,
            self.serializer,
            fingerprint=self.df.request_fingerprint,
            taken_key=self.keys.taken(run_id),
            busy_key=self.keys.busy,
            run_id=run_id,
        )
        if self.flush_on_start:
            self.flush()
        if len(self.queue):
            spider.logger.info("joined a shared crawl: %d requests already queued", len(self.queue))

    def close(self, reason: str) -> None:
        """Disconnect; the shared queue and dupefilter stay (other workers use them)."""
        self.server.close()
        if self.df is not None:
            self.df.server.close()

    def enqueue_request(self, request: Request) -> bool:
        if request.meta.get(WAKE_META):
            return True
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.queue.push(request)
        self._inc("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        request: Request | None = self.queue.pop()
        if request is not None:
            self._inc("scheduler/dequeued/redis")
        return request

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)
