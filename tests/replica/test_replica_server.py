"""The replica over real HTTP on a free port: keep-alive, routes and every fault kind."""

from __future__ import annotations

import http.client
import json
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from mayadeen_crawler.replica import ReplicaServer, Switches

ROOT = Path(__file__).resolve().parents[2]


def _get(server: ReplicaServer, path: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_binds_a_free_port_on_loopback(server: ReplicaServer) -> None:
    assert server.port > 0
    assert server.base_url == f"http://127.0.0.1:{server.port}"


def test_pages_and_404(server: ReplicaServer) -> None:
    status, headers, body = _get(server, "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert int(headers["Content-Length"]) == len(body)
    assert _get(server, "/no/such/page")[0] == 404
    article = server.corpus.metas[0].path
    status, _, body = _get(server, article)
    assert status == 200
    assert server.corpus.url(0).encode() in body


def test_keep_alive_serves_many_requests_on_one_connection(server: ReplicaServer) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        start = time.perf_counter()
        for meta in server.corpus.metas[:30]:
            connection.request("GET", meta.path)
            response = connection.getresponse()
            assert response.status == 200
            assert response.getheader("Connection") == "keep-alive"
            response.read()
        elapsed = time.perf_counter() - start
    finally:
        connection.close()
    print(f"30 keep-alive requests: {elapsed * 1000:.0f} ms")
    assert elapsed < 1.0  # no Nagle stall (about 40 ms a response without TCP_NODELAY)


def test_truth_and_info_endpoints(server: ReplicaServer) -> None:
    status, _, body = _get(server, "/_replica/truth.json")
    truth = json.loads(body)
    assert status == 200
    assert len(truth) == len(server.corpus)
    assert truth[server.corpus.url(0)] == server.corpus.truth(0)
    info = json.loads(_get(server, "/_replica/info.json")[2])
    assert info["seed"] == 2
    assert info["articles"] == 120
    assert info["switches"]["faults"] == {}


def test_head_has_no_body(server: ReplicaServer) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("HEAD", "/robots.txt")
        response = connection.getresponse()
        assert response.status == 200
        assert int(response.getheader("Content-Length") or 0) > 0
        assert response.read() == b""
    finally:
        connection.close()


@pytest.fixture
def faulty() -> Iterator[ReplicaServer]:
    switches = Switches.parse("500:100%", slow_seconds=0.3)
    with ReplicaServer(seed=1, articles=20, switches=switches) as running:
        yield running


def _only(kind: str, **extra: float) -> ReplicaServer:
    return ReplicaServer(seed=1, articles=20, switches=Switches({kind: 1.0}, **extra))


def test_errors_are_transient(faulty: ReplicaServer) -> None:
    path = faulty.corpus.metas[0].path
    assert [_get(faulty, path)[0] for _ in range(3)] == [500, 500, 200]
    assert _get(faulty, "/_replica/info.json")[0] == 200
    assert _get(faulty, "/robots.txt")[0] == 200


def test_429_carries_retry_after() -> None:
    with _only("429") as running:
        status, headers, _ = _get(running, "/")
    assert status == 429
    assert headers["Retry-After"] == "1"


def test_challenge_looks_like_cloudflare() -> None:
    with _only("challenge") as running:
        status, headers, body = _get(running, "/")
    assert status == 403
    assert headers["Server"] == "cloudflare"
    assert headers["cf-mitigated"] == "challenge"
    assert b"<title>Just a moment...</title>" in body


def test_truncate_cuts_the_body_and_its_length() -> None:
    with _only("truncate") as running:
        path = running.corpus.metas[0].path
        status, headers, body = _get(running, path)
        full = _get(running, path)[2]  # the second try: truncate again (streak 2)
        whole = _get(running, path)[2]  # the third is served whole
    assert status == 200
    assert int(headers["Content-Length"]) == len(body)
    assert len(body) == len(whole) // 2
    assert len(full) == len(body)
    assert whole.rstrip().endswith(b"</html>")


def test_reset_closes_without_response() -> None:
    with _only("reset") as running:
        for _ in range(2):
            with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
                _get(running, "/")
        assert _get(running, "/")[0] == 200


def test_slow_delays_the_answer() -> None:
    with _only("slow", slow_seconds=0.3) as running:
        start = time.perf_counter()
        status = _get(running, "/")[0]
        elapsed = time.perf_counter() - start
    assert status == 200
    assert elapsed >= 0.3


def test_stop_releases_the_port() -> None:
    running = ReplicaServer(seed=1, articles=5).start()
    port = running.port
    running.stop()
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))


def test_cli_serves_until_sigterm() -> None:
    command = [
        sys.executable,
        "-m",
        "mayadeen_crawler.replica",
        "--port",
        "0",
        "--articles",
        "12",
        "--seed",
        "4",
    ]
    command += ["--faults", "500:5%", "--drift", "10%"]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.fullmatch(r"replica serving 12 articles at (http://127\.0\.0\.1:(\d+))\n", line)
        assert match, line
        with urllib.request.urlopen(f"{match[1]}/_replica/info.json", timeout=10) as response:
            info = json.load(response)
        assert info["switches"] == {"faults": {"500": 0.05}, "drift": 0.1, "slow_seconds": 3.0}
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        process.stdout.close()


def test_cli_rejects_bad_switches() -> None:
    command = [sys.executable, "-m", "mayadeen_crawler.replica", "--port", "0", "--faults", "oops:5%"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode != 0
    assert "unknown fault kinds" in done.stderr


def test_stop_without_start_and_twice() -> None:
    unstarted = ReplicaServer(seed=1, articles=3)
    unstarted.stop()
    running = ReplicaServer(seed=1, articles=3).start()
    running.stop()
    running.stop()
