"""Shared plumbing of the benchmarks: the machine, measured child processes, results files."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mayadeen_crawler import settings as project_settings
from scripts.processes import scrapy_crawl_command

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Measured:
    """What one child process cost: wall time, CPU time and peak resident memory."""

    returncode: int
    wall_s: float
    user_s: float
    sys_s: float
    peak_rss_mib: float

    @property
    def cpu_s(self) -> float:
        return self.user_s + self.sys_s


def run_measured(command: list[str], *, log: Path | None = None, cwd: Path = ROOT) -> Measured:
    """Run ``command`` to its end; its own CPU and peak RSS come from ``wait4`` (no sampling)."""
    out = log.open("wb") if log else subprocess.DEVNULL
    try:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if log:
            out.close()  # type: ignore[union-attr]
    return Measured(process.returncode, wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024)


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a running process has used so far (``/proc/PID/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def crawl_command(base_url: str, workdir: Path, *, stats: Path, urls: Path | None = None) -> list[str]:
    """``scrapy crawl mayadeen`` on a replica, fresh state, with the benchmark probe added."""
    extensions = {**project_settings.EXTENSIONS, "benchmarks.probe.BenchProbe": 990}
    settings: dict[str, object] = {
        "MAYADEEN_BASE_URL": base_url,
        "OUTPUT_DIR": workdir / "output",
        "STATE_DIR": workdir / "state",
        "LOG_LEVEL": "INFO",
        "EXTENSIONS": json.dumps(extensions),
        "BENCH_PROBE_STATS": stats,
    }
    if urls is not None:
        settings["BENCH_PROBE_URLS"] = urls
    return scrapy_crawl_command(settings)


def download_only_command(urls: Path, *, stats: Path) -> list[str]:
    """The ceiling: the same Scrapy and settings downloading ``urls``, parsing nothing."""
    return [
        sys.executable, "-m", "scrapy", "runspider", str(ROOT / "benchmarks" / "download_only.py"),
        "-a", f"urls={urls}",
        "-s", "LOG_LEVEL=INFO",
        "-s", "ITEM_PIPELINES={}",
        "-s", 'EXTENSIONS={"benchmarks.probe.BenchProbe": 990}',
        "-s", f"BENCH_PROBE_STATS={stats}",
    ]  # fmt: skip


def machine() -> dict[str, Any]:
    """The machine the figures ran on."""
    model = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    mem_kib = next(
        (int(line.split()[1]) for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), 0
    )
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": model,
        "ram_gib": round(mem_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "kernel": platform.release(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def git_commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or "unknown"


def write_result(name: str, figures: dict[str, Any]) -> Path:
    """``benchmarks/results/<name>.json`` with the machine and commit beside the figures."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": name,
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": git_commit(),
        "machine": machine(),
        **figures,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def as_dict(measured: Measured) -> dict[str, float]:
    """A ``Measured`` as rounded JSON numbers."""
    return {key: round(value, 3) for key, value in asdict(measured).items()}
