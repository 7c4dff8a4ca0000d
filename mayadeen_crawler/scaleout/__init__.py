"""Scale-out on Redis: N crawler processes on any number of machines share one frontier.

``-s MAYADEEN_REDIS_URL=redis://host:6379/0`` turns it on (see ``profile``): the request
queue and the request dupefilter move to scrapy-redis (``scheduler``), the seen-store to
Redis (``mayadeen_crawler.state.redis_store``), and the ``frontier`` extension keeps the
processes' heartbeats, wakes idle ones when work arrives, recovers dead ones, and closes
them when the shared frontier has stayed empty for a while.
"""
