"""Scrapy settings for mayadeen-crawler: the defaults, in one place.

Every project setting is documented in the README ("Settings"). Speed profiles
(``MAYADEEN_PROFILE``) are applied by the spider's ``update_settings``: ``polite`` for
the live site, ``fast`` for a replica on loopback; ``auto`` picks by the base URL.
"""

from __future__ import annotations

BOT_NAME = "mayadeen_crawler"
SPIDER_MODULES = ["mayadeen_crawler.spiders"]
NEWSPIDER_MODULE = "mayadeen_crawler.spiders"

# --- the site ---------------------------------------------------------------
MAYADEEN_BASE_URL = "https://english.almayadeen.net"
MAYADEEN_PROFILE = "auto"  # auto | polite | fast
MAYADEEN_MAX_LISTING_PAGES = 2000  # hard cap per listing, against endless pagination
MAYADEEN_CHALLENGE_RETRIES = 2
MAYADEEN_RETRY_AFTER_MAX = 60.0  # seconds; longer Retry-After values are cut to this
MAYADEEN_REQUIRE_HTML_END = True  # an HTML page without </html> is a cut transfer: retried

# --- output and state -------------------------------------------------------
OUTPUT_DIR = "output"
MAYADEEN_OUTPUT_NAME = "mayadeen-{run_id}-{part:03d}.jsonl"
MAYADEEN_EXPORT_BATCH_ITEMS = 1000
MAYADEEN_EXPORT_BATCH_SECONDS = 300
STATE_DIR = "state"
MAYADEEN_DEDUP_ENABLED = True
MAYADEEN_STATE_LOCK_WAIT = 0  # seconds a run waits for an overlapping run to end; 0 = refuse

# --- politeness (the "polite" profile; "fast" overrides these) --------------
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/150.0.0.0 Safari/537.36"
)
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.5
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 4
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

DOWNLOADER_MIDDLEWARES = {
    "mayadeen_crawler.middlewares.RetryAfterMiddleware": 555,
    "mayadeen_crawler.middlewares.ChallengeMiddleware": 560,
    "mayadeen_crawler.middlewares.TruncatedHtmlMiddleware": 565,
}

EXTENSIONS = {
    "mayadeen_crawler.extensions.report.RunReport": 900,
}

ITEM_PIPELINES = {
    "mayadeen_crawler.pipelines.clean.CleanPipeline": 100,
    "mayadeen_crawler.pipelines.validate.ValidatePipeline": 200,
    "mayadeen_crawler.pipelines.dedupe.DedupePipeline": 300,
    "mayadeen_crawler.pipelines.export.JsonLinesExportPipeline": 800,
}

# --- profiles ---------------------------------------------------------------
MAYADEEN_PROFILES: dict[str, dict[str, object]] = {
    "polite": {},
    "fast": {
        "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_TIMEOUT": 10,
    },
}
