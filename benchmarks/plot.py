"""One picture of the latest results: ``benchmarks/results/benchmarks.png``.

``python -m benchmarks.plot`` reads whichever of ``throughput``, ``extraction``, ``memory``,
``incremental``, ``browser`` and ``redis_scaleout`` JSON files exist in
``benchmarks/results/`` and draws one panel each.
"""

from __future__ import annotations

import json
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from benchmarks.common import RESULTS

OURS, CEILING, OTHER, TARGET = "#1f6f8b", "#9ccfd8", "#c9c9c9", "#d1495b"


def main() -> int:
    names = ("throughput", "extraction", "memory", "incremental", "browser", "redis_scaleout")
    results = {name: _load(name) for name in names}
    figure, axes = plt.subplots(2, 3, figsize=(20, 10))
    painters = (_throughput, _extraction, _memory, _incremental, _browser, _scaleout)
    for axis, painter, (name, document) in zip(axes.flat, painters, results.items(), strict=True):
        if document is None:
            axis.axis("off")
            axis.text(0.5, 0.5, f"no {name}.json yet", ha="center", va="center", color="grey")
        else:
            painter(axis, document)
    machine: dict[str, Any] = next((doc["machine"] for doc in results.values() if doc), {})
    figure.suptitle(
        f"mayadeen-crawler on the bundled replica  ·  {machine.get('nproc', '?')} cores "
        f"({machine.get('cpu_model', '?')}), {machine.get('ram_gib', '?')} GiB RAM",
        fontsize=13,
        fontweight="bold",
    )
    figure.tight_layout(rect=(0, 0, 1, 0.96))
    path = RESULTS / "benchmarks.png"
    figure.savefig(path, dpi=110)
    print(f"wrote {path.relative_to(RESULTS.parents[1])}")
    return 0


def _load(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text("utf-8")) if path.exists() else None


def _throughput(axis: Axes, document: dict[str, Any]) -> None:
    runs = document["runs"]
    labels = [f"{run['articles_in_corpus']:,} articles" for run in runs]
    xs = range(len(runs))
    full = [run["full"]["articles_per_s"] for run in runs]
    ceiling = [run["ceiling"]["articles_per_s"] for run in runs]
    axis.bar([x - 0.2 for x in xs], ceiling, 0.4, color=CEILING, label="ceiling: same Scrapy, download only")
    bars = axis.bar(
        [x + 0.2 for x in xs], full, 0.4, color=OURS, label="full crawl: parse, clean, validate, export"
    )
    for bar, run in zip(bars, runs, strict=True):
        axis.annotate(
            f"{run['full']['articles_per_s']:.0f}/s\n{run['ratio']:.0%} of ceiling\n"
            f"({_cpu_ratio(run):.0%} by CPU/article)",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=9,
        )
    axis.set_xticks(list(xs), labels)
    axis.set_ylabel("articles per second")
    axis.set_ylim(0, max(ceiling) * 1.3)
    axis.set_title(f"Crawl throughput (target: full >= {document['target_ratio']:.0%} of ceiling)")
    axis.legend(loc="upper right", fontsize=8)


def _cpu_ratio(run: dict[str, Any]) -> float:
    ceiling, full = run["ceiling"]["crawler_cpu_ms_per_article"], run["full"]["crawler_cpu_ms_per_article"]
    return float(run.get("cpu_ratio") or ceiling / full)


def _extraction(axis: Axes, document: dict[str, Any]) -> None:
    rows = [(name, r) for name, r in document["extractors"].items() if r.get("median_cpu_ms")]
    names = [name for name, _ in rows]
    times = [r["median_cpu_ms"] for _, r in rows]
    colors = [OURS if name == "mayadeen_crawler" else OTHER for name in names]
    bars = axis.barh(names, times, color=colors)
    axis.invert_yaxis()
    axis.set_xscale("log")
    axis.set_xlim(min(times) / 3, max(times) * 30)
    reference = document["extractors"].get("trafilatura", {}).get("median_cpu_ms")
    if reference:
        axis.axvline(reference / 10, color=TARGET, ls="--", lw=1, label="target: 10x faster than trafilatura")
        axis.legend(loc="lower right", fontsize=8)
    for bar, (_, r) in zip(bars, rows, strict=True):
        accuracy = r["accuracy"]
        fields = ("title", "authors", "published_at", "body_exact")
        exact = sum(accuracy[f] for f in fields) / len(fields)
        axis.annotate(
            f" {r['median_cpu_ms']:.2f} ms · body F1 {accuracy['body_token_f1']:.1%} · tags {_share(accuracy['tags'])}"
            f"\n exact title/authors/date/body: {exact:.0%}",
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            va="center",
            fontsize=8,
        )
    axis.set_xlabel("median CPU ms per page (log scale; lower is better)")
    skipped = [name for name, r in document["extractors"].items() if not r.get("median_cpu_ms")]
    note = f"; not run: {', '.join(skipped)}" if skipped else ""
    axis.set_title(f"Extraction, {document['pages']} article pages{note}")


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def _memory(axis: Axes, document: dict[str, Any]) -> None:
    runs = document["runs"]
    sizes = [run["articles_in_corpus"] for run in runs]
    rss = [run["peak_rss_mib"] for run in runs]
    axis.plot(sizes, rss, "o-", color=OURS, lw=2, label="crawler peak RSS")
    limit = rss[0] * document["target_growth"]
    axis.axhline(
        limit, color=TARGET, ls="--", lw=1, label=f"target: {document['target_growth']}x the smallest"
    )
    for size, value in zip(sizes, rss, strict=True):
        axis.annotate(
            f"{value:.0f} MiB", (size, value), textcoords="offset points", xytext=(0, 8), ha="center"
        )
    axis.set_xscale("log")
    axis.minorticks_off()
    axis.set_xticks(sizes, [f"{size:,}" for size in sizes])
    axis.set_xlim(sizes[0] / 1.6, sizes[-1] * 1.6)
    axis.set_ylim(0, max(limit, *rss) * 1.3)
    axis.set_xlabel("articles crawled")
    axis.set_ylabel("MiB")
    axis.set_title(f"Memory: {document['growth']}x from {sizes[0]:,} to {sizes[-1]:,} articles")
    axis.legend(loc="lower right", fontsize=8)


def _incremental(axis: Axes, document: dict[str, Any]) -> None:
    size = document["sizes"][0]
    runs = size["runs"]
    labels = [run["run"].replace(", ", "\n") for run in runs]
    parts = (("article_pages", "article pages", OURS), ("listing_pages", "listing pages", CEILING))
    bottom = [0.0] * len(runs)
    for key, label, color in (*parts, ("other_pages", "other", OTHER)):
        values = [float(run[key]) for run in runs]
        axis.bar(labels, values, bottom=bottom, color=color, label=label)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    for x, run in enumerate(runs):
        axis.annotate(f"{run['requests']:,}", (x, bottom[x]), ha="center", va="bottom", fontsize=9)
    axis.set_yscale("symlog", linthresh=10)
    axis.set_ylabel("requests (symlog)")
    axis.set_title(f"Incremental cost: pages downloaded, {size['articles']:,}-article site")
    axis.tick_params(axis="x", labelsize=8)
    axis.legend(fontsize=8)


def _browser(axis: Axes, document: dict[str, Any]) -> None:
    runs = document["runs"]
    labels = [run["scenario"].replace(" (", "\n(") for run in runs]
    rates = [run["articles_per_s"] for run in runs]
    bars = axis.barh(labels, rates, color=[OURS if i == 0 else OTHER for i in range(len(runs))])
    axis.invert_yaxis()
    axis.set_xscale("log")
    axis.set_xlim(min(rates) / 2, max(rates) * 20)
    for bar, run in zip(bars, runs, strict=True):
        axis.annotate(
            f" {run['articles_per_s']:.1f}/s · PSS {run['peak_tree_pss_mib']:.0f} MiB, {run['peak_processes']} process(es)",
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            va="center",
            fontsize=8,
        )
    axis.tick_params(axis="y", labelsize=8)
    axis.set_xlabel("articles per second (log scale)")
    axis.set_title(f"Browser cost (MAYADEEN_BROWSER), {document['articles']} articles")


def _scaleout(axis: Axes, document: dict[str, Any]) -> None:
    runs = document["runs"]
    labels = [f"{run['workers']} worker{'s' if run['workers'] > 1 else ''}\n{'Redis' if run['redis'] else 'no Redis'}"
              for run in runs]  # fmt: skip
    rates = [run["articles_per_s_span"] for run in runs]
    bars = axis.bar(labels, rates, color=[OURS if run["redis"] else OTHER for run in runs])
    for bar, run in zip(bars, runs, strict=True):
        axis.annotate(
            f"{run['articles_per_s_span']:.0f}/s\n{run['speedup_span']}x",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=9,
        )
    axis.set_ylim(0, max(rates) * 1.3)
    axis.set_ylabel("articles per second")
    axis.set_title(
        f"Scale-out on Redis: {document['articles']:,} articles, {document['latency_ms']} ms latency per response"
    )


if __name__ == "__main__":
    raise SystemExit(main())
