"""Run the replica as a child process on a free loopback port, and stop it by PID."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from types import TracebackType
from typing import Self

from scripts.processes import stop_process

ROOT = Path(__file__).resolve().parent.parent
_SERVING = re.compile(r"(http://127\.0\.0\.1:\d+)")


class ReplicaProcess:
    """``with ReplicaProcess(articles=300) as replica: replica.base_url``.

    ``port`` 0 picks a free port; pass the port of an earlier run (``replica.port``) to
    restart the same site under the same URLs (the seen-store keys URLs with the port).
    """

    def __init__(
        self, articles: int = 300, seed: int = 1, extra_args: tuple[str, ...] = (), port: int = 0
    ) -> None:
        self.command = [
            sys.executable, "-m", "mayadeen_crawler.replica",
            "--port", str(port), "--articles", str(articles), "--seed", str(seed), *extra_args,
        ]  # fmt: skip
        self.process: subprocess.Popen[str] | None = None
        self.base_url = ""

    def start(self) -> Self:
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, stdout=subprocess.PIPE, text=True, bufsize=1
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        match = _SERVING.search(line)
        if match is None:
            self.stop()
            raise RuntimeError(f"the replica did not start: {line!r}")
        self.base_url = match[1]
        return self

    @property
    def port(self) -> int:
        """The port the replica serves on (known once started)."""
        return int(self.base_url.rsplit(":", 1)[1])

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)
        if self.process is not None and self.process.stdout is not None:
            self.process.stdout.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()
