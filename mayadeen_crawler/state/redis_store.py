"""The seen-store on Redis: one store shared by every worker of a scaled-out crawl.

Same interface and rules as the SQLite ``SeenStore``, for N processes at once:

* claiming an article version for export is atomic (``HSETNX`` in a Lua script): two
  workers that parse the same article cannot both export it;
* a claim is *pending*, tagged with the worker's (run id's) output file, until that file
  is published under its final name; ``commit_file`` then marks it exported;
* every worker keeps a heartbeat; a worker silent for ``dead_after`` seconds is dead. The
  first live worker to see that takes it over (atomically) and settles it: claims whose
  file exists were durable and become exported; those whose file was never about to be
  published (``sync`` marks a batch just before its rename) are released; a file that was
  being published but is not visible here is left to a worker on the dead one's host (the
  only one that can look); the fingerprints of the requests it had
  popped are removed from the dupefilter, and the caller re-walks the listings with no
  early stop, so the articles it lost are requested again.

Keys: ``mayadeen_crawler.scaleout.keys.RedisKeys``.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import redis

from mayadeen_crawler.scaleout.keys import RedisKeys
from mayadeen_crawler.state import redis_lua
from mayadeen_crawler.state.seen_store import DeadRun, ExportRecord, Recovery, StateBusyError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from redis.commands.core import Script


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class Heartbeat:
    """What one heartbeat found: whether this worker still holds its lease, and which dead
    workers it took over (their lost work needs a walk with no early stop)."""

    lease_held: bool
    took_over: list[str] = field(default_factory=list)
    recovery: Recovery = field(default_factory=Recovery)
    on_this_host: list[str] = field(default_factory=list)  # of took_over: their .part files are here


class _Scripts:
    """The Lua scripts, registered once per client (sent by SHA, loaded on first use)."""

    def __init__(self, client: redis.Redis) -> None:
        self.join: Script = client.register_script(redis_lua.JOIN)
        self.heartbeat: Script = client.register_script(redis_lua.HEARTBEAT)
        self.take_over: Script = client.register_script(redis_lua.TAKE_OVER)
        self.release_taken: Script = client.register_script(redis_lua.RELEASE_TAKEN)
        self.claim: Script = client.register_script(redis_lua.CLAIM)
        self.settle_file: Script = client.register_script(redis_lua.SETTLE_FILE)
        self.is_known: Script = client.register_script(redis_lua.IS_KNOWN)
        self.frontier_state: Script = client.register_script(redis_lua.FRONTIER_STATE)
        self.leave: Script = client.register_script(redis_lua.LEAVE)


class RedisSeenStore:
    """Seen-store of one worker (``run_id``) in a crawl shared through Redis.

    Opening joins the crawl: the first worker of a generation (nobody alive) gets
    ``walks_site``; a run id that a live worker already uses raises ``StateBusyError``;
    dead workers found at opening are settled (``recovery``, ``dead_runs``).
    """

    def __init__(
        self,
        client: redis.Redis,
        keys: RedisKeys,
        run_id: str,
        *,
        dead_after: float = 30.0,
        host: str | None = None,
    ) -> None:
        self._client = client
        self.keys = keys
        self.run_id = run_id
        self.dead_after = dead_after
        self.host = host or socket.gethostname()
        self._scripts = _Scripts(client)
        self._started_at = _utc_now()
        self._finished: bool | None = None
        self._closed = False
        self.walks_site, self.previous_run_clean, again = self._join()
        took_over = [run_id] if again else []
        took_over += self._take_over_dead()
        took_over += self._unsettled_on_this_host()
        self.recovery = self._settle(took_over)
        self.dead_runs = self._on_this_host(took_over)
        # dead workers are settled file by file through Redis, and reported in this run's
        # stats (mayadeen/redis/took_over, recovered_*), not with a report of their own
        self.unfinished_runs: list[DeadRun] = []
        if took_over:  # their lost work is found again by a walk with no early stop
            self.walks_site = True
            self.previous_run_clean = False

    @classmethod
    def from_url(cls, url: str, prefix: str, run_id: str, *, dead_after: float = 30.0) -> RedisSeenStore:
        client = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10)
        try:
            return cls(client, RedisKeys(prefix), run_id, dead_after=dead_after)
        except BaseException:
            client.close()
            raise

    # --- joining, heartbeats, leaving -------------------------------------------------

    def _cmd(self, *args: Any) -> Any:
        return self._client.execute_command(*args)  # type: ignore[no-untyped-call]

    def _run_json(self, **extra: Any) -> str:
        info = {"host": self.host, "pid": os.getpid(), "started_at": self._started_at, **extra}
        return json.dumps(info)

    def _run_info(self, run_id: str) -> dict[str, Any]:
        raw = self._cmd("HGET", self.keys.runs, run_id)
        return dict(json.loads(raw)) if raw else {}

    def _join(self) -> tuple[bool, bool, bool]:
        k = self.keys
        earlier = self._run_info(self.run_id)
        known_dead = earlier.get("host") == self.host and not _pid_alive(earlier.get("pid"))
        reply = self._scripts.join(
            keys=[k.alive, k.busy, k.runs, k.crawl, k.last_clean, k.requests, k.dupefilter],
            args=[self.run_id, self.dead_after, self._run_json(), int(known_dead), self.dead_after],
        )
        values = [_text(v) for v in reply]
        if values[0] == "busy":
            raise StateBusyError(
                f"a live worker already runs as {self.run_id} (heartbeat {float(values[1]):.1f} s ago); "
                "give every worker its own MAYADEEN_RUN_ID"
            )
        return values[1] == "1", values[2] == "1", values[4] == "1"

    def heartbeat(self, busy: bool) -> Heartbeat:
        """Refresh this worker's lease (and its busy time); take over workers that died."""
        if self._closed:
            return Heartbeat(lease_held=False)
        k = self.keys
        reply = self._scripts.heartbeat(keys=[k.alive, k.busy], args=[self.run_id, int(busy)])
        held = _text(reply[0]) == "1"
        took_over = self._take_over_dead() + self._unsettled_on_this_host()
        recovery = self._settle(took_over)
        if took_over:
            self.previous_run_clean = False
        return Heartbeat(held, took_over, recovery, self._on_this_host(took_over))

    def _on_this_host(self, runs: list[str]) -> list[str]:
        return [run for run in runs if self._run_info(run).get("host") == self.host]

    def give_up(self) -> Recovery:
        """After losing the lease (another worker declared this one dead): release what this
        worker claimed but has not published, and the fingerprints it took, then disconnect.
        The caller must exit without publishing anything more."""
        recovery = self._settle([self.run_id])
        self._closed = True
        self._client.close()
        return recovery

    def frontier_state(self, idle_seconds: float, silent_seconds: float) -> str:
        """``quiet`` when the shared queue is empty and no live worker had work in flight for
        ``idle_seconds``; else why not: ``queue``, ``busy:<run>``, or ``silent:<run>`` (a worker
        without heartbeat for ``silent_seconds``, not yet declared dead)."""
        k = self.keys
        reply = self._scripts.frontier_state(
            keys=[k.requests, k.alive, k.busy], args=[idle_seconds, silent_seconds]
        )
        return _text(reply)

    def queue_length(self) -> int:
        return int(self._cmd("ZCARD", self.keys.requests))

    def _take_over_dead(self) -> list[str]:
        k = self.keys
        seconds, micros = self._cmd("TIME")
        now = int(seconds) + int(micros) / 1e6
        stale = [_text(r) for r in self._cmd("ZRANGEBYSCORE", k.alive, "-inf", f"({now - self.dead_after}")]
        return [
            run
            for run in stale
            if run != self.run_id
            and self._scripts.take_over(keys=[k.alive, k.busy, k.crawl], args=[run, self.dead_after]) == 1
        ]

    def _unsettled_on_this_host(self) -> list[str]:
        runs = [_text(r) for r in self._cmd("SMEMBERS", self.keys.unsettled)]
        mine = [run for run in runs if self._run_info(run).get("host") == self.host]
        return [run for run in mine if self._cmd("SREM", self.keys.unsettled, run) == 1]

    def _settle(self, runs: list[str]) -> Recovery:
        kept = discarded = 0
        for run in runs:
            try:
                run_kept, run_discarded = self._settle_run(run)
            except Exception:  # left for the next worker on its host that opens the store
                self._cmd("SADD", self.keys.unsettled, run)
                raise
            kept, discarded = kept + run_kept, discarded + run_discarded
        return Recovery(kept, discarded)

    def _settle_run(self, run: str) -> tuple[int, int]:
        """Settle one dead run's pending claims by its files; release its taken fingerprints."""
        kept = discarded = 0
        info = self._run_info(run)
        files = {_text(f) for f in self._cmd("HVALS", self.keys.pending(run))}
        left = False
        publishing = {_text(f) for f in self._cmd("SMEMBERS", self.keys.publishing(run))}
        for output_file in files:
            if output_file and Path(output_file).exists():
                kept += self._settle_file(run, output_file, "commit")
            elif info.get("host", self.host) == self.host or output_file not in publishing:
                discarded += self._settle_file(run, output_file, "release")
            else:
                left = True
        self._scripts.release_taken(keys=[self.keys.taken(run), self.keys.dupefilter])
        if left:  # only a worker on that host can tell whether its files were published
            self._cmd("SADD", self.keys.unsettled, run)
        else:
            self._cmd("DEL", self.keys.publishing(run))
        if run != self.run_id:
            info.update(finished_at="(died)", clean=False, settled_by=self.run_id)
            self._cmd("HSET", self.keys.runs, run, json.dumps(info))
        return kept, discarded

    def _settle_file(self, run: str, output_file: str, mode: str) -> int:
        k = self.keys
        return int(
            self._scripts.settle_file(
                keys=[k.pending(run), k.exported], args=[output_file, k.versions_prefix, mode]
            )
        )

    def finish_run(self, clean: bool, completed_listings: Iterable[str]) -> None:
        """Record how this worker ended; a clean one vouches for the listings it walked through."""
        self._finished = clean
        listings = {url: self.run_id for url in completed_listings}
        if clean and listings:
            self._client.hset(self.keys.listings, mapping=listings)  # type: ignore[arg-type]

    def close(self) -> None:
        """Leave the crawl (the last worker out ends its generation) and disconnect."""
        if self._closed:
            return
        self._closed = True
        clean = bool(self._finished)
        k = self.keys
        info = self._run_json(finished_at=_utc_now(), clean=clean)
        try:
            self._scripts.leave(
                keys=[k.alive, k.busy, k.crawl, k.last_clean, k.requests, k.dupefilter, k.taken(self.run_id), k.runs],
                args=[self.run_id, int(clean), self.dead_after, info],
            )  # fmt: skip
            if clean:  # nothing of this run is left pending once it published its last file
                self._cmd("DEL", k.pending(self.run_id), k.publishing(self.run_id))
        finally:
            self._client.close()

    # --- the seen-store interface ------------------------------------------------------

    def may_stop_early(self, listing_url: str) -> bool:
        """True when the crawl before this one ended clean and a clean worker once walked
        this listing through."""
        return self.previous_run_clean and bool(self._cmd("HEXISTS", self.keys.listings, listing_url))

    def latest(self, key: str) -> ExportRecord | None:
        """The newest version of key, pending or exported, by any worker."""
        fields = self._cmd("HGETALL", self.keys.versions(key))
        found = {_text(name): _text(value) for name, value in _pairs(fields)}
        versions = [int(name) for name in found if name.isdigit()]
        if not versions:
            return None
        version = max(versions)
        data = json.loads(found[str(version)])
        status = found.get(f"{version}:s", "pending")
        return ExportRecord(key, version, data["url"], data["record_hash"], data["modified_at"], status, data["run_id"])

    def add_pending(self, record: ExportRecord, post_id: str | None, output_file: str) -> bool:
        """Claim this version for this worker (atomically); False when another worker has it."""
        data = {"url": record.url, "record_hash": record.record_hash, "modified_at": record.modified_at,
                "post_id": post_id, "run_id": self.run_id, "output_file": output_file}  # fmt: skip
        k = self.keys
        claimed = self._scripts.claim(
            keys=[k.versions(record.key), k.pending(self.run_id), k.alive],
            args=[record.version, json.dumps(data), f"{record.key}\t{record.version}", output_file, self.run_id],
        )
        return int(claimed) == 1

    def sync(self) -> None:
        """Called just before a batch is published (renamed): mark its file as being
        published, so that if this worker dies, a worker on another host knows that every
        other pending file of it was never renamed. The claims themselves are on the server
        once their script returned; how durable the server keeps them is its own setting
        (``appendonly yes``, ``appendfsync``)."""
        files = [_text(f) for f in self._cmd("HVALS", self.keys.pending(self.run_id))]
        if files:
            self._cmd("SADD", self.keys.publishing(self.run_id), *set(files))

    def commit_file(self, output_file: str) -> int:
        """Mark exported every version this worker claimed whose line is in output_file."""
        committed = self._settle_file(self.run_id, output_file, "commit")
        self._cmd("SREM", self.keys.publishing(self.run_id), output_file)
        return committed

    def remember_urls(self, urls: Iterable[str], key: str | None, kind: str = "article") -> None:
        """Record that these URLs lead to article key (or to a page that is no article)."""
        value = "n:" if kind == "non-article" else f"a:{key or ''}"
        mapping = dict.fromkeys(set(urls), value)
        if mapping:
            self._client.hset(self.keys.urls, mapping=mapping)  # type: ignore[arg-type]

    def key_for_url(self, url: str) -> str | None:
        raw = self._cmd("HGET", self.keys.urls, url)
        value = _text(raw) if raw else ""
        return value[2:] if value.startswith("a:") and len(value) > 2 else None

    def is_known_url(self, url: str) -> bool:
        """True when url leads to an exported article or to a known non-article page."""
        return int(self._scripts.is_known(keys=[self.keys.urls, self.keys.exported], args=[url])) == 1

    def exported_modified_at(self, url: str) -> str | None:
        """The modified_at of the newest exported version behind url, if any."""
        key = self.key_for_url(url)
        if key is None:
            return None
        fields = {_text(n): _text(v) for n, v in _pairs(self._cmd("HGETALL", self.keys.versions(key)))}
        exported = [int(n.split(":")[0]) for n, v in fields.items() if n.endswith(":s") and v == "exported"]
        if not exported:
            return None
        modified = json.loads(fields[str(max(exported))])["modified_at"]
        return str(modified) if modified else None

    def exported_count(self) -> int:
        return int(self._cmd("SCARD", self.keys.exported))


def _pid_alive(pid: Any) -> bool:
    """Whether a process with this id runs on this host (an unknown id counts as running)."""
    if not isinstance(pid, int) or pid <= 0:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _pairs(flat: Any) -> list[tuple[Any, Any]]:
    """HGETALL's reply as (name, value) pairs (a dict with RESP3, a flat list with RESP2)."""
    if isinstance(flat, dict):
        return list(flat.items())
    items = list(flat)
    return list(zip(items[::2], items[1::2], strict=True))
