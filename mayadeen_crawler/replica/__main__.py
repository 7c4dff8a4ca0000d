"""CLI: ``python -m mayadeen_crawler.replica --port 8000 --articles 500 --seed 1``."""

from __future__ import annotations

import argparse
import signal
import threading
from types import FrameType

from .faults import Switches
from .modes import MODE_NAMES, Modes
from .server import ReplicaServer


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m mayadeen_crawler.replica",
        description="Serve a deterministic local replica of Al Mayadeen English.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (0 picks a free one)")
    parser.add_argument("--articles", type=int, default=500, help="number of articles")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed")
    parser.add_argument(
        "--new", type=int, default=0, help="articles published after the base corpus (listed first)"
    )
    parser.add_argument(
        "--updated", type=int, default=0, help="base articles edited since (later last_updated, new text)"
    )
    parser.add_argument(
        "--faults",
        default="",
        help='fault rates, e.g. "500:10%%,429:5%%,slow:3%%,truncate:2%%,reset:2%%,challenge:1%%"',
    )
    parser.add_argument("--drift", default="0", help="share of articles in the drifted layout, e.g. 10%%")
    parser.add_argument("--slow-seconds", type=float, default=3.0, help="delay of a 'slow' fault")
    parser.add_argument("--log", action="store_true", help="log every request to stderr")
    parser.add_argument("--latency-ms", type=float, default=0, help="delay before every response, in ms")
    parser.add_argument("--mode", default="", help=f"browser modes, comma-separated: {', '.join(MODE_NAMES)}")
    parser.add_argument("--clearance-uses", type=int, default=0, help="requests a clearance is good for")
    parser.add_argument("--clearance-seconds", type=float, default=0, help="lifetime of a clearance")
    parser.add_argument("--hang-share", type=float, default=0.05, help="share of hanging pages")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Serve until SIGINT or SIGTERM."""
    args = parse_args(argv)
    try:
        switches = Switches.parse(args.faults, args.drift, args.slow_seconds)
        modes = Modes.parse(
            args.mode,
            clearance_uses=args.clearance_uses,
            clearance_seconds=args.clearance_seconds,
            hang_share=args.hang_share,
        )
        server = ReplicaServer(
            seed=args.seed,
            articles=args.articles,
            host=args.host,
            port=args.port,
            switches=switches,
            log=args.log,
            new=args.new,
            updated=args.updated,
            modes=modes,
            latency=args.latency_ms / 1000,
        )
    except ValueError as error:
        raise SystemExit(f"error: {error}") from error
    stopping = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    server.start()
    print(f"replica serving {len(server.corpus)} articles at {server.base_url}", flush=True)
    while not stopping.wait(0.5):
        pass
    server.stop()


if __name__ == "__main__":
    main()
