"""Start workers of a shared (Redis) crawl as ``scrapy crawl`` child processes, and read their output."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scripts.processes import scrapy_crawl_command, stop_process

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

ROOT = Path(__file__).resolve().parent.parent


def worker_command(
    base_url: str,
    redis_url: str,
    workdir: Path,
    run_id: str,
    settings: Mapping[str, str] | None = None,
    args: Sequence[str] = (),
) -> list[str]:
    """``scrapy crawl mayadeen`` as one worker: shared OUTPUT_DIR, its own run id and log."""
    return scrapy_crawl_command(
        {
            "MAYADEEN_BASE_URL": base_url,
            "MAYADEEN_REDIS_URL": redis_url,
            "MAYADEEN_RUN_ID": run_id,
            "OUTPUT_DIR": workdir / "output",
            "STATE_DIR": workdir / "state",
            "LOG_FILE": workdir / f"{run_id}.log",
            **(settings or {}),
        },
        args,
    )


def start_worker(
    base_url: str,
    redis_url: str,
    workdir: Path,
    run_id: str,
    settings: Mapping[str, str] | None = None,
    args: Sequence[str] = (),
) -> subprocess.Popen[bytes]:
    """One worker in the background; its stderr goes to ``<workdir>/<run_id>.stderr``."""
    workdir.mkdir(parents=True, exist_ok=True)
    with (workdir / f"{run_id}.stderr").open("ab") as stderr:
        return subprocess.Popen(
            worker_command(base_url, redis_url, workdir, run_id, settings, args),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )


def stop(process: subprocess.Popen[bytes], timeout: float = 10) -> None:
    """Terminate a worker by PID if it still runs (kill it after timeout)."""
    stop_process(process, timeout)


def lines_on_disk(output: Path) -> int:
    """Lines in published files and in the hidden .part files being written."""
    files = list(output.glob("*.jsonl")) + list(output.glob(".*.part"))
    total = 0
    for path in files:
        try:
            total += path.read_bytes().count(b"\n")
        except FileNotFoundError:  # renamed or removed meanwhile
            continue
    return total


def published_lines(output: Path) -> list[dict[str, Any]]:
    """Every line of every published (final-named) file."""
    lines: list[dict[str, Any]] = []
    for path in sorted(output.glob("*.jsonl")):
        lines += [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return lines


def manifests(output: Path) -> list[dict[str, Any]]:
    return [json.loads(path.read_text("utf-8")) for path in sorted(output.glob("*.manifest.json"))]
