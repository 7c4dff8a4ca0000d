"""Helpers for integration tests: run ``scrapy crawl`` as a subprocess and read what it wrote."""

from __future__ import annotations

import json
import subprocess
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.processes import scrapy_crawl_command

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class CrawlRun:
    returncode: int
    lines: list[dict[str, Any]]
    manifest: dict[str, Any]
    log: str


def crawl_command(
    base_url: str, workdir: Path, log_file: Path, *args: str, settings: dict[str, str] | None = None
) -> list[str]:
    """The ``scrapy crawl mayadeen`` command line of ``run_crawl`` (for runs started with Popen)."""
    base = {
        "MAYADEEN_BASE_URL": base_url,
        "OUTPUT_DIR": workdir / "output",
        "STATE_DIR": workdir / "state",
        "LOG_FILE": log_file,
        "LOG_LEVEL": "INFO",
    }
    return scrapy_crawl_command({**base, **(settings or {})}, args)


def run_crawl(base_url: str, workdir: Path, *args: str, settings: dict[str, str] | None = None) -> CrawlRun:
    """One ``scrapy crawl mayadeen`` run writing into workdir/output, state in workdir/state."""
    output = workdir / "output"
    before = set(output.glob("*.jsonl")) | set(output.glob("*.manifest.json"))
    log_file = workdir / f"crawl-{len(list(workdir.glob('crawl-*.log')))}.log"
    command = crawl_command(base_url, workdir, log_file, *args, settings=settings)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    new = sorted((set(output.glob("*.jsonl")) | set(output.glob("*.manifest.json"))) - before)
    lines = [json.loads(line) for path in new if path.suffix == ".jsonl" for line in path.read_text("utf-8").splitlines()]
    manifests = [json.loads(path.read_text("utf-8")) for path in new if path.name.endswith(".manifest.json")]
    manifests = [m for m in manifests if m.get("finish_reason") != "died"]  # reports of earlier killed runs
    log = log_file.read_text("utf-8") if log_file.exists() else done.stderr
    return CrawlRun(done.returncode, lines, manifests[0] if manifests else {}, log)


def fetch_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def field_mismatches(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """Every field whose value differs, as readable lines (crawled_at is not compared)."""
    return [
        f"{want['url']} {name}: got {got.get(name)!r}, want {value!r}"
        for name, value in want.items()
        if name != "crawled_at" and got.get(name) != value
    ]
