"""Child processes of tools and tests: the ``scrapy crawl`` command line, and stopping by PID."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


def scrapy_crawl_command(settings: Mapping[str, object], args: Sequence[str] = ()) -> list[str]:
    """``python -m scrapy crawl mayadeen`` with ``-s NAME=VALUE`` and ``-a NAME=VALUE`` options."""
    command = [sys.executable, "-m", "scrapy", "crawl", "mayadeen"]
    for name, value in settings.items():
        command += ["-s", f"{name}={value}"]
    for arg in args:
        command += ["-a", arg]
    return command


def stop_process(process: subprocess.Popen[Any], timeout: float = 10) -> None:
    """Terminate process if it still runs, and kill it when it outlives timeout."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
