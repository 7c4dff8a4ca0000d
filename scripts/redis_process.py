"""Run Debian's ``redis-server`` as a child process on a free loopback port; stop it by PID."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from types import TracebackType
from typing import Self

import redis

from scripts.processes import stop_process


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisProcess:
    """``with RedisProcess() as server: server.url`` (``redis://127.0.0.1:<port>/0``), no persistence."""

    def __init__(self, executable: str = "redis-server") -> None:
        found = shutil.which(executable)
        if found is None:
            raise RuntimeError(f"{executable} not found: apt-get install redis-server (apt-packages.txt)")
        self.executable = found
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.url = ""
        self._dir: tempfile.TemporaryDirectory[str] | None = None

    def start(self, attempts: int = 3) -> Self:
        self._dir = tempfile.TemporaryDirectory(prefix="redis-")
        for _ in range(attempts):  # the free port may be taken between probe and bind
            self.port = _free_port()
            self.process = subprocess.Popen(
                [self.executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", self._dir.name, "--loglevel", "warning"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            self.url = f"redis://127.0.0.1:{self.port}/0"
            if self._answers():
                return self
            self._stop_process()
        self.stop()
        raise RuntimeError("redis-server did not start")

    def _answers(self, seconds: float = 5.0) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                return False
            client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)
            try:
                if client.ping():
                    return True
            except redis.ConnectionError:
                time.sleep(0.05)
            finally:
                client.close()
        return False

    def client(self) -> redis.Redis:
        """A new client of this server (close it)."""
        return redis.Redis.from_url(self.url)

    def _stop_process(self) -> None:
        if self.process is not None:
            stop_process(self.process)
        self.process = None

    def stop(self) -> None:
        self._stop_process()
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()
