"""The scrapyd scheduler: durations, one tick, the loop, the client's errors and exit codes."""

from __future__ import annotations

import argparse
import base64
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qsl, urlsplit

import pytest

from mayadeen_crawler.schedule.cli import main, parse_duration
from mayadeen_crawler.schedule.client import (
    ScrapydAuthError,
    ScrapydClient,
    ScrapydError,
    ScrapydUnreachable,
    credentials_from_env,
)
from mayadeen_crawler.schedule.scheduler import JobSpec, run_every, tick

if TYPE_CHECKING:
    from collections.abc import Iterator


class FakeClient:
    """Stands in for ScrapydClient: a jobs list, and a record of what was scheduled."""

    def __init__(self, pending: list[dict[str, Any]] | None = None, running: list[dict[str, Any]] | None = None):
        self.jobs = {"pending": pending or [], "running": running or [], "finished": []}
        self.scheduled: list[tuple[str, str, dict[str, str], dict[str, str]]] = []
        self.failures: list[Exception] = []

    def list_jobs(self, project: str) -> dict[str, list[dict[str, Any]]]:
        if self.failures:
            raise self.failures.pop(0)
        return self.jobs

    def schedule(self, project: str, spider: str, settings: dict[str, str], args: dict[str, str]) -> str:
        self.scheduled.append((project, spider, settings, args))
        return f"job{len(self.scheduled)}"


@pytest.mark.parametrize(("text", "seconds"), [("45s", 45), ("30m", 1800), ("1h", 3600), ("1h30m", 5400), ("1d", 86400)])
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "1", "h", "1x", "1h 30m", "0s", "-1h"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        parse_duration(text)


def test_a_tick_schedules_when_nothing_of_that_spider_is_pending_or_running() -> None:
    client = FakeClient(running=[{"id": "x", "spider": "another"}])
    spec = JobSpec(settings={"MAYADEEN_BASE_URL": "http://127.0.0.1:1"}, args={"sections": "politics"})
    result = tick(client, spec)  # type: ignore[arg-type]
    assert (result.outcome, result.job_ids) == ("scheduled", ("job1",))
    assert client.scheduled == [("mayadeen_crawler", "mayadeen", spec.settings, spec.args)]


@pytest.mark.parametrize("state", ["pending", "running"])
def test_a_tick_never_starts_a_run_while_the_previous_one_is_not_done(
    state: str, caplog: pytest.LogCaptureFixture
) -> None:
    client = FakeClient(**{state: [{"id": "abc", "spider": "mayadeen"}]})
    caplog.set_level("INFO")
    result = tick(client, JobSpec())  # type: ignore[arg-type]
    assert (result.outcome, result.job_ids) == ("busy", ("abc",))
    assert client.scheduled == []
    assert f"the previous job is not done: abc ({state})" in caplog.text


def test_the_loop_ticks_on_a_fixed_grid_and_survives_an_unreachable_scrapyd(caplog: pytest.LogCaptureFixture) -> None:
    client = FakeClient()
    client.failures.append(ScrapydUnreachable("scrapyd at x is unreachable: refused"))
    now = [0.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds + 0.5  # each tick costs half a second

    run_every(client, JobSpec(), 3600, ticks=3, clock=lambda: now[0], sleep=sleep)  # type: ignore[arg-type]
    assert len(client.scheduled) == 2
    assert sleeps == [3600, 3599.5]
    assert "unreachable: refused; trying again at the next slot" in caplog.text


def test_other_errors_end_the_loop() -> None:
    client = FakeClient()
    client.failures.append(ScrapydAuthError("401"))
    with pytest.raises(ScrapydAuthError):
        run_every(client, JobSpec(), 60, clock=lambda: 0.0, sleep=lambda _: None)  # type: ignore[arg-type]


def test_credentials_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCRAPYD_USERNAME", raising=False)
    monkeypatch.setenv("SCRAPYD_PASSWORD", "p")
    assert credentials_from_env() is None
    monkeypatch.setenv("SCRAPYD_USERNAME", "u")
    assert credentials_from_env() == ("u", "p")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unreachable_scrapyd_is_a_clean_error(caplog: pytest.LogCaptureFixture) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(ScrapydUnreachable, match="is unreachable"):
        ScrapydClient(url, None, timeout=5).list_jobs("p")
    assert main(["--once", "--url", url]) == 1
    assert f"scrapyd at {url}/ is unreachable: [Errno 111] Connection refused" in caplog.text


def test_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--once", "-a", "project=x"])
    assert exited.value.code == 2
    with pytest.raises(SystemExit) as exited:
        main(["--every", "soon"])
    assert exited.value.code == 2


class FakeScrapyd(BaseHTTPRequestHandler):
    """listjobs.json and schedule.json behind basic auth u:p; records what it was sent."""

    seen: ClassVar[list[tuple[str, str, list[tuple[str, str]]]]] = []

    def do_GET(self) -> None:
        self._answer({"status": "ok", "pending": [], "running": [], "finished": []})

    def do_POST(self) -> None:
        form = parse_qsl(self.rfile.read(int(self.headers["Content-Length"])).decode())
        if ("spider", "nope") in form:
            self._answer({"status": "error", "message": "spider 'nope' not found"}, form)
        else:
            self._answer({"status": "ok", "jobid": "j1"}, form)

    def _answer(self, payload: dict[str, Any], form: list[tuple[str, str]] | None = None) -> None:
        parts = urlsplit(self.path)
        if self.headers.get("Authorization") != "Basic " + base64.b64encode(b"u:p").decode():
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="Scrapyd"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        FakeScrapyd.seen.append((parts.path, parts.query, form or []))
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def fake_scrapyd() -> Iterator[str]:
    FakeScrapyd.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeScrapyd)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.system
def test_bad_credentials_are_a_clean_error(
    fake_scrapyd: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(ScrapydAuthError, match="no credentials"):
        ScrapydClient(fake_scrapyd, None).list_jobs("p")
    monkeypatch.setenv("SCRAPYD_USERNAME", "u")
    monkeypatch.setenv("SCRAPYD_PASSWORD", "wrong")
    assert main(["--once", "--url", fake_scrapyd]) == 1
    assert "401 Unauthorized (wrong credentials): set SCRAPYD_USERNAME and SCRAPYD_PASSWORD" in caplog.text


@pytest.mark.system
def test_once_sends_settings_and_arguments_with_auth(fake_scrapyd: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRAPYD_USERNAME", "u")
    monkeypatch.setenv("SCRAPYD_PASSWORD", "p")
    argv = ["--once", "--url", fake_scrapyd, "-s", "LOG_LEVEL=INFO", "-a", "sections=politics,europe"]
    assert main(argv) == 0
    (listed, _, _), (scheduled, _, form) = FakeScrapyd.seen
    assert (listed, scheduled) == ("/listjobs.json", "/schedule.json")
    assert form == [("project", "mayadeen_crawler"), ("spider", "mayadeen"), ("setting", "LOG_LEVEL=INFO"),
                    ("sections", "politics,europe")]  # fmt: skip


@pytest.mark.system
def test_a_refusal_names_what_scrapyd_said(
    fake_scrapyd: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SCRAPYD_USERNAME", "u")
    monkeypatch.setenv("SCRAPYD_PASSWORD", "p")
    with pytest.raises(ScrapydError, match="refused schedule.json: spider 'nope' not found"):
        ScrapydClient(fake_scrapyd, ("u", "p")).schedule("mayadeen_crawler", "nope", {}, {})
    assert main(["--once", "--url", fake_scrapyd, "--spider", "nope"]) == 1
    assert "scrapyd refused schedule.json: spider 'nope' not found" in caplog.text
