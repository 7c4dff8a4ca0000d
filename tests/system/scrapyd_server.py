"""The real scrapyd (PyPI) as a child process on a free loopback port, with basic auth; stopped by PID."""

from __future__ import annotations

import base64
import configparser
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from scripts.processes import stop_process

ROOT = Path(__file__).resolve().parents[2]
USERNAME, PASSWORD = "mayadeen", "s3cret-for-tests"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ScrapydServer:
    """``deploy/scrapyd.conf`` as shipped, in a temp working dir, plus a fast poll and an items_dir."""

    def __init__(self, workdir: Path, env: dict[str, str]) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.env = {**env, "SCRAPYD_USERNAME": USERNAME, "SCRAPYD_PASSWORD": PASSWORD,
                    "SCRAPYD_HTTP_PORT": str(self.port)}  # fmt: skip
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = workdir / "scrapyd.out"

    def start(self) -> Self:
        self.workdir.mkdir(parents=True, exist_ok=True)
        config = configparser.ConfigParser()
        config.read(ROOT / "deploy/scrapyd.conf")
        config["scrapyd"]["poll_interval"] = "0.3"
        config["scrapyd"]["items_dir"] = "items"  # scrapyd then passes -s FEEDS=... to every job
        with (self.workdir / "scrapyd.conf").open("w") as handle:
            config.write(handle)
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "scrapyd"], cwd=self.workdir, env=self.env, stdout=log, stderr=log
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.get("daemonstatus.json")
                return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"scrapyd did not start:\n{self.log()}")

    def get(self, endpoint: str, auth: bool = True) -> dict[str, Any]:
        request = urllib.request.Request(self.url + endpoint)
        if auth:
            token = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        with urllib.request.urlopen(request, timeout=10) as response:
            answer: dict[str, Any] = json.load(response)
            return answer

    def status_without_credentials(self, endpoint: str) -> int:
        try:
            with urllib.request.urlopen(self.url + endpoint, timeout=10) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            error.close()
            return error.code

    def wait_finished(self, project: str, job_id: str, timeout: float = 60) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            finished = [job for job in self.get(f"listjobs.json?project={project}")["finished"] if job["id"] == job_id]
            if finished:
                return finished[0]
            time.sleep(0.3)
        raise TimeoutError(f"job {job_id} did not finish in {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")[-4000:] if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process, timeout=15)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without Scrapy's project variables, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCRAPY_", "SCRAPYD_"))}
    env.pop("PYTHONPATH", None)
    return {**env, **extra}
