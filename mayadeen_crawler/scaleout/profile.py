"""The Redis settings profile: ``-s MAYADEEN_REDIS_URL=redis://127.0.0.1:6379/0`` turns it on.

Applied by the spider's ``update_settings`` at "spider" priority, so any ``-s`` on the
command line still wins. Without ``MAYADEEN_REDIS_URL`` nothing changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mayadeen_crawler.scaleout.keys import RedisKeys

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

SCHEDULER = "mayadeen_crawler.scaleout.scheduler.SharedScheduler"
DUPEFILTER = "scrapy_redis.dupefilter.RFPDupeFilter"
FRONTIER_EXTENSION = "mayadeen_crawler.scaleout.frontier.SharedFrontier"


def redis_enabled(settings: BaseSettings) -> bool:
    return bool(settings.get("MAYADEEN_REDIS_URL"))


def redis_keys(settings: BaseSettings) -> RedisKeys:
    """``MAYADEEN_REDIS_PREFIX``, else ``mayadeen:<host:port of MAYADEEN_BASE_URL>``: one crawl a site."""
    prefix = settings.get("MAYADEEN_REDIS_PREFIX") or ""
    if not prefix:
        netloc = urlsplit(settings.get("MAYADEEN_BASE_URL") or "").netloc or "site"
        prefix = f"mayadeen:{netloc}"
    return RedisKeys(prefix)


def apply_redis_profile(settings: BaseSettings) -> None:
    """Queue and dupefilter on scrapy-redis, keyed by the crawl's prefix; nothing without a URL.

    ``SCHEDULER_PERSIST`` is on: a worker that ends must never clear the frontier the
    others still use (the generation's first worker resets the dupefilter instead, when
    it finds the queue empty; see ``state.redis_lua.JOIN``).
    """
    if not redis_enabled(settings):
        return
    keys = redis_keys(settings)
    for name, value in {
        "REDIS_URL": settings.get("MAYADEEN_REDIS_URL"),
        "SCHEDULER": SCHEDULER,
        "DUPEFILTER_CLASS": DUPEFILTER,
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_FLUSH_ON_START": False,
        "EXTENSIONS": {**settings.getdict("EXTENSIONS"), FRONTIER_EXTENSION: 950},
    }.items():
        settings.set(name, value, priority="spider")
