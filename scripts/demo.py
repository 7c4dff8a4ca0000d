"""The main job: start the bundled replica, crawl it end to end offline, print a summary.

``python -m scripts.demo [--articles 500] [--seed 1] [--output-dir output] [--state-dir DIR]``
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import tempfile
import time
from pathlib import Path

from scripts.processes import scrapy_crawl_command
from scripts.replica_process import ReplicaProcess

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    options = _arguments().parse_args(argv)
    output_dir = Path(options.output_dir).resolve()
    with tempfile.TemporaryDirectory(prefix="mayadeen-demo-state-") as temp_state:
        state_dir = Path(options.state_dir or temp_state).resolve()
        with ReplicaProcess(articles=options.articles, seed=options.seed) as replica:
            print(f"replica: {options.articles} articles (seed {options.seed}) at {replica.base_url}")
            before = set(output_dir.glob("*.jsonl"))
            started = time.monotonic()
            code = _crawl(replica.base_url, output_dir, state_dir, options.log_level)
            elapsed = time.monotonic() - started
    new_files = sorted(set(output_dir.glob("*.jsonl")) - before)
    _summarise(new_files, elapsed)
    return code


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output-dir", default=str(ROOT / "output"))
    parser.add_argument("--state-dir", default=None, help="keep the seen-store here (default: fresh)")
    parser.add_argument("--log-level", default="WARNING")
    return parser


def _crawl(base_url: str, output_dir: Path, state_dir: Path, log_level: str) -> int:
    settings = {"MAYADEEN_BASE_URL": base_url, "OUTPUT_DIR": output_dir, "STATE_DIR": state_dir}
    command = scrapy_crawl_command({**settings, "LOG_LEVEL": log_level})
    return subprocess.run(command, cwd=ROOT, check=False).returncode


def _summarise(files: list[Path], elapsed: float) -> None:
    sections: collections.Counter[str] = collections.Counter()
    categories: collections.Counter[tuple[str, str]] = collections.Counter()
    total = 0
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                total += 1
                sections[item["section"] or "-"] += 1
                categories[(item["section"] or "-", item["category"] or "-")] += 1
    print(f"\n{total} articles in {elapsed:.1f} s ({total / max(elapsed, 1e-9):.1f} articles/s)")
    for section, count in sections.most_common():
        subs = ", ".join(f"{c} {n}" for (s, c), n in sorted(categories.items()) if s == section)
        print(f"  {section:<12} {count:>6}   {subs}")
    for path in files:
        print(f"JSON Lines: {path}")
    if not files:
        print("no new JSON Lines (nothing new to export)")


if __name__ == "__main__":
    raise SystemExit(main())
