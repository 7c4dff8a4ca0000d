"""The ``mayadeen`` spider: home menus -> listings -> articles, or monthly sitemaps -> articles.

Navigation only: what a page holds is read by ``mayadeen_crawler.parsers``.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from parsel import Selector
from scrapy import Request, Spider
from scrapy.exceptions import NotConfigured
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import sitemap_urls_from_robots

from mayadeen_crawler.browser.config import apply_browser_settings
from mayadeen_crawler.browser.middleware import LOAD_MORE_CLICKS, PLAIN
from mayadeen_crawler.monitors.extension import MONITORS_FAILED
from mayadeen_crawler.parsers.article import ArticleParser
from mayadeen_crawler.parsers.js_listing import ScriptPaging, parse_listing_json, script_paging
from mayadeen_crawler.parsers.listing import parse_listing
from mayadeen_crawler.parsers.menu import parse_menu
from mayadeen_crawler.parsers.sitemap import parse_sitemap_index, parse_urlset
from mayadeen_crawler.scaleout.profile import apply_redis_profile, redis_enabled
from mayadeen_crawler.site import KNOWN_MENU, MenuItem, SiteMenu
from mayadeen_crawler.spiders.args import CrawlArgs
from mayadeen_crawler.state import StateBusyError, Store, article_key, open_seen_store

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings
    from twisted.python.failure import Failure

    from mayadeen_crawler.items import ArticleItem
    from mayadeen_crawler.parsers.listing import Listing

ARTICLE = "article"
FULL_WALK = "full_walk"  # meta: this walk pages every listing to its end (no early stop)
SITEMAP_DEPTH = "sitemap_depth"  # meta: how many sitemap indexes led to this sitemap
DEFAULT_SITEMAP_INDEX = "/sitemaps/all.xml"  # when robots.txt names no sitemap
MAX_SITEMAP_DEPTH = 3


class MayadeenSpider(Spider):
    """Crawls Al Mayadeen English (or a replica of it at ``MAYADEEN_BASE_URL``).

    Arguments: see ``CrawlArgs``. Settings: ``MAYADEEN_BASE_URL``, ``MAYADEEN_PROFILE``,
    ``MAYADEEN_MAX_LISTING_PAGES``, ``STATE_DIR``, ``MAYADEEN_RUN_ID``.
    """

    name = "mayadeen"
    allowed_domains: list[str] = []  # noqa: RUF012 (set per run from MAYADEEN_BASE_URL)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        arg_names = ("sections", "since", "max_pages", "from_month", "to_month", "route", "refresh")
        self.args = CrawlArgs.parse(**{name: kwargs.pop(name, None) for name in arg_names})
        super().__init__(*args, **kwargs)
        self.base_url = "https://english.almayadeen.net"
        self.max_listing_pages = 2000
        self.browser_mode = "never"
        self.parser = ArticleParser()
        self.seen_store: Store | None = None
        self.shared_frontier = False  # several workers share one frontier on Redis
        self.completed_listings: set[str] = set()

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        profile = settings.get("MAYADEEN_PROFILE", "auto")
        if profile == "auto":
            host = urlsplit(settings.get("MAYADEEN_BASE_URL", "")).hostname or ""
            profile = "fast" if host in ("127.0.0.1", "localhost", "::1") else "polite"
        profiles = settings.getdict("MAYADEEN_PROFILES")
        if profile not in profiles:
            raise NotConfigured(f"MAYADEEN_PROFILE must be one of {sorted(profiles)} or auto")
        settings.setdict(profiles[profile], priority="spider")
        settings.set("MAYADEEN_PROFILE_APPLIED", profile, priority="spider")
        apply_browser_settings(settings)  # scrapy-playwright only when MAYADEEN_BROWSER allows it
        apply_redis_profile(settings)  # queue, dupefilter and seen-store on Redis with MAYADEEN_REDIS_URL

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.base_url = settings.get("MAYADEEN_BASE_URL").rstrip("/")
        spider.allowed_domains = [urlsplit(spider.base_url).hostname or ""]
        spider.max_listing_pages = settings.getint("MAYADEEN_MAX_LISTING_PAGES", 2000)
        spider.browser_mode = settings.get("MAYADEEN_BROWSER_APPLIED") or "never"
        spider.shared_frontier = redis_enabled(settings)
        run_id = settings.get("MAYADEEN_RUN_ID") or _new_run_id()
        try:
            spider.seen_store = open_seen_store(settings, run_id)
        except StateBusyError as error:
            spider.logger.critical("not started, the seen-store is busy: %s", error)
            raise
        recovery = spider.seen_store.recovery
        if recovery.kept or recovery.discarded:
            spider.logger.warning(
                "an earlier run did not finish: %d of its lines were published and are kept, "
                "%d were not and will be crawled again",
                recovery.kept,
                recovery.discarded,
            )
        return spider

    def closed(self, reason: str) -> None:
        if self.seen_store is None:
            return
        failures = sum(self._stat(f"{kind}/failed") for kind in ("article_pages", "listing_pages"))
        # A run closed by its monitors walked everything too: its listings count as complete.
        # A partial run (sections, since, max_pages, sitemaps) may have exported the newest cards
        # of a listing without reaching older new ones: the next run must not stop early on them.
        walked = reason in ("finished", MONITORS_FAILED) and self.args.walks_every_listing
        self.seen_store.finish_run(walked and failures == 0, self.completed_listings)
        self.seen_store.close()

    def _stat(self, key: str) -> int:
        stats = self.crawler.stats
        return int(stats.get_value(f"mayadeen/{key}", 0)) if stats is not None else 0

    @property
    def store(self) -> Store:
        if self.seen_store is None:
            raise RuntimeError("the seen-store is opened in from_crawler")
        return self.seen_store

    def _inc(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"mayadeen/{key}", count)

    async def start(self) -> AsyncIterator[Any]:
        if self.crawler.stats is not None:
            self.crawler.stats.set_value("mayadeen/run_id", self.store.run_id)
            self.crawler.stats.set_value("mayadeen/profile", self.settings.get("MAYADEEN_PROFILE_APPLIED"))
        if self.store.walks_site:
            yield self.walk_request(full_walk=not self.store.previous_run_clean)
        else:
            self.logger.info("joined a shared crawl under way: taking work from its queue")

    def walk_request(self, full_walk: bool = False) -> Request:
        """The request a walk of the site starts from: the home page, or robots.txt (whose
        ``Sitemap:`` lines name the sitemap index; ``/sitemaps/all.xml`` when it names none).

        ``full_walk``: no listing of this walk stops early (after an unclean end, or to find
        again what a dead worker of a shared crawl lost). On a shared frontier the walk's
        pages pass the dupefilter (a later walk must read them again); the listing-walk
        safety (repeated page, page caps) still bounds each walk.
        """
        meta = {FULL_WALK: True} if full_walk else {}
        if self.args.route == "sitemaps":
            return Request(
                f"{self.base_url}/robots.txt", callback=self.parse_robots, errback=self.robots_failed,
                meta=meta, dont_filter=True,  # Scrapy's robots.txt middleware fetched it outside the scheduler
            )  # fmt: skip
        return Request(
            f"{self.base_url}/", callback=self.parse_home, errback=self.failed, meta=meta,
            dont_filter=self.shared_frontier,
        )  # fmt: skip

    # --- menus and listings -------------------------------------------------

    def parse_home(self, response: Response) -> Iterator[Request]:
        if not isinstance(response, TextResponse):
            self._inc("pages/not_text")
            return
        menu = parse_menu(page_selector(response))
        if menu.is_empty():
            self.logger.warning("no menu found on %s; using the built-in menu", response.url)
            self._inc("menu/built_in_fallback")
            menu = KNOWN_MENU
        listings = select_listings(menu, self.args.sections)
        if not listings:
            self.logger.error("no listing matches sections=%s", ",".join(self.args.sections))
        self._inc("listings", len(listings))
        for item in listings:
            url = urljoin(response.url, item.path)
            meta = {"listing": item.label, "listing_root": url, "listing_page": 1, **_walk_meta(response.meta)}
            yield self._listing_request(url, meta)

    def _listing_request(self, url: str, meta: dict[str, Any]) -> Request:
        return Request(
            url, callback=self.parse_listing, errback=self.failed, meta=meta, priority=-meta["listing_page"],
            dont_filter=self.shared_frontier,
        )

    def parse_listing(self, response: Response) -> Iterator[Request]:
        if not isinstance(response, TextResponse):
            self._inc("pages/not_text")
            return
        listing, paging = self._read_listing(response)
        if paging is not None:
            yield from self._scripted_listing(response, paging)
        meta = response.meta
        self._inc("listing_pages")
        if meta["listing_page"] == 1:  # no article: a promo card to it (LIVE) must not look new
            self.store.remember_urls({response.url, meta["listing_root"]}, None, kind="non-article")
        if listing.fallback:
            self._inc("listing_pages/card_fallback")
        wanted = [card for card in listing.cards if self._card_wanted(card.date)]
        known = [self.store.is_known_url(card.url) for card in wanted]
        for card, is_known in zip(wanted, known, strict=True):
            yield from self._article_request(card.url, meta["listing"], known=is_known)
        if self._should_page_on(listing, wanted, known, meta):
            assert listing.next_url is not None
            cards = tuple(card.url for card in listing.cards)
            next_meta = {
                "listing": meta["listing"],
                "listing_root": meta["listing_root"],
                "listing_page": meta["listing_page"] + 1,
                "listing_cards": cards,
                **_walk_meta(meta),
            }
            yield self._listing_request(listing.next_url, next_meta)

    def _read_listing(self, response: TextResponse) -> tuple[Listing, ScriptPaging | None]:
        """An HTML listing page, or the JSON its scripted "Load more" reads (which pages on)."""
        if b"json" in (response.headers.get(b"Content-Type") or b""):
            return parse_listing_json(response.body, response.url), None
        selector = page_selector(response)
        listing = parse_listing(selector, response.url)
        paging = script_paging(selector, response.url) if listing.next_url is None else None
        if paging is not None and paging.api_url is not None:
            listing.next_url = paging.api_url
        return listing, paging

    def _scripted_listing(self, response: TextResponse, paging: ScriptPaging) -> Iterator[Request]:
        """A "Load more" without href: read its JSON endpoint if named, else let the browser press it."""
        if paging.api_url is not None:
            self._inc("listing/script_paging/json")
            return
        clicks = min(self.args.max_pages or self.max_listing_pages, self.max_listing_pages) - 1
        if response.meta.get(LOAD_MORE_CLICKS) or clicks < 1:
            return  # already pressed as often as allowed
        if self.browser_mode == "never" or response.meta.get(PLAIN):
            self._inc("listing/script_paging/unreachable")
            self.logger.warning("%s pages on by script only and the browser is off", response.url)
            return
        self._inc("listing/script_paging/browser")
        meta = {key: response.meta[key] for key in ("listing", "listing_root", "listing_page")}
        meta.update({"playwright": True, LOAD_MORE_CLICKS: clicks})
        yield self._listing_request(response.url, meta).replace(dont_filter=True)

    def _may_stop_early(self, root: str, meta: dict[str, Any]) -> bool:
        return not meta.get(FULL_WALK) and self.store.may_stop_early(root)

    def _card_wanted(self, card_date: Any) -> bool:
        return self.args.since is None or card_date is None or card_date >= self.args.since

    def _should_page_on(
        self, listing: Listing, wanted: list[Any], known: list[bool], meta: dict[str, Any]
    ) -> bool:
        root = meta["listing_root"]
        if listing.next_url is None or not listing.cards:
            self.completed_listings.add(root)
            return False
        if {card.url for card in listing.cards} <= set(meta.get("listing_cards", ())):
            self._inc("listing_stop/no_new_cards")
            self.logger.warning("listing %s repeats its previous page; stopped", listing.next_url)
            return False
        if wanted and all(known) and not self.args.refresh and self._may_stop_early(root, meta):
            self._inc("listing_stop/all_known")
            self.completed_listings.add(root)
            return False
        if self.args.since is not None and not wanted:
            self._inc("listing_stop/since")
            return False
        limit = min(self.args.max_pages or self.max_listing_pages, self.max_listing_pages)
        if meta["listing_page"] >= limit:
            self._inc("listing_stop/max_pages")
            return False
        return True

    def _article_request(
        self, url: str, origin: str, lastmod: str | None = None, known: bool | None = None
    ) -> Iterator[Request]:
        """A request for url unless it is off-site or known (known: already looked up)."""
        if not self._is_internal(url):
            self._inc("links/off_site")
            return
        if known is None:
            known = self.store.is_known_url(url)
        if known and not self.args.refresh:
            if not _is_newer(lastmod, self.store.exported_modified_at(url)):
                self._inc("articles/skipped_known")
                return
            self._inc("articles/refetch_lastmod")
        meta = {"role": ARTICLE, "origin": origin}
        yield Request(url, callback=self.parse_article, errback=self.failed, meta=meta)

    def failed(self, failure: Failure) -> None:
        """A request that failed for good (after retries); the run no longer counts as clean."""
        request = getattr(failure, "request", None)
        role = request.meta.get("role") if request is not None else None
        kind = "article_pages" if role == ARTICLE else "listing_pages"
        error = failure.value
        if isinstance(error, HttpError) and error.response.status in (404, 410):
            self._inc(f"{kind}/gone")
            if request is not None:
                self.store.remember_urls([request.url], None, kind="non-article")
            return
        self._inc(f"{kind}/failed")
        self.logger.warning("gave up on %s: %s", getattr(request, "url", "?"), failure.getErrorMessage())

    def _is_internal(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and parts.hostname in self.allowed_domains

    # --- sitemaps -------------------------------------------------------------

    def parse_robots(self, response: Response) -> Iterator[Request]:
        """The site's own sitemaps from robots.txt (on this host), else the default index."""
        named = sitemap_urls_from_robots(response.body, base_url=response.url)
        urls = list(dict.fromkeys(url for url in named if self._is_internal(url)))
        self._inc("sitemaps/from_robots" if urls else "sitemaps/default_index")
        for url in urls or [f"{self.base_url}{DEFAULT_SITEMAP_INDEX}"]:
            yield self._sitemap_request(url, 0, response.meta)

    def robots_failed(self, failure: Failure) -> Iterator[Request]:
        self._inc("sitemaps/default_index")
        self.logger.warning("no robots.txt (%s): reading %s", failure.getErrorMessage(), DEFAULT_SITEMAP_INDEX)
        request = getattr(failure, "request", None)
        yield self._sitemap_request(f"{self.base_url}{DEFAULT_SITEMAP_INDEX}", 0, request.meta if request else {})

    def _sitemap_request(self, url: str, depth: int, meta: dict[str, Any]) -> Request:
        return Request(
            url, callback=self.parse_sitemap, errback=self.failed,
            meta={**_walk_meta(meta), SITEMAP_DEPTH: depth}, dont_filter=self.shared_frontier,
        )  # fmt: skip

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        """A sitemap index (its monthly sitemaps in the wanted months), or a urlset (its articles)."""
        depth = response.meta.get(SITEMAP_DEPTH, 0)
        listed = parse_sitemap_index(response.body, response.url)
        if listed and depth >= MAX_SITEMAP_DEPTH:
            self._inc("sitemaps/too_deep")
            self.logger.warning("sitemap index %s nested %d deep: not followed", response.url, depth)
            return
        for monthly in listed:
            if monthly.year is None or monthly.month is None:
                self._inc("sitemaps/unrecognised_name")
            elif not self.args.month_wanted(monthly.year, monthly.month):
                continue
            yield self._sitemap_request(monthly.url, depth + 1, response.meta)
        if listed:
            return
        entries = parse_urlset(response.body, response.url)
        self._inc("sitemaps/urls", len(entries))
        for entry in entries:
            yield from self._article_request(entry.url, "sitemap", lastmod=entry.lastmod)

    # --- articles ---------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[ArticleItem]:
        self._inc("article_pages")
        if not isinstance(response, TextResponse):
            self._inc("pages/not_text")
            return
        headers = {k.decode("latin-1"): (response.headers.get(k) or b"").decode("latin-1") for k in response.headers}
        # the text as Scrapy decoded it; the parser builds its own tree (a plain lxml one,
        # which, unlike response.selector, does not keep the response alive either)
        result = self.parser.parse(response.text, response.url, status=response.status, headers=headers)
        for field, layer in result.layers.items():
            self._inc(f"parser/layer/{field}/{layer}")
        for failure in result.failures:
            self._inc(f"parser/failure/{failure}")
        if result.item is None:
            self._skip(response, result.skip_reason or "unknown")
            return
        item = result.item
        item.crawled_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.store.remember_urls(
            {response.url, response.request.url if response.request else response.url},
            article_key(item.post_id, item.url),
        )
        self._inc("articles/parsed")
        yield item

    def _skip(self, response: Response, reason: str) -> None:
        self._inc(f"articles/skipped/{reason.split(':', 1)[0]}")
        self.logger.info("skipped %s: %s", response.url, reason)
        if reason.startswith("not-article"):
            self.store.remember_urls([response.url], None, kind="non-article")


def _walk_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """The walk's own keys that a listing page hands on to the pages it leads to."""
    return {FULL_WALK: True} if meta.get(FULL_WALK) else {}


def _is_newer(candidate: str | None, reference: str | None) -> bool:
    """True when both are ISO 8601 times and candidate is later (an unknown time is not newer).

    A sitemap ``<lastmod>`` may be a bare date (``2025-09-11``, W3C format): it is newer from
    the day after the reference's own date on. A time without offset is taken as UTC.
    """
    if not candidate or not reference:
        return False
    try:
        later, earlier = datetime.fromisoformat(candidate.strip()), datetime.fromisoformat(reference.strip())
    except (TypeError, ValueError):
        return False
    if len(candidate.strip()) == len("2025-09-11"):
        return later.date() > earlier.date()
    return _aware(later) > _aware(earlier)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def select_listings(menu: SiteMenu, wanted: tuple[str, ...]) -> list[MenuItem]:
    """Every listing of the menus (sections, their categories, regions), or those wanted."""
    chosen: list[MenuItem] = []
    for section in menu.sections:
        section_hit = not wanted or _matches(section, wanted)
        chosen.extend([section] if section_hit else [])
        chosen.extend(c for c in section.children if section_hit or _matches(c, wanted))
    chosen.extend(r for r in menu.regions if not wanted or _matches(r, wanted))
    unique: dict[str, MenuItem] = {}
    for item in chosen:
        unique.setdefault(item.path.rstrip("/").casefold(), item)
    return list(unique.values())


def _matches(item: MenuItem, wanted: tuple[str, ...]) -> bool:
    last_segment = item.path.rstrip("/").rsplit("/", 1)[-1].casefold()
    return item.label.casefold() in wanted or last_segment in wanted


def _new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def page_selector(response: TextResponse) -> Selector:
    """A selector of the page that, unlike ``response.selector``, does not point back at it.

    Response and ``response.selector`` refer to each other, so only the cyclic GC frees
    them, and it runs by counts of Python objects, blind to lxml trees in C memory: at a
    few hundred pages a second the dead trees piled up (+40 MiB peak RSS at 2,000
    articles, benchmarks/memory.py). This one goes when the callback is done with it.
    """
    return Selector(text=response.text, type="html", base_url=response.url)
