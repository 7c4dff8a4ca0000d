"""The checks a run must pass at its end, in the Spidermon style, on the run's stats alone.

Each check is a small named function ``(stats, config) -> list[CheckResult]``; ``SUITE``
runs them in order. They read counters only (see ``coverage.FieldCoverage`` and the
spider's ``mayadeen/parser/layer/<field>/<layer>`` stats), never items, so they are
pure and cheap: the extension runs them when the spider goes idle and again at close.

A ratio over fewer than ``min_sample`` items (or responses) is reported as ``skip``:
three items say nothing about a 98 % threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from mayadeen_crawler.monitors.config import MonitorConfig
from mayadeen_crawler.monitors.coverage import ITEMS, PREFIX

PASS, FAIL, SKIP = "pass", "fail", "skip"

@dataclass(frozen=True)
class CheckResult:
    """One check's verdict: the measured value against its threshold (``value op threshold``)."""

    name: str
    status: str
    value: float | None
    threshold: float
    op: str
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.status == FAIL

    def describe(self) -> str:
        """``coverage/image: 0.6200 < 0.8000 (short by 0.1800; 124 of 200 items)``."""
        if self.value is None:
            return f"{self.name}: {self.status} ({self.detail})"
        shown = {">=": "<", "<=": ">", ">": "<="}[self.op] if self.failed else self.op
        word = "over by" if self.op == "<=" else "short by"
        gap = f"{word} {abs(self.threshold - self.value):.4g}; " if self.failed else ""
        return f"{self.name}: {self.value:.4g} {shown} {self.threshold:.4g} ({gap}{self.detail})"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _compare(name: str, value: float, op: str, threshold: float, detail: str) -> CheckResult:
    ok = {">=": value >= threshold, "<=": value <= threshold, ">": value > threshold}[op]
    return CheckResult(name, PASS if ok else FAIL, round(value, 6), threshold, op, detail)


def _ratio(name: str, part: int, whole: int, op: str, threshold: float, cfg: MonitorConfig, unit: str) -> CheckResult:
    detail = f"{part} of {whole} {unit}"
    if whole < cfg.min_sample:
        return CheckResult(name, SKIP, None, threshold, op, f"{detail}, fewer than {cfg.min_sample}")
    return _compare(name, part / whole, op, threshold, detail)


def _int(stats: Mapping[str, Any], key: str) -> int:
    value = stats.get(key, 0)
    return int(value) if isinstance(value, int | float) else 0


def _sum_matching(stats: Mapping[str, Any], prefix: str, suffix: str = "") -> int:
    return sum(
        _int(stats, key) for key in stats if key.startswith(prefix) and key.endswith(suffix) and key != prefix
    )


def items_exported(stats: Mapping[str, Any], cfg: MonitorConfig) -> list[CheckResult]:
    """At least ``min_exported`` lines, unless the run is incremental and found nothing new,
    or it is a Redis worker that joined a shared crawl and no article page reached it (the
    worker that walks the site is judged as a single run is)."""
    exported = _int(stats, "mayadeen/exported")
    known = _int(stats, "mayadeen/articles/skipped_known") + _int(stats, "mayadeen/dropped/duplicate/unchanged")
    if exported == 0 and known > 0:
        detail = f"incremental run, nothing new: {known} articles already exported earlier"
        return [CheckResult("items/exported", PASS, 0, float(cfg.min_exported), ">=", detail)]
    joined = stats.get("mayadeen/redis/walks_site") == 0
    if exported == 0 and joined and _int(stats, "mayadeen/article_pages") == 0:
        detail = "a worker that joined a shared crawl: no article page reached it"
        return [CheckResult("items/exported", PASS, 0, float(cfg.min_exported), ">=", detail)]
    return [_compare("items/exported", exported, ">=", float(cfg.min_exported), f"{known} already known")]


def field_coverage(stats: Mapping[str, Any], cfg: MonitorConfig) -> list[CheckResult]:
    """Share of exported items that carry each field, at least its threshold."""
    items = _int(stats, ITEMS)
    return [
        _ratio(f"coverage/{name}", _int(stats, f"{PREFIX}{name}"), items, ">=", minimum, cfg, "items")
        for name, minimum in cfg.coverage.items()
    ]


def error_ratios(stats: Mapping[str, Any], cfg: MonitorConfig) -> list[CheckResult]:
    """ERROR log lines and given-up requests per response, invalid items per item: at most a threshold."""
    responses = _int(stats, "response_received_count")
    failed = _sum_matching(stats, "mayadeen/", "/failed")
    invalid = _sum_matching(stats, "mayadeen/dropped/invalid/")
    items = _int(stats, "item_scraped_count") + invalid
    errors = _int(stats, "log_count/ERROR")
    return [
        _ratio("ratio/errors", errors, responses, "<=", cfg.max_error_ratio, cfg, "responses"),
        _ratio("ratio/failed_requests", failed, responses, "<=", cfg.max_failed_ratio, cfg, "responses"),
        _ratio("ratio/dropped_invalid", invalid, items, "<=", cfg.max_drop_ratio, cfg, "items"),
    ]


def parser_layers(stats: Mapping[str, Any], cfg: MonitorConfig) -> list[CheckResult]:
    """Share of parsed articles whose field came from the expected layer (a drop = the site changed)."""
    results = []
    for name, layers in cfg.layer_shares.items():
        prefix = f"mayadeen/parser/layer/{name}/"
        total = _sum_matching(stats, prefix)
        for layer, minimum in layers.items():
            served = _int(stats, f"{prefix}{layer}")
            results.append(_ratio(f"layer/{name}/{layer}", served, total, ">=", minimum, cfg, "articles"))
    return results


Check = Callable[[Mapping[str, Any], MonitorConfig], list[CheckResult]]
SUITE: tuple[Check, ...] = (items_exported, field_coverage, error_ratios, parser_layers)


def run_checks(stats: Mapping[str, Any], cfg: MonitorConfig, suite: tuple[Check, ...] = SUITE) -> list[CheckResult]:
    """Every check of the suite, in order."""
    return [result for check in suite for result in check(stats, cfg)]
