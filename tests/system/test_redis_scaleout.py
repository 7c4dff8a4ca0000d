"""Scale-out on Redis with the real ``redis-server``: three workers share one frontier.

The union of their outputs holds every article of the replica exactly once, even when
one worker is killed with SIGKILL mid-crawl and restarted (same run id, at once) and a
second one is killed and never comes back (the others take its work over).
"""

from __future__ import annotations

import collections
import os
import signal
import time
from typing import TYPE_CHECKING, Any

import pytest

from scripts.redis_process import RedisProcess
from scripts.replica_process import ReplicaProcess
from scripts.workers import lines_on_disk, manifests, published_lines, start_worker, stop
from tests.integration.crawl import fetch_json, field_mismatches

if TYPE_CHECKING:
    import subprocess
    from pathlib import Path

pytestmark = pytest.mark.system

ARTICLES = 1500
SETTINGS = {
    "MAYADEEN_REDIS_HEARTBEAT": "0.5",
    "MAYADEEN_REDIS_DEAD_AFTER": "6",
    "MAYADEEN_REDIS_IDLE_CLOSE": "2",
    "MAYADEEN_EXPORT_BATCH_ITEMS": "50",
    "LOG_LEVEL": "INFO",
}
WORKERS = ("worker-a", "worker-b", "worker-c")


def _wait_for_lines(output: Path, at_least: int, processes: list[subprocess.Popen[bytes]]) -> None:
    deadline = time.monotonic() + 60
    while lines_on_disk(output) < at_least:
        assert time.monotonic() < deadline, "the workers wrote too little"
        assert all(p.poll() is None for p in processes), "a worker ended before the kill"
        time.sleep(0.02)


def _wait_all(processes: dict[str, subprocess.Popen[bytes]], seconds: float) -> dict[str, int | None]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(p.poll() is None for p in processes.values()):
        time.sleep(0.2)
    codes = {name: p.poll() for name, p in processes.items()}
    for process in processes.values():
        stop(process)
    return codes


def _each_version_once(lines: list[dict[str, Any]]) -> list[tuple[str, int]]:
    counts = collections.Counter((line["post_id"] or line["url"], line["version"]) for line in lines)
    return [key for key, n in counts.items() if n > 1]


def test_three_workers_export_every_article_once_through_kills(tmp_path: Path) -> None:
    with ReplicaProcess(articles=ARTICLES, seed=21) as replica, RedisProcess() as server:
        truth = fetch_json(f"{replica.base_url}/_replica/truth.json")

        def start(run_id: str) -> subprocess.Popen[bytes]:
            return start_worker(replica.base_url, server.url, tmp_path, run_id, SETTINGS)

        running = {run_id: start(run_id) for run_id in WORKERS}
        _wait_for_lines(tmp_path / "output", 300, list(running.values()))
        os.kill(running["worker-a"].pid, signal.SIGKILL)  # restarted at once, same run id
        running["worker-a"].wait()
        running["worker-a"] = start("worker-a")
        _wait_for_lines(tmp_path / "output", 700, list(running.values()))
        os.kill(running["worker-b"].pid, signal.SIGKILL)  # never restarted: taken over
        running.pop("worker-b").wait()
        codes = _wait_all(running, seconds=150)

    assert codes == {"worker-a": 0, "worker-c": 0}, [(tmp_path / f"{r}.log").read_text()[-3000:] for r in codes]
    output = tmp_path / "output"
    lines = published_lines(output)
    assert _each_version_once(lines) == []
    by_url = {line["url"]: line for line in lines}
    assert sorted(set(truth) - set(by_url)) == []
    assert sorted(set(by_url) - set(truth)) == []
    mismatches = [m for url, want in truth.items() for m in field_mismatches(by_url[url], want)]
    assert mismatches == [], "\n".join(mismatches[:20])
    assert list(output.glob(".*.part")) == [], "a dead worker's unpublished batch was left behind"
    stats = [m["stats"] for m in manifests(output)]
    assert sum(s.get("mayadeen/redis/took_over", 0) for s in stats) >= 2  # worker-a's old self, worker-b
    assert all(s.get("finish_reason") == "finished" for s in stats)
