"""``ReplicaServer``: the corpus over real HTTP/1.1 with keep-alive and fault injection."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any, Self

from .clearance import ClearanceGate
from .corpus import Corpus
from .faults import FaultPlan, Switches
from .handler import HTTPServer
from .modal_site import ModalSite
from .modes import Modes

POLL_SECONDS = 0.05


class ReplicaServer:
    """The replica on ``host:port`` (port 0 picks a free one); a context manager.

    Without ``corpus`` it builds ``Corpus(seed, articles, base_url, switches.drift, new,
    updated)`` after binding, so every absolute URL carries the real port.
    """

    def __init__(
        self,
        corpus: Corpus | None = None,
        *,
        seed: int = 1,
        articles: int = 500,
        host: str = "127.0.0.1",
        port: int = 0,
        switches: Switches | None = None,
        log: bool = False,
        new: int = 0,
        updated: int = 0,
        modes: Modes | None = None,
        latency: float = 0.0,
    ) -> None:
        self.switches = switches or Switches()
        self.modes = modes or Modes()
        self._httpd = HTTPServer((host, port))
        self.host = host
        self.port: int = self._httpd.server_port
        self.base_url = f"http://{host}:{self.port}"
        if corpus is None:
            try:
                corpus = Corpus(seed, articles, self.base_url, self.switches.drift, new, updated)
            except ValueError:
                self._httpd.server_close()
                raise
        corpus.base_url = self.base_url
        self.corpus = corpus
        self._httpd.site = ModalSite(corpus, self.info(), self.modes)
        if self.modes.challenge:
            modes = self.modes
            self._httpd.gate = ClearanceGate(corpus.seed, modes.clearance_uses, modes.clearance_seconds)
        self._httpd.plan = FaultPlan(self.switches, corpus.seed)
        self._httpd.log = log
        self._httpd.latency = latency
        self._thread: threading.Thread | None = None
        self._serving = False

    def info(self) -> dict[str, Any]:
        """What ``/_replica/info.json`` reports."""
        return {
            "seed": self.corpus.seed,
            "articles": len(self.corpus),
            "count": len(self.corpus),
            "base_articles": self.corpus.base_articles,
            "new": self.corpus.new,
            "updated": len(self.corpus.edited),
            "base_url": self.base_url,
            "drift": self.corpus.drift_rate,
            "switches": self.switches.to_dict(),
            "modes": self.modes.to_dict(),
        }

    def start(self) -> Self:
        """Serve in a background daemon thread."""
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(POLL_SECONDS,), name="replica", daemon=True
        )
        self._serving = True
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until ``stop()`` is called from another."""
        self._serving = True
        self._httpd.serve_forever(poll_interval=POLL_SECONDS)

    def stop(self) -> None:
        """Stop serving, drop open keep-alive connections and close the socket (idempotent)."""
        if self._serving:  # shutdown() would wait forever for a loop that never ran
            self._httpd.shutdown()
            self._serving = False
        self._httpd.close_open_sockets()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
