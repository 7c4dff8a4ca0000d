"""The clearance cookie and its User-Agent, the solve broker and the browser settings (no browser)."""

from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings

from mayadeen_crawler import settings as project_settings
from mayadeen_crawler.browser.clearance import GENERATION, Clearance, ClearanceBroker
from mayadeen_crawler.browser.config import APPLIED, HANDLER, apply_browser_settings

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/150.0.0.0 Safari/537.36"
CF = {"name": "cf_clearance", "value": "17.abc.0f0f", "domain": "127.0.0.1", "path": "/"}


def test_a_clearance_sets_its_user_agent_and_cookie_on_a_plain_request() -> None:
    request = Request("http://127.0.0.1:8000/news/politics", headers={"User-Agent": "Scrapy"})
    Clearance((CF,), BROWSER_UA, 3).apply(request)
    assert request.headers[b"User-Agent"] == BROWSER_UA.encode()
    assert request.headers[b"Cookie"] == b"cf_clearance=17.abc.0f0f"
    assert request.meta[GENERATION] == 3


def test_a_clearance_keeps_other_cookies_and_replaces_its_own() -> None:
    request = Request("http://127.0.0.1:8000/", headers={"Cookie": "session=s1; cf_clearance=old"})
    Clearance((CF,), BROWSER_UA, 1).apply(request)
    assert request.headers[b"Cookie"] == b"session=s1; cf_clearance=17.abc.0f0f"


def test_cookies_follow_domain_path_and_secure_rules() -> None:
    cookies = (
        {"name": "a", "value": "1", "domain": ".example.com", "path": "/"},
        {"name": "b", "value": "2", "domain": "other.org", "path": "/"},
        {"name": "c", "value": "3", "domain": "example.com", "path": "/news"},
        {"name": "d", "value": "4", "domain": "example.com", "path": "/", "secure": True},
    )
    plain = Request("http://www.example.com/news/x")
    Clearance(cookies, BROWSER_UA, 1).apply(plain)
    assert plain.headers[b"Cookie"] == b"a=1"
    secure = Request("https://example.com/news/x")
    Clearance(cookies, BROWSER_UA, 1).apply(secure)
    assert secure.headers[b"Cookie"] == b"a=1; c=3; d=4"


def test_the_broker_knows_which_requests_carry_an_outdated_clearance() -> None:
    broker = ClearanceBroker()
    never_cleared = Request("http://127.0.0.1/")
    assert not broker.is_stale(never_cleared)
    first = broker.store([CF], BROWSER_UA)
    assert broker.is_stale(never_cleared)
    sent = Request("http://127.0.0.1/")
    first.apply(sent)
    assert not broker.is_stale(sent)
    assert broker.store([CF], BROWSER_UA).generation == 2
    assert broker.is_stale(sent)


def test_one_solve_at_a_time_and_waiters_wake_when_it_ends() -> None:
    async def scenario() -> list[str]:
        broker, events = ClearanceBroker(), []
        assert broker.begin()
        assert not broker.begin()

        async def waiter() -> None:
            await broker.wait(timeout=5)
            events.append("woke")

        task = asyncio.ensure_future(waiter())
        await asyncio.sleep(0.01)
        events.append("solved")
        broker.end()
        await task
        assert not broker.solving
        await broker.wait(timeout=5)  # nothing running: returns at once
        return events

    assert asyncio.run(scenario()) == ["solved", "woke"]


def test_a_waiter_gives_up_after_its_timeout() -> None:
    async def scenario() -> bool:
        broker = ClearanceBroker()
        broker.begin()
        await broker.wait(timeout=0.01)
        return broker.solving

    assert asyncio.run(scenario()) is True


def _settings(**values: object) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.setdict(values, priority="cmdline")
    return settings


def test_never_installs_nothing() -> None:
    settings = _settings(MAYADEEN_BROWSER="never")
    assert apply_browser_settings(settings) == "never"
    assert settings[APPLIED] == "never"
    assert HANDLER not in settings.getdict("DOWNLOAD_HANDLERS").values()


@pytest.mark.parametrize("mode", ["auto", "always"])
def test_auto_and_always_install_scrapy_playwright_on_the_system_chromium(tmp_path, mode: str) -> None:
    chromium = tmp_path / "chromium"
    chromium.write_text("")
    settings = _settings(MAYADEEN_BROWSER=mode.upper(), MAYADEEN_CHROMIUM_PATH=str(chromium))
    assert apply_browser_settings(settings) == mode
    assert settings.getdict("DOWNLOAD_HANDLERS") == {"https": HANDLER}  # the live site's scheme only
    launch = settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")
    assert launch["executable_path"] == str(chromium)
    assert launch["headless"] is True
    assert "--no-sandbox" in launch["args"]
    assert settings.getint("PLAYWRIGHT_MAX_CONTEXTS") == 1
    assert settings.getfloat("PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT") == 20_000


def test_an_empty_chromium_path_means_playwrights_own_browser() -> None:
    settings = _settings(MAYADEEN_CHROMIUM_PATH="")
    assert apply_browser_settings(settings) == "auto"
    assert "executable_path" not in settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")


def test_a_missing_chromium_turns_auto_off_and_stops_always(tmp_path) -> None:
    missing = str(tmp_path / "no-chromium")
    settings = _settings(MAYADEEN_CHROMIUM_PATH=missing)
    assert apply_browser_settings(settings) == "never"
    assert HANDLER not in settings.getdict("DOWNLOAD_HANDLERS").values()
    with pytest.raises(NotConfigured, match="no Chromium"):
        apply_browser_settings(_settings(MAYADEEN_BROWSER="always", MAYADEEN_CHROMIUM_PATH=missing))
    with pytest.raises(NotConfigured, match="MAYADEEN_BROWSER must be"):
        apply_browser_settings(_settings(MAYADEEN_BROWSER="sometimes"))
