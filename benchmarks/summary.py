"""The README's benchmark table, from the latest ``benchmarks/results/*.json``.

``python -m benchmarks.summary`` prints Markdown: the machine line and one table with
the figure, the target and whether it is met, for every result file present.
"""

from __future__ import annotations

import json
from typing import Any

from benchmarks.common import RESULTS


def main() -> int:
    docs = {path.stem: json.loads(path.read_text("utf-8")) for path in sorted(RESULTS.glob("*.json"))}
    machine = next(iter(docs.values()))["machine"] if docs else {}
    print(
        f"Machine: {machine.get('nproc')} cores ({machine.get('cpu_model')}), {machine.get('ram_gib')} GiB RAM, "
        f"Python {machine.get('python')}; commits {', '.join(sorted({d['commit'] for d in docs.values()}))}.\n"
    )
    print("| benchmark | figure | target | met |\n|---|---|---|---|")
    for name, rows in (
        ("throughput", _throughput),
        ("extraction", _extraction),
        ("memory", _memory),
        ("incremental", _incremental),
    ):
        if name in docs:
            for row in rows(docs[name]):
                print("| " + " | ".join(row) + " |")
    return 0


def _yes(met: bool | None) -> str:
    return "n/a" if met is None else ("yes" if met else "**no**")


def _throughput(doc: dict[str, Any]) -> list[list[str]]:
    rows = []
    for run in doc["runs"]:
        full, ceiling = run["full"], run["ceiling"]
        figure = (
            f"{full['articles_per_s']:.0f} articles/s vs {ceiling['articles_per_s']:.0f}/s download-only "
            f"ceiling = **{run['ratio']:.0%}** (by crawler CPU per article: {_cpu_ratio(run):.0%}); "
            f"CPU ms/article: crawler {full['crawler_cpu_ms_per_article']:.2f} "
            f"(ceiling {ceiling['crawler_cpu_ms_per_article']:.2f}), replica {full['replica_cpu_ms_per_article']:.2f}"
        )
        target = f">= {doc['target_ratio']:.0%} of ceiling"
        rows.append(
            [f"crawl, {run['articles_in_corpus']:,} articles", figure, target, _yes(run["meets_target"])]
        )
    return rows


def _cpu_ratio(run: dict[str, Any]) -> float:
    ceiling, full = run["ceiling"]["crawler_cpu_ms_per_article"], run["full"]["crawler_cpu_ms_per_article"]
    return float(run.get("cpu_ratio") or ceiling / full)


def _extraction(doc: dict[str, Any]) -> list[list[str]]:
    rows = []
    extractors = doc["extractors"]
    reference = extractors.get("trafilatura", {}).get("median_cpu_ms")
    for name, result in extractors.items():
        if "accuracy" not in result:
            rows.append([f"extraction: {name}", f"not run: {result.get('note', '')}", "", "n/a"])
            continue
        acc = result["accuracy"]
        figure = (
            f"{result['median_cpu_ms']:.2f} ms/page; title {acc['title']:.0%}, authors {acc['authors']:.0%}, "
            f"published_at {acc['published_at']:.0%}, body F1 {acc['body_token_f1']:.1%} "
            f"(exact {acc['body_exact']:.0%}), tags {'n/a' if acc['tags'] is None else format(acc['tags'], '.0%')}"
        )
        if name == "mayadeen_crawler":
            speedup = reference / result["median_cpu_ms"] if reference else None
            exact = all(acc[f] == 1 for f in ("title", "authors", "published_at", "body_exact", "tags"))
            figure += f"; **{speedup:.1f}x** faster than trafilatura" if speedup else ""
            met = exact and speedup is not None and speedup >= 10
            rows.append(
                [
                    f"extraction: {name} (this commit)",
                    figure,
                    "100% fields, >= 10x trafilatura",
                    _yes(met),
                ]
            )
        else:
            rows.append([f"extraction: {name} {result['version']}", figure, "", ""])
    return rows


def _memory(doc: dict[str, Any]) -> list[list[str]]:
    runs = doc["runs"]
    figure = ", ".join(f"{run['articles_in_corpus']:,}: {run['peak_rss_mib']:.0f} MiB" for run in runs)
    figure += f" (**{doc['growth']}x**)"
    return [["peak RSS of the crawler", figure, f"<= {doc['target_growth']}x", _yes(doc["meets_target"])]]


def _incremental(doc: dict[str, Any]) -> list[list[str]]:
    rows = []
    for size in doc["sizes"]:
        runs = "; ".join(f"{run['run']}: {run['requests']:,}" for run in size["runs"])
        rows.append([f"requests per run, {size['articles']:,} articles", runs, "", "n/a"])
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
