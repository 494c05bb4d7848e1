"""Pages the fault server (faultserver.py) serves to `ingest URL` tests: a GET resource with
a status, a media type, a delay before answering, or a chunked body without Content-Length
(so a size cap must be enforced while streaming). Stdlib only."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler


@dataclass(frozen=True)
class Page:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before answering (slower than a client's timeout)
    chunked: bool = False  # no Content-Length: the body comes in 64 KiB chunks


def serve_page(
    handler: BaseHTTPRequestHandler, page: Page | None, stopping: threading.Event
) -> None:
    """Answer one GET with `page` (404 when None); a server that is stopping answers nothing."""
    if page is None:
        page = Page(b"not found", status=404, content_type="text/plain")
    if page.delay and stopping.wait(page.delay):
        return
    handler.send_response(page.status)
    handler.send_header("Content-Type", page.content_type)
    if page.chunked:
        handler.send_header("Transfer-Encoding", "chunked")
    else:
        handler.send_header("Content-Length", str(len(page.body)))
    handler.end_headers()
    if not page.chunked:
        handler.wfile.write(page.body)
    else:
        for i in range(0, len(page.body), 65536):
            piece = page.body[i : i + 65536]
            handler.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        handler.wfile.write(b"0\r\n\r\n")  # the empty last chunk ends the body
    handler.wfile.flush()
