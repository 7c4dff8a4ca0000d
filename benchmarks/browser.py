"""Browser cost: articles/s and peak memory with ``MAYADEEN_BROWSER`` never, auto and always.

``python -m benchmarks.browser [--articles 300] [--seed 1] [--clearance-uses 200] [--repeat 1]``

Runs, each a full ``mayadeen`` crawl of a fresh replica with fresh state:

- ``never``, plain replica: no Playwright at all (the baseline);
- ``auto``, plain replica: scrapy-playwright installed, Chromium never launched;
- ``auto``, ``--mode challenge``: plain HTTP, the browser only to solve challenges
  (a clearance is good for ``--clearance-uses`` requests, so it is solved again);
- ``always``, ``--mode challenge``: every request through Chromium.

Memory is sampled every 0.1 s over the crawler's whole process tree (the Playwright
driver and every Chromium process included): the peak of the summed RSS (shared pages
counted once per process, an overcount) and of the summed PSS (shared pages split
between processes). With ``--repeat N`` each scenario runs N times and the fastest run
is kept (the others' articles/s are listed): on a shared machine the fastest is the least
disturbed. Writes ``benchmarks/results/browser.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from benchmarks.common import ROOT, write_result
from scripts.processes import scrapy_crawl_command
from scripts.replica_process import ReplicaProcess

SAMPLE_SECONDS = 0.1


@dataclass(frozen=True)
class Scenario:
    """One measured crawl."""

    name: str
    browser: str
    replica_args: tuple[str, ...]


def scenarios(clearance_uses: int) -> list[Scenario]:
    challenge = ("--mode", "challenge", "--clearance-uses", str(clearance_uses))
    return [
        Scenario("never (no challenge)", "never", ()),
        Scenario("auto (no challenge)", "auto", ()),
        Scenario("auto (challenge mode)", "auto", challenge),
        Scenario("always (challenge mode)", "always", challenge),
    ]


class TreeMemory:
    """Samples the summed RSS and PSS of a process and all its descendants, keeps the peaks."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_rss_kib = 0
        self.peak_pss_kib = 0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            pids = _tree(self.pid)
            rss = pss = 0
            for pid in pids:
                rss += _kib(f"/proc/{pid}/status", "VmRSS:")
                pss += _kib(f"/proc/{pid}/smaps_rollup", "Pss:")
            self.peak_rss_kib = max(self.peak_rss_kib, rss)
            self.peak_pss_kib = max(self.peak_pss_kib, pss)
            self.peak_processes = max(self.peak_processes, len(pids))


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _kib(path: str, key: str) -> int:
    try:
        with Path(path).open() as lines:
            return next((int(line.split()[1]) for line in lines if line.startswith(key)), 0)
    except OSError:
        return 0


def crawl(scenario: Scenario, articles: int, seed: int, workdir: Path) -> dict[str, Any]:
    """One crawl of a fresh replica; its figures."""
    workdir.mkdir(parents=True)
    with ReplicaProcess(articles=articles, seed=seed, extra_args=scenario.replica_args) as replica:
        command = scrapy_crawl_command(
            {
                "MAYADEEN_BASE_URL": replica.base_url,
                "MAYADEEN_BROWSER": scenario.browser,
                "OUTPUT_DIR": workdir / "output",
                "STATE_DIR": workdir / "state",
                "LOG_FILE": workdir / "crawl.log",
                "LOG_LEVEL": "INFO",
            }
        )
        load = [round(x, 2) for x in os.getloadavg()]
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with TreeMemory(process.pid) as memory:
            returncode = process.wait()
        wall = time.perf_counter() - started
    manifests = list((workdir / "output").glob("*.manifest.json"))
    stats = json.loads(manifests[0].read_text("utf-8"))["stats"] if manifests else {}
    exported = int(stats.get("item_scraped_count", 0))
    elapsed = float(stats.get("elapsed_time_seconds", wall))
    return {
        "scenario": scenario.name,
        "browser": scenario.browser,
        "replica_args": list(scenario.replica_args),
        "returncode": returncode,
        "load_average_before": load,
        "articles_exported": exported,
        "ok": returncode == 0 and exported == articles,
        "wall_s": round(wall, 2),
        "crawl_s": round(elapsed, 2),
        "articles_per_s": round(exported / elapsed, 1) if elapsed else 0.0,
        "peak_tree_rss_mib": round(memory.peak_rss_kib / 1024, 1),
        "peak_tree_pss_mib": round(memory.peak_pss_kib / 1024, 1),
        "peak_processes": memory.peak_processes,
        "browser_requests": int(stats.get("mayadeen/browser/requests", 0)),
        "plain_requests": int(stats.get("mayadeen/plain/requests", 0)),
        "challenges_solved": int(stats.get("mayadeen/challenge/solved", 0)),
        "clearance_reused": int(stats.get("mayadeen/clearance/reused", 0)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clearance-uses", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1, help="crawls per scenario; the fastest is kept")
    options = parser.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory(prefix="mayadeen-browser-") as scratch:
        for number, scenario in enumerate(scenarios(options.clearance_uses)):
            tries = [
                crawl(scenario, options.articles, options.seed, Path(scratch) / f"{number}-{attempt}")
                for attempt in range(options.repeat)
            ]
            run = max(tries, key=lambda one: (one["ok"], one["articles_per_s"]))
            run["repeats"] = [one["articles_per_s"] for one in tries]
            runs.append(run)
            share = run["browser_requests"] / max(1, run["browser_requests"] + run["plain_requests"])
            print(
                f"{run['scenario']:<24} {run['articles_per_s']:>6.1f} articles/s  "
                f"peak RSS {run['peak_tree_rss_mib']:>6.1f} MiB (PSS {run['peak_tree_pss_mib']:.1f}, "
                f"{run['peak_processes']} processes)  browser {run['browser_requests']} of "
                f"{run['browser_requests'] + run['plain_requests']} requests ({share:.1%})"
                f"{'' if run['ok'] else '  NOT OK'}"
            )
    path = write_result("browser", {"articles": options.articles, "seed": options.seed, "runs": runs})
    print(f"wrote {path.relative_to(ROOT)}")
    return 0 if all(run["ok"] for run in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
