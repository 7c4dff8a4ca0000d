"""The HTTP plumbing: a threading HTTP/1.1 server and its handler (keep-alive, one write each)."""

from __future__ import annotations

import contextlib
import logging
import socket
import socketserver
import struct
import sys
import threading
import time
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from .clearance import ClearanceGate
from .faults import FaultPlan, Switches
from .faulty import error_response, truncated
from .hang import HANG_SCRIPT, hold
from .routes import Response, Site

SERVER_NAME = "mayadeen-replica"
logger = logging.getLogger(__name__)


class HTTPServer(ThreadingHTTPServer):
    """Threaded server that remembers its open connections so ``stop`` can drop them."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, address: tuple[str, int], site: Site | None = None) -> None:
        super().__init__(address, Handler)
        self.site: Site | None = site
        self.plan = FaultPlan(Switches(), 0)
        self.gate: ClearanceGate | None = None  # challenge mode
        self.log = False
        self.latency = 0.0  # seconds every response waits (--latency-ms): a far-away site
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Lock()

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)  # skip the slow getfqdn() of HTTPServer
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionResetError | BrokenPipeError):
            return  # the client hung up (browsers drop keep-alive connections when a page closes)
        super().handle_error(request, client_address)

    def close_open_sockets(self) -> None:
        with self.sockets_lock:
            for sock in list(self.open_sockets):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class Handler(BaseHTTPRequestHandler):
    """Serves the site, with the fault the plan draws for each request."""

    protocol_version = "HTTP/1.1"
    server_version = SERVER_NAME
    timeout = 30  # idle keep-alive connections are closed after this many seconds
    server: HTTPServer

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log:
            super().log_message(format, *args)

    def _serve(self, *, head: bool) -> None:
        if self.server.latency:
            time.sleep(self.server.latency)
        target = self._target()
        if target.startswith(HANG_SCRIPT):  # browser-hang mode: never answer
            self.close_connection = True
            hold(self.connection)
            return
        gate = self.server.gate
        agent, cookie = self.headers.get("User-Agent", ""), self.headers.get("Cookie", "")
        challenge = gate.check(target, agent, cookie) if gate is not None else None
        if challenge is not None:
            self._write(challenge, head=head)
            return
        fault = self.server.plan.decide(target)
        if fault == "reset":
            self._reset()
            return
        if fault == "slow":
            time.sleep(self.server.plan.switches.slow_seconds)
        response = (error_response(fault) if fault else None) or self._page(target)
        if fault == "truncate":
            response = truncated(response)
        self._write(response, head=head)

    def _target(self) -> str:
        if self.path.startswith(("http://", "https://")):
            parts = urlsplit(self.path)
            return parts.path + (f"?{parts.query}" if parts.query else "")
        return self.path

    def _page(self, target: str) -> Response:
        assert self.server.site is not None
        try:
            return self.server.site.respond(target)
        except Exception:  # a replica bug must not kill the connection silently
            logger.exception("replica failed to render %s", target)
            return Response(500, b"replica error\n", "text/plain")

    def _reset(self) -> None:
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()
        self.log_message('"%s" reset', self.requestline)

    def _write(self, response: Response, *, head: bool) -> None:
        status = HTTPStatus(response.status)
        headers = [
            ("Server", SERVER_NAME),
            ("Date", formatdate(usegmt=True)),
            ("Content-Type", response.content_type),
            ("Content-Length", str(len(response.body))),
            ("Connection", "close" if self.close_connection else "keep-alive"),
        ]
        extra = dict(response.headers)
        headers = [(name, extra.pop(name, value)) for name, value in headers] + list(extra.items())
        lines = [f"{self.protocol_version} {status.value} {status.phrase}"]
        lines += [f"{name}: {value}" for name, value in headers]
        payload = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(payload if head else payload + response.body)
        self.log_request(status.value, len(response.body))
