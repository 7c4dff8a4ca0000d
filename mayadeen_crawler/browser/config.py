"""``MAYADEEN_BROWSER`` -> scrapy-playwright settings, applied by the spider's ``update_settings``.

The scrapy-playwright download handler is installed only when the browser may be used
(``auto`` or ``always``), so a ``never`` crawl neither starts Playwright nor imports it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

MODES = ("auto", "always", "never")
HANDLER = "mayadeen_crawler.browser.handler.LazyPlaywrightHandler"
CONTEXT = "mayadeen"
TRACE = "mayadeen_trace"  # request meta: the NavigationTrace of a browser request
APPLIED = "MAYADEEN_BROWSER_APPLIED"


def browser_mode(settings: BaseSettings) -> str:
    """The configured mode, checked."""
    mode = str(settings.get("MAYADEEN_BROWSER", "auto")).strip().lower()
    if mode not in MODES:
        raise NotConfigured(f"MAYADEEN_BROWSER must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


def launch_options(settings: BaseSettings) -> dict[str, object]:
    """Headless Chromium with the project's flags; Debian's binary unless the path is empty."""
    options: dict[str, object] = {"headless": True, "args": settings.getlist("MAYADEEN_CHROMIUM_ARGS")}
    path = settings.get("MAYADEEN_CHROMIUM_PATH") or ""
    if path:
        options["executable_path"] = path
    return options


def apply_browser_settings(settings: BaseSettings) -> str:
    """Install scrapy-playwright for ``auto``/``always``; return the mode in effect.

    ``auto`` without the Chromium binary falls back to ``never`` with a warning;
    ``always`` without it refuses to start.
    """
    mode = browser_mode(settings)
    path = settings.get("MAYADEEN_CHROMIUM_PATH") or ""
    if mode != "never" and path and not Path(path).is_file():
        if mode == "always":
            raise NotConfigured(f"MAYADEEN_BROWSER=always but there is no Chromium at {path}")
        logger.warning("no Chromium at %s: the browser is off (MAYADEEN_CHROMIUM_PATH)", path)
        mode = "never"
    settings.set(APPLIED, mode, priority="spider")
    if mode == "never":
        return mode
    handlers = settings.getdict("DOWNLOAD_HANDLERS")
    handlers.update(dict.fromkeys(_schemes(settings), HANDLER))
    timeout_ms = settings.getfloat("MAYADEEN_BROWSER_TIMEOUT", 20) * 1000
    settings.setdict(
        {
            "DOWNLOAD_HANDLERS": handlers,
            "PLAYWRIGHT_BROWSER_TYPE": "chromium",
            "PLAYWRIGHT_LAUNCH_OPTIONS": launch_options(settings),
            "PLAYWRIGHT_MAX_CONTEXTS": 1,
            "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": settings.getint("MAYADEEN_BROWSER_PAGES", 4),
            "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": timeout_ms,
            "PLAYWRIGHT_ABORT_REQUEST": "mayadeen_crawler.browser.page.abort_request",
        },
        priority="spider",
    )
    return mode


def _schemes(settings: BaseSettings) -> tuple[str, ...]:
    """The base URL's scheme only: each scheme's handler would start its own Playwright driver."""
    scheme = urlsplit(settings.get("MAYADEEN_BASE_URL") or "").scheme
    return (scheme,) if scheme in ("http", "https") else ("http", "https")
