"""Browser-hang mode: some article pages load a blocking script that never arrives.

The script tag sits at the end of ``<head>``, so a browser never reaches
DOMContentLoaded on those pages; plain HTTP clients get the whole page as usual.
The script's request is held open until the client goes away or ``HOLD_SECONDS`` pass.
"""

from __future__ import annotations

import select
import time
from typing import TYPE_CHECKING

from .generate import unit_hash

if TYPE_CHECKING:
    import socket

HANG_SCRIPT = "/_replica/hang.js"
HOLD_SECONDS = 120.0
_TAG = f'<script src="{HANG_SCRIPT}"></script>\n'.encode()


def hangs(seed: int, path: str, share: float) -> bool:
    """Whether the article at ``path`` carries the blocking script."""
    return share > 0 and unit_hash("hang", seed, path) < share


def with_hanging_script(html: bytes) -> bytes:
    """The page with the blocking script as the last element of ``<head>``."""
    return html.replace(b"</head>", _TAG + b"</head>", 1)


def hold(connection: socket.socket, limit: float = HOLD_SECONDS) -> None:
    """Answer nothing: wait until the peer closes the connection (or ``limit`` seconds)."""
    deadline = time.monotonic() + limit
    while (left := deadline - time.monotonic()) > 0:
        readable, _, _ = select.select([connection], [], [], min(left, 0.5))
        try:
            if readable and not connection.recv(4096):
                return
        except OSError:
            return
