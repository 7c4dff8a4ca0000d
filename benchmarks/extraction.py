"""Extraction accuracy and speed: this project's parser against generic article extractors.

``python -m benchmarks.extraction [--articles 500] [--seed 1] [--venvs .bench/venvs]``

Renders the replica's article pages in process (no HTTP), writes them to one scratch
file, and runs each extractor's runner (``benchmarks/extractors/``) as a subprocess with
the Python of its own virtualenv (``<venvs>/<name>/bin/python``, made by ``make
bench-venvs`` from ``benchmarks/requirements-<name>.txt``). Each runner reads every page
into memory, then times each page's extraction alone. Scores per field against the
replica's truth; an extractor whose virtualenv is missing is reported as not installed,
never guessed. Writes ``benchmarks/results/extraction.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, write_result
from mayadeen_crawler.replica import Corpus
from mayadeen_crawler.replica.routes import Site

RUNNERS = ROOT / "benchmarks" / "extractors"
# name -> (runner file, virtualenv name or None for this project's .venv)
EXTRACTORS: dict[str, tuple[str, str | None]] = {
    "mayadeen_crawler": ("ours.py", None),
    "trafilatura": ("trafilatura_runner.py", "trafilatura"),
    "newspaper4k": ("newspaper4k_runner.py", "newspaper4k"),
    "news-please": ("news_please_runner.py", "news-please"),
}
NOT_RUN = {
    "fundus": "Fundus only extracts publishers it ships a parser for, and Al Mayadeen is not one of "
    "them (fundus 0.5.7), so it cannot read these pages; news-please stands in for it",
}
FIELDS = ("title", "authors", "published_at", "published_date", "body_token_f1", "body_exact", "tags")
_WORD = re.compile(r"\w+")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--venvs", default=str(ROOT / ".bench" / "venvs"))
    options = parser.parse_args(argv)
    corpus = Corpus(options.seed, options.articles, "http://127.0.0.1:8000")
    site = Site(corpus)
    truths = {corpus.url(i): corpus.truth(i) for i in range(len(corpus))}
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="mayadeen-extraction-") as scratch:
        pages = Path(scratch) / "pages.jsonl"
        with pages.open("w", encoding="utf-8") as out:
            for i in range(len(corpus)):
                html = site.respond(corpus.metas[i].path).body.decode("utf-8")
                out.write(json.dumps({"url": corpus.url(i), "html": html}, ensure_ascii=False) + "\n")
        for name, (runner, venv) in EXTRACTORS.items():
            python = Path(sys.executable) if venv is None else Path(options.venvs) / venv / "bin" / "python"
            results[name] = _run(name, python, RUNNERS / runner, pages, Path(scratch), truths)
    for name, reason in NOT_RUN.items():
        results[name] = {"installed": False, "note": reason}
    _compare(results)
    _print(results)
    path = write_result(
        "extraction",
        {"pages": len(truths), "seed": options.seed, "fields": FIELDS, "extractors": results},
    )
    print(f"wrote {path.relative_to(ROOT)}")
    return 0


def _run(
    name: str, python: Path, runner: Path, pages: Path, scratch: Path, truths: dict[str, Any]
) -> dict[str, Any]:
    if not python.exists():
        return {"installed": False, "note": f"no virtualenv at {python.parent.parent} (make bench-venvs)"}
    out = scratch / f"{name}.jsonl"
    done = subprocess.run(
        [str(python), str(runner), str(pages), str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if done.returncode != 0 or not out.exists():
        return {"installed": True, "note": f"runner failed: {done.stderr.strip()[-500:]}"}
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    header, rows = lines[0], lines[1:]
    return {"installed": True, "version": header["version"], **_score(rows, truths)}


def _score(rows: list[dict[str, Any]], truths: dict[str, Any]) -> dict[str, Any]:
    hits: dict[str, list[float]] = {field: [] for field in FIELDS}
    for row in rows:
        want = truths[row["url"]]
        hits["title"].append(_text(row.get("title")) == _text(want["title"]))
        hits["authors"].append(sorted(map(_text, row.get("authors") or [])) == sorted(want["authors"]))
        hits["published_at"].append(_same_instant(row.get("published_at"), want["published_at"]))
        hits["published_date"].append(str(row.get("published_at") or "")[:10] == want["published_at"][:10])
        f1 = _token_f1(row.get("body") or "", want["body"])
        hits["body_token_f1"].append(f1)
        hits["body_exact"].append(_text(row.get("body")) == _text(want["body"]))
        if "tags" in row:
            hits["tags"].append(sorted(map(_text, row["tags"])) == sorted(set(want["tags"])))
    times = sorted(row["ms"] for row in rows)
    return {
        "pages": len(rows),
        "errors": sum(1 for row in rows if row.get("error")),
        "median_ms": round(statistics.median(times), 3),
        "median_cpu_ms": round(statistics.median(row["cpu_ms"] for row in rows), 3),
        "p90_ms": round(times[int(len(times) * 0.9)], 3),
        "accuracy": {
            field: (round(statistics.fmean(values), 4) if values else None) for field, values in hits.items()
        },
    }


def _text(value: Any) -> str:
    """Whitespace collapsed and NFC, so only real differences count."""
    return unicodedata.normalize("NFC", " ".join(str(value or "").split()))


def _same_instant(got: Any, want: str) -> bool:
    if not got:
        return False
    try:
        moment = datetime.fromisoformat(str(got))
    except ValueError:
        return False
    return moment.tzinfo is not None and moment == datetime.fromisoformat(want)


def _token_f1(got: str, want: str) -> float:
    got_tokens, want_tokens = Counter(_WORD.findall(got.lower())), Counter(_WORD.findall(want.lower()))
    overlap = sum((got_tokens & want_tokens).values())
    if overlap == 0:
        return 0.0
    precision, recall = overlap / sum(got_tokens.values()), overlap / sum(want_tokens.values())
    return 2 * precision * recall / (precision + recall)


def _compare(results: dict[str, Any]) -> None:
    """How many times slower than ours, by median wall time and by median CPU time."""
    ours = results["mayadeen_crawler"]
    for result in results.values():
        for key in ("median_ms", "median_cpu_ms"):
            if ours.get(key) and result.get(key):
                result[f"times_slower_than_ours_{key.removeprefix('median_')}"] = round(
                    result[key] / ours[key], 1
                )


def _print(results: dict[str, Any]) -> None:
    print(
        f"{'extractor':<18}{'median ms':>10}{'CPU ms':>8}  " + "  ".join(f"{field:>14}" for field in FIELDS)
    )
    for name, result in results.items():
        if "accuracy" not in result:
            print(f"{name:<18}  not run: {result['note']}")
            continue
        accuracy = result["accuracy"]
        cells = "  ".join(
            f"{'-' if accuracy[field] is None else format(accuracy[field], '.1%'):>14}" for field in FIELDS
        )
        print(f"{name:<18}{result['median_ms']:>10.2f}{result['median_cpu_ms']:>8.2f}  {cells}")


if __name__ == "__main__":
    raise SystemExit(main())
