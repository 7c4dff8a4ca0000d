"""The Redis keys of one shared crawl, all under one prefix (``MAYADEEN_REDIS_PREFIX``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RedisKeys:
    """Names of every key a shared crawl uses; ``prefix`` is the crawl (by default, the site)."""

    prefix: str

    def __post_init__(self) -> None:
        if "%" in self.prefix or not self.prefix.strip():
            # scrapy-redis %-formats its key settings (twice, for the queue)
            raise ValueError(f"MAYADEEN_REDIS_PREFIX must be non-empty and without '%': {self.prefix!r}")

    def _key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    # --- frontier (scrapy-redis) ---
    @property
    def requests(self) -> str:
        """Sorted set: the shared request queue (member = 40-char fingerprint + pickled request)."""
        return self._key("requests")

    @property
    def dupefilter(self) -> str:
        """Set: fingerprints of every request ever enqueued in this crawl generation."""
        return self._key("dupefilter")

    def taken(self, run_id: str) -> str:
        """Set: fingerprints of the requests this worker popped (released if it dies)."""
        return self._key(f"taken:{run_id}")

    # --- workers ---
    @property
    def alive(self) -> str:
        """Sorted set: run id -> time of its last heartbeat (Redis clock)."""
        return self._key("alive")

    @property
    def busy(self) -> str:
        """Hash: run id -> last time it had work in flight (Redis clock)."""
        return self._key("busy")

    @property
    def runs(self) -> str:
        """Hash: run id -> JSON (host, pid, started_at, finished_at, clean)."""
        return self._key("runs")

    @property
    def crawl(self) -> str:
        """Hash of the current generation: prev_clean, clean, started_at, seeder."""
        return self._key("crawl")

    @property
    def last_clean(self) -> str:
        """String: "1" when the last generation ended clean with an empty frontier."""
        return self._key("last_clean")

    @property
    def unsettled(self) -> str:
        """Set: dead runs whose pending lines only a worker on their host can settle."""
        return self._key("unsettled")

    # --- seen-store ---
    def versions(self, key: str) -> str:
        """Hash: "<version>" -> JSON record, "<version>:s" -> pending | exported."""
        return self._key(f"v:{key}")

    @property
    def versions_prefix(self) -> str:
        return self._key("v:")

    def pending(self, run_id: str) -> str:
        """Hash: "<key>\\t<version>" -> output file, the claims of a run not yet published."""
        return self._key(f"pending:{run_id}")

    def publishing(self, run_id: str) -> str:
        """Set: output files of a run between "about to be renamed" and committed."""
        return self._key(f"publishing:{run_id}")

    @property
    def exported(self) -> str:
        """Set: article keys with at least one exported version."""
        return self._key("exported")

    @property
    def urls(self) -> str:
        """Hash: URL -> "a:<key>" (leads to that article) or "n:" (a page that is no article)."""
        return self._key("urls")

    @property
    def listings(self) -> str:
        """Hash: listing URL -> run id of a clean run that walked it through."""
        return self._key("listings")
