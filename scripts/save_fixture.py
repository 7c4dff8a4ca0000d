"""Save an article fixture (input.html, meta.json, expected.json) from the replica.

Two ways to get the page and its truth:

    python -m scripts.save_fixture --from-replica --seed 1 --articles 300 --index 7 --name replica-s1-i7
    python -m scripts.save_fixture --url http://127.0.0.1:8000/news/politics/x \\
        --truth-url http://127.0.0.1:8000/_replica/truth.json --name some-name

The first builds the replica's corpus in-process (no server); the second fetches from a
running replica. ``expected.json`` is the replica's truth line (``crawled_at`` never
included, ``version`` 1 added when absent), never the parser's output.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "article"
DEFAULT_REPLICA_BASE = "http://127.0.0.1:8000"
TIMEOUT_SECONDS = 30


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m scripts.save_fixture", description=__doc__)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--from-replica", action="store_true", help="render the page in-process")
    source.add_argument("--url", help="page URL on a running replica")
    parser.add_argument("--truth-url", help="the running replica's /_replica/truth.json (with --url)")
    parser.add_argument("--seed", type=int, default=1, help="replica seed (with --from-replica)")
    parser.add_argument("--articles", type=int, default=300, help="replica size (with --from-replica)")
    parser.add_argument("--index", type=int, help="article index in the corpus (with --from-replica)")
    parser.add_argument("--drift", type=float, default=0.0, help="replica drift rate 0..1")
    parser.add_argument("--base-url", default=DEFAULT_REPLICA_BASE, help="replica base URL")
    parser.add_argument("--name", required=True, help="fixture folder name under tests/fixtures/article")
    parser.add_argument("--description", default="", help="what the case is about")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing fixture")
    args = parser.parse_args(argv)
    if args.from_replica and args.index is None:
        parser.error("--from-replica needs --index")
    if args.url and not args.truth_url:
        parser.error("--url needs --truth-url")
    return args


def from_replica(args: argparse.Namespace) -> tuple[str, bytes, dict[str, Any], dict[str, Any]]:
    """(url, page bytes, truth line, provenance) rendered in-process."""
    from mayadeen_crawler.replica import Corpus
    from mayadeen_crawler.replica.routes import Site

    corpus = Corpus(args.seed, args.articles, args.base_url, args.drift)
    if not 0 <= args.index < len(corpus):
        raise SystemExit(f"error: --index must be in 0..{len(corpus) - 1}")
    truth = corpus.truth(args.index)
    url = str(truth["url"])
    response = Site(corpus).respond(urlsplit(url).path)
    if response.status != 200:
        raise SystemExit(f"error: the replica answered {response.status} for {url}")
    provenance = {"seed": args.seed, "articles": args.articles, "index": args.index, "drift": args.drift}
    return url, response.body, truth, provenance


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as answer:
        body: bytes = answer.read()
        return body


def from_running_replica(args: argparse.Namespace) -> tuple[str, bytes, dict[str, Any], dict[str, Any]]:
    """(url, page bytes, truth line, provenance) fetched from a running replica."""
    page = _fetch(args.url)
    truths: dict[str, dict[str, Any]] = json.loads(_fetch(args.truth_url))
    candidates = (args.url, args.url.rstrip("/"), args.url.split("?")[0].split("#")[0])
    truth = next((truths[key] for key in candidates if key in truths), None)
    if truth is None:
        raise SystemExit(f"error: {args.truth_url} has no line for {args.url}")
    return str(truth["url"]), page, truth, {"url": args.url, "truth_url": args.truth_url}


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")


def save(
    name: str, url: str, page: bytes, truth: dict[str, Any], meta: dict[str, Any], *, overwrite: bool
) -> Path:
    """Write the three files of a fixture folder; refuse to replace one unless asked."""
    folder = FIXTURES / name
    if folder.exists() and not overwrite:
        raise SystemExit(f"error: {folder} exists (use --overwrite)")
    folder.mkdir(parents=True, exist_ok=True)
    expected = {key: value for key, value in truth.items() if key != "crawled_at"}
    expected.setdefault("version", 1)
    (folder / "input.html").write_bytes(page)
    _dump(folder / "meta.json", {"url": url, **meta})
    _dump(folder / "expected.json", expected)
    return folder


def main(argv: list[str] | None = None) -> None:
    """Save one fixture and print its folder."""
    args = parse_args(argv)
    url, page, truth, provenance = from_replica(args) if args.from_replica else from_running_replica(args)
    now = datetime.now(UTC).replace(microsecond=0)
    meta = {
        "crawl_date": now.date().isoformat(),
        "frozen_time": now.isoformat(),
        "description": args.description or f"replica page {provenance}",
        "replica": provenance,
    }
    folder = save(args.name, url, page, truth, meta, overwrite=args.overwrite)
    print(folder.relative_to(ROOT), file=sys.stdout)


if __name__ == "__main__":
    main()
