"""The thresholds of the run monitors, read from the ``MAYADEEN_MONITOR_*`` settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from scrapy.settings import BaseSettings

DEFAULT_COVERAGE: dict[str, float] = {
    "url": 1.0,
    "title": 1.0,
    "published_at": 1.0,
    "body": 0.98,
    "summary": 0.9,
    "authors": 0.9,
    "section": 0.9,
    "tags": 0.8,
    "image": 0.8,
}
DEFAULT_LAYER_SHARES: dict[str, dict[str, float]] = {
    "title": {"tawsiyat": 0.9},
    "published_at": {"tawsiyat": 0.9},
    "body": {"dom": 0.9},
}


@dataclass(frozen=True)
class MonitorConfig:
    """Thresholds of the checks; ``from_settings`` reads the ``MAYADEEN_MONITOR_*`` settings."""

    min_sample: int = 20
    min_exported: int = 1
    coverage: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_COVERAGE))
    layer_shares: dict[str, dict[str, float]] = field(default_factory=lambda: dict(DEFAULT_LAYER_SHARES))
    max_error_ratio: float = 0.01
    max_failed_ratio: float = 0.02
    max_drop_ratio: float = 0.02

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> MonitorConfig:
        return cls(
            min_sample=settings.getint("MAYADEEN_MONITOR_MIN_SAMPLE", 20),
            min_exported=settings.getint("MAYADEEN_MONITOR_MIN_EXPORTED", 1),
            coverage={k: float(v) for k, v in _dict(settings, "MAYADEEN_MONITOR_COVERAGE", DEFAULT_COVERAGE).items()},
            layer_shares={
                name: {layer: float(share) for layer, share in dict(layers).items()}
                for name, layers in _dict(settings, "MAYADEEN_MONITOR_LAYER_SHARES", DEFAULT_LAYER_SHARES).items()
            },
            max_error_ratio=settings.getfloat("MAYADEEN_MONITOR_MAX_ERROR_RATIO", 0.01),
            max_failed_ratio=settings.getfloat("MAYADEEN_MONITOR_MAX_FAILED_RATIO", 0.02),
            max_drop_ratio=settings.getfloat("MAYADEEN_MONITOR_MAX_DROP_RATIO", 0.02),
        )


def _dict(settings: BaseSettings, name: str, default: Mapping[str, Any]) -> dict[str, Any]:
    """A dict setting (a JSON string on the command line), or ``default`` when it is unset."""
    return settings.getdict(name) if settings.get(name) is not None else dict(default)
