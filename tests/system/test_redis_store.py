"""The Redis seen-store and the shared queue against a real ``redis-server`` (no crawl)."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import TYPE_CHECKING

import pytest
from scrapy import Request

from mayadeen_crawler.scaleout.keys import RedisKeys
from mayadeen_crawler.scaleout.scheduler import NO_FINGERPRINT, SharedQueue
from mayadeen_crawler.state import ExportRecord, StateBusyError
from mayadeen_crawler.state.redis_store import RedisSeenStore
from scripts.redis_process import RedisProcess

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    import redis

pytestmark = pytest.mark.system


@pytest.fixture(scope="module")
def server() -> Iterator[RedisProcess]:
    with RedisProcess() as process:
        yield process


@pytest.fixture
def client(server: RedisProcess) -> Iterator[redis.Redis]:
    connection = server.client()
    connection.flushall()
    yield connection
    connection.close()


def _store(server: RedisProcess, run_id: str, dead_after: float = 30.0) -> RedisSeenStore:
    return RedisSeenStore.from_url(server.url, "t", run_id, dead_after=dead_after)


def _record(key: str = "post:1", version: int = 1, url: str = "https://x/a") -> ExportRecord:
    return ExportRecord(key, version, url, "hash", "2025-09-10T17:10:00+03:00", "pending", "")


def test_only_one_worker_claims_a_version_and_it_is_known_once_published(
    server: RedisProcess, client: redis.Redis
) -> None:
    first, second = _store(server, "a"), _store(server, "b")
    assert (first.walks_site, second.walks_site) == (True, False)  # the first one seeds the walk
    assert first.add_pending(_record(), "1", "/out/a-001.jsonl")
    assert not second.add_pending(_record(), "1", "/out/b-001.jsonl")
    second.remember_urls(["https://x/a"], "post:1")
    latest = second.latest("post:1")
    assert latest is not None
    assert (latest.version, latest.status, latest.run_id) == (1, "pending", "a")
    assert not second.is_known_url("https://x/a")
    assert first.commit_file("/out/a-001.jsonl") == 1
    assert second.is_known_url("https://x/a")
    assert second.exported_modified_at("https://x/a") == "2025-09-10T17:10:00+03:00"
    assert second.add_pending(_record(version=2), "1", "/out/b-001.jsonl")  # an edit: the next version
    assert second.exported_count() == 1
    for store in (first, second):
        store.finish_run(True, [])
        store.close()


def test_a_dead_worker_is_settled_by_its_files_and_its_fingerprints_released(
    server: RedisProcess, client: redis.Redis, tmp_path: Path
) -> None:
    keys = RedisKeys("t")
    published, lost = tmp_path / "dead-001.jsonl", tmp_path / "dead-002.jsonl"
    published.write_text("{}\n")
    dead = _store(server, "dead", dead_after=0.3)
    dead.add_pending(_record("post:1", url="https://x/1"), "1", str(published))
    dead.add_pending(_record("post:2", url="https://x/2"), "2", str(lost))
    dead.remember_urls(["https://x/1"], "post:1")
    client.sadd(keys.dupefilter, "f" * 40, "e" * 40)
    client.sadd(keys.taken("dead"), "f" * 40)
    client.zadd(keys.requests, {b"queued": 0})  # work left: the next worker resumes this generation
    with pytest.raises(StateBusyError):
        _store(server, "dead")  # its lease is still fresh
    time.sleep(0.9)  # past dead_after and its start-up grace: it never sent a heartbeat

    heir = _store(server, "heir", dead_after=0.3)
    assert (heir.recovery.kept, heir.recovery.discarded) == (1, 1)
    assert heir.dead_runs == ["dead"]
    assert heir.walks_site
    assert not heir.previous_run_clean
    assert heir.is_known_url("https://x/1")
    assert heir.latest("post:2") is None  # released: a later walk exports it again
    assert client.smembers(keys.dupefilter) == {b"e" * 40}
    assert dead.heartbeat(busy=False).lease_held is False  # a stalled worker learns it lost its lease
    assert not dead.add_pending(_record("post:3", url="https://x/3"), "3", str(lost))
    dead.give_up()
    heir.finish_run(True, [])
    heir.close()


def test_frontier_state_and_the_clean_end_of_a_crawl(server: RedisProcess, client: redis.Redis) -> None:
    keys = RedisKeys("t")
    first = _store(server, "a")
    assert first.frontier_state(idle_seconds=60, silent_seconds=60) == "busy:a"  # start-up grace
    first.heartbeat(busy=True)
    assert first.frontier_state(idle_seconds=0.2, silent_seconds=60) == "busy:a"
    client.zadd(keys.requests, {b"x": 0})
    assert first.frontier_state(idle_seconds=0.0, silent_seconds=60) == "queue"
    client.delete(keys.requests)
    time.sleep(0.3)
    assert first.frontier_state(idle_seconds=0.2, silent_seconds=60) == "quiet"
    client.sadd(keys.dupefilter, "f" * 40)
    first.finish_run(True, ["https://x/news"])
    first.close()
    assert client.get(keys.last_clean) == b"1"

    second = _store(server, "b")  # a new generation after a clean one
    assert second.walks_site
    assert second.previous_run_clean
    assert second.may_stop_early("https://x/news")
    assert not second.may_stop_early("https://x/other")
    assert client.exists(keys.dupefilter) == 0  # the queue was empty: a fresh dupefilter
    second.finish_run(False, [])
    second.close()
    assert client.get(keys.last_clean) == b"0"
    third = _store(server, "c")
    assert not third.previous_run_clean
    third.close()


def test_the_shared_queue_records_what_a_worker_takes(server: RedisProcess, client: redis.Redis) -> None:
    keys = RedisKeys("t")
    queue = SharedQueue(
        client, SimpleNamespace(name="mayadeen"), keys.requests,
        fingerprint=lambda request: "f" * 40, taken_key=keys.taken("a"), busy_key=keys.busy, run_id="a",
    )  # fmt: skip
    queue.push(Request("https://x/article", priority=0))
    queue.push(Request("https://x/listing?page=2", priority=-2, dont_filter=True))
    popped = [queue.pop(), queue.pop(), queue.pop()]
    assert [r.url if r else None for r in popped] == ["https://x/article", "https://x/listing?page=2", None]
    assert client.smembers(keys.taken("a")) == {b"f" * 40}  # the listing page has no fingerprint
    assert NO_FINGERPRINT.encode() not in client.smembers(keys.taken("a"))
    assert client.hexists(keys.busy, "a")


def test_a_worker_dead_on_another_host_is_settled_as_far_as_can_be_known(
    server: RedisProcess, client: redis.Redis, tmp_path: Path
) -> None:
    keys = RedisKeys("t")
    client.zadd(keys.requests, {b"queued": 0})
    dead = RedisSeenStore(server.client(), keys, "far", dead_after=0.3, host="elsewhere")
    dead.add_pending(_record("post:1", url="https://x/1"), "1", "/elsewhere/far-001.jsonl")
    dead.sync()  # far-001 was about to be renamed when it died
    dead.add_pending(_record("post:2", url="https://x/2"), "2", "/elsewhere/far-002.jsonl")
    time.sleep(0.9)

    heir = _store(server, "heir", dead_after=0.3)
    assert (heir.recovery.kept, heir.recovery.discarded) == (0, 1)  # far-002 was never published
    assert heir.latest("post:2") is None
    pending = heir.latest("post:1")
    assert pending is not None
    assert pending.status == "pending"  # only a worker on its host can look at far-001
    assert client.smembers(keys.unsettled) == {b"far"}
    assert heir.dead_runs == []  # no .part file of it here to delete
    dead.give_up()
    heir.close()
