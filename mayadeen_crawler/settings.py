"""Scrapy settings for mayadeen-crawler: the defaults, in one place.

Every project setting is documented in the README ("Settings"). Speed profiles
(``MAYADEEN_PROFILE``) are applied by the spider's ``update_settings``: ``polite`` for
the live site, ``fast`` for a replica on loopback; ``auto`` picks by the base URL.
"""

from __future__ import annotations

from mayadeen_crawler.environment import directory_from_env

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

# --- directories from the environment (scrapyd; README "Deploy to scrapyd") --------
# A scrapyd job runs in scrapyd's working dir: set MAYADEEN_OUTPUT_DIR / MAYADEEN_STATE_DIR
# (absolute paths) in scrapyd's environment. Unset, the defaults above hold; -s still wins.
OUTPUT_DIR = directory_from_env("MAYADEEN_OUTPUT_DIR", OUTPUT_DIR)
STATE_DIR = directory_from_env("MAYADEEN_STATE_DIR", STATE_DIR)

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
    # after CookiesMiddleware (700): adds the browser's clearance to the Cookie header
    "mayadeen_crawler.browser.middleware.BrowserMiddleware": 710,  # off when MAYADEEN_BROWSER=never
}

EXTENSIONS = {
    "mayadeen_crawler.monitors.coverage.FieldCoverage": 800,
    "mayadeen_crawler.monitors.extension.RunMonitors": 850,
    "mayadeen_crawler.extensions.report.RunReport": 900,
}

ITEM_PIPELINES = {
    "mayadeen_crawler.pipelines.clean.CleanPipeline": 100,
    "mayadeen_crawler.pipelines.validate.ValidatePipeline": 200,
    "mayadeen_crawler.pipelines.dedupe.DedupePipeline": 300,
    "mayadeen_crawler.pipelines.export.JsonLinesExportPipeline": 800,
}

# --- monitors (mayadeen_crawler/monitors; README "Monitoring") ---------------
# Checks at the end of a run; a failure closes it as "monitors_failed", is logged and
# written into the manifest, and `scrapy crawl` (the project's command) exits 3.
COMMANDS_MODULE = "mayadeen_crawler.commands"
MAYADEEN_MONITORS_ENABLED = True
MAYADEEN_MONITOR_MIN_SAMPLE = 20  # ratios over fewer items/responses are skipped
MAYADEEN_MONITOR_MIN_EXPORTED = 1  # unless incremental with nothing new; 0 = no check
MAYADEEN_MONITOR_BODY_MIN_CHARS = 200  # a shorter body does not count as covered
MAYADEEN_MONITOR_COVERAGE = {  # field -> least share of exported items that carry it
    "url": 1.0, "title": 1.0, "published_at": 1.0, "body": 0.98, "summary": 0.9,
    "authors": 0.9, "section": 0.9, "tags": 0.8, "image": 0.8,
}  # fmt: skip
MAYADEEN_MONITOR_LAYER_SHARES = {  # field -> {parser layer: least share of parsed articles}
    "title": {"tawsiyat": 0.9}, "published_at": {"tawsiyat": 0.9}, "body": {"dom": 0.9},
}  # fmt: skip
MAYADEEN_MONITOR_MAX_ERROR_RATIO = 0.01  # ERROR log lines per response
MAYADEEN_MONITOR_MAX_FAILED_RATIO = 0.02  # requests given up (after retries) per response
MAYADEEN_MONITOR_MAX_DROP_RATIO = 0.02  # items dropped as invalid per item

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

# --- throughput (benchmarks/throughput.py) ------------------------------------
# Scrapy starts CONCURRENT_ITEMS asyncio tasks for the output of every callback (default
# 100), even when it is one item; the pipelines here are synchronous, so a few suffice.
CONCURRENT_ITEMS = 4
# Scrapy checks each callback for a generator returning a value by reading its source with
# inspect + ast; its cache is keyed weakly on the bound method, which dies with its request,
# so about one response in five paid 0.25 ms for it. The callbacks here return no values.
WARN_ON_GENERATOR_RETURN_VALUE = False

# --- browser (scrapy-playwright; README "Browser (Cloudflare challenges, JS listings)") ----
# auto: plain HTTP, the browser only for challenge answers and script-only listings;
# always: every request through the browser; never: no Playwright at all.
MAYADEEN_BROWSER = "auto"
MAYADEEN_CHROMIUM_PATH = "/usr/bin/chromium"  # Debian's; "" = Playwright's own (playwright install)
MAYADEEN_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MAYADEEN_BROWSER_TIMEOUT = 20  # seconds: a navigation, the wait past a challenge, one "Load more"
MAYADEEN_BROWSER_PAGES = 4  # browser pages open at once (one context)
MAYADEEN_BROWSER_SOLVE_ATTEMPTS = 3  # browser solves one request may start or wait for

# --- scale-out on Redis (mayadeen_crawler/scaleout; README "Scale out on Redis") ------
# MAYADEEN_REDIS_URL (e.g. redis://127.0.0.1:6379/0) puts the request queue and dupefilter
# (scrapy-redis) and the seen-store on Redis: N workers, one frontier, each article once.
MAYADEEN_REDIS_URL = ""  # empty: one process, SQLite seen-store under STATE_DIR
MAYADEEN_REDIS_PREFIX = ""  # key prefix of the shared crawl; empty: mayadeen:<host:port of the base URL>
MAYADEEN_REDIS_HEARTBEAT = 1.0  # seconds between a worker's heartbeats
MAYADEEN_REDIS_DEAD_AFTER = 30.0  # seconds of silence after which a worker is dead and taken over
MAYADEEN_REDIS_IDLE_CLOSE = 5.0  # workers close once the queue is empty and all idle this long
MAYADEEN_REDIS_POLL = 0.25  # seconds between wake-ups of an engine with room for work
