"""The Redis settings profile and key names (no Redis server needed)."""

from __future__ import annotations

import pytest
from scrapy.settings import Settings

from mayadeen_crawler.scaleout.keys import RedisKeys
from mayadeen_crawler.scaleout.profile import DUPEFILTER, SCHEDULER, apply_redis_profile, redis_keys
from mayadeen_crawler.spiders.mayadeen import MayadeenSpider


def _settings(**values: object) -> Settings:
    settings = Settings()
    settings.setmodule("mayadeen_crawler.settings", priority="project")
    settings.setdict({"MAYADEEN_BASE_URL": "http://127.0.0.1:8000", **values}, priority="cmdline")
    return settings


def test_without_a_redis_url_nothing_changes() -> None:
    settings = _settings()
    MayadeenSpider.update_settings(settings)
    assert settings.get("SCHEDULER") == "scrapy.core.scheduler.Scheduler"
    assert settings.get("DUPEFILTER_CLASS") == "scrapy.dupefilters.RFPDupeFilter"


def test_the_profile_moves_queue_dupefilter_and_keys_to_redis_per_site() -> None:
    settings = _settings(MAYADEEN_REDIS_URL="redis://127.0.0.1:6390/0")
    apply_redis_profile(settings)
    assert settings.get("SCHEDULER") == SCHEDULER
    assert settings.get("DUPEFILTER_CLASS") == DUPEFILTER
    assert settings.get("REDIS_URL") == "redis://127.0.0.1:6390/0"
    assert settings.getbool("SCHEDULER_PERSIST")
    assert settings.get("SCHEDULER_QUEUE_KEY") == "mayadeen:127.0.0.1:8000:requests"
    assert settings.get("SCHEDULER_DUPEFILTER_KEY") == "mayadeen:127.0.0.1:8000:dupefilter"


def test_a_command_line_setting_still_wins_over_the_profile() -> None:
    settings = _settings(MAYADEEN_REDIS_URL="redis://h/0", SCHEDULER_PERSIST=False, MAYADEEN_REDIS_PREFIX="crawl-7")
    MayadeenSpider.update_settings(settings)
    assert settings.get("SCHEDULER") == SCHEDULER
    assert not settings.getbool("SCHEDULER_PERSIST")
    assert redis_keys(settings).taken("w1") == "crawl-7:taken:w1"


@pytest.mark.parametrize("prefix", ["", "  ", "a%b"])
def test_a_prefix_scrapy_redis_would_mangle_is_refused(prefix: str) -> None:
    with pytest.raises(ValueError, match="MAYADEEN_REDIS_PREFIX"):
        RedisKeys(prefix)
