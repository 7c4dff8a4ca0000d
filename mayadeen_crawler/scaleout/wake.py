"""The wake request: handed to ``engine.crawl()`` so an idle engine asks its scheduler for
work now; ``SharedScheduler`` swallows it instead of queueing it."""

from __future__ import annotations

from scrapy import Request

WAKE_META = "mayadeen_wake"


def wake_request() -> Request:
    """A request the scheduler swallows: ``engine.crawl(wake_request())`` wakes the engine."""
    return Request("data:,", meta={WAKE_META: True}, dont_filter=True)
