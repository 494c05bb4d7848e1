"""A fault-injecting OpenAI-compatible chat server for tests (127.0.0.1, random port).

Each POST to `/v1/chat/completions` takes the next behaviour from a queue (or from the first
matching rule, or the default); behaviours reply normally, slowly, with an error status
(429 + Retry-After, 500, 503, 401 echoing the Authorization header), drop the connection,
send a malformed body, or stream server-sent events and stop half-way. Replies of `ok()`
without fixed content are made by a responder that plays a well-behaved model (see
`evidence_responder`). Every request is recorded with its arrival time and its place in the
order of the server's arrivals and replies (`arrived`, `left`), so tests can check retry
counts and which requests overlapped without reading a clock; the most requests in flight at
once is kept too (concurrency tests, benchmarks/bench_concurrency.py). Stdlib only; threads
are daemons; `stop()` wakes slow ones.

Web pages for `ingest URL` tests: `page(path, body, ...)` serves a GET resource (status, type,
delay, or chunked without Content-Length); other paths are 404; `page_requests` logs GETs.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from webpages import Page, serve_page

Responder = Callable[[dict[str, Any]], str]
Rule = Callable[[dict[str, Any]], bool]


@dataclass(frozen=True)
class Behaviour:
    kind: str  # ok | slow | status | drop | malformed | stream_cut
    content: str | None = None  # ok: fixed reply text (None: ask the responder)
    delay: float = 0.0  # slow: seconds before answering
    status: int = 200
    retry_after: str | None = None
    echo_auth: bool = False  # status: put the request's Authorization header in the body
    chunks: int = 2  # stream_cut: content pieces sent before the connection is cut

    def __str__(self) -> str:
        if self.kind == "status":
            ra = f", Retry-After {self.retry_after}" if self.retry_after else ""
            return f"HTTP {self.status}{ra}"
        if self.kind == "slow":
            return f"slow {self.delay:g} s"
        if self.kind == "ok" and self.content is not None:
            return f"200 with reply {self.content[:28]!r}"
        return self.kind


def ok(content: str | None = None) -> Behaviour:
    return Behaviour("ok", content=content)


def slow(delay: float, content: str | None = None) -> Behaviour:
    return Behaviour("slow", content=content, delay=delay)


def status(code: int, retry_after: str | None = None, echo_auth: bool = False) -> Behaviour:
    return Behaviour("status", status=code, retry_after=retry_after, echo_auth=echo_auth)


def drop() -> Behaviour:
    return Behaviour("drop")


def malformed() -> Behaviour:
    return Behaviour("malformed")


def stream_cut(chunks: int = 2, content: str | None = None) -> Behaviour:
    return Behaviour("stream_cut", content=content, chunks=chunks)


@dataclass
class Request:
    at: float  # time.monotonic() on arrival
    headers: dict[str, str]  # lower-cased names
    body: dict[str, Any]
    behaviour: str
    raw: str = ""
    arrived: int = -1  # position among the server's arrival and departure events
    left: int | None = None  # the same, once the reply was sent (None: still being handled)

    @property
    def last_user(self) -> str:
        users = [m for m in self.body.get("messages", []) if m.get("role") == "user"]
        return str(users[-1].get("content", "")) if users else ""


_DOC = re.compile(r"<<doc id=(S\d+)>>\n(?:\([^)\n]*\) )?(.*?)\n<</doc>>", re.DOTALL)


def _docs(body: dict[str, Any]) -> list[tuple[str, str]]:
    """Labelled evidence of the last user turn that has some (earlier turns are few-shot
    examples; a later one may be a repair request)."""
    users = [m for m in body.get("messages", []) if m.get("role") == "user"]
    for m in reversed(users):
        found = _DOC.findall(str(m.get("content", "")))
        if found:
            return found
    return []


def _schema_name(body: dict[str, Any]) -> str:
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return str(fmt.get("json_schema", {}).get("name", ""))
    return str((fmt.get("schema") or {}).get("title", ""))


def evidence_responder(body: dict[str, Any]) -> str:
    """A well-behaved model: restates the shown evidence verbatim, citing its labels, in the
    shape the requested schema wants (answer draft, summary draft, story point, verdict)."""
    docs = _docs(body)
    name = _schema_name(body)
    if name == "Judgement":
        return json.dumps({"label": "not_enough_info"})
    if name == "Confirmation":  # a sentence code calls supporting, confirmed
        return json.dumps({"answer": "yes"})
    if name == "Standalone":
        return json.dumps({"question": "How many troops did Mexico send to its border?"})
    if name == "PointDraft" and docs:
        return json.dumps({"text": docs[0][1], "cite": [docs[0][0]]})
    if name == "SummaryDraft" and docs:
        picked = (docs * 3)[:3]
        return json.dumps({"sentences": [{"text": t, "cite": [label]} for label, t in picked]})
    if not docs:
        return json.dumps({"answerable": False, "sentences": []})
    label, text = docs[0]
    return json.dumps({"answerable": True, "sentences": [{"text": text, "cite": [label]}]})


@dataclass
class FaultServer:
    responder: Responder = evidence_responder
    default: Behaviour = field(default_factory=ok)
    requests: list[Request] = field(default_factory=list)
    in_flight: int = 0  # requests being handled now
    max_in_flight: int = 0  # the most at once since start (or the last clear())
    _queue: deque[Behaviour] = field(default_factory=deque)
    _rules: list[tuple[Rule, Behaviour]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _events: itertools.count[int] = field(default_factory=itertools.count)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _httpd: ThreadingHTTPServer | None = None
    pages: dict[str, Page] = field(default_factory=dict)
    page_requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def page(self, path: str, body: str | bytes, **options: Any) -> str:
        """Serve `body` at GET `path` (options: Page's fields) from now on; returns its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self.pages[path] = Page(data, **options)
        return f"{self.base_url.removesuffix('/v1')}{path}"

    @property
    def root_url(self) -> str:
        return self.base_url.removesuffix("/v1")

    # --- scripting ----------------------------------------------------------------------
    def push(self, *behaviours: Behaviour) -> None:
        """Behaviours for the next requests, in order (rules are checked first)."""
        with self._lock:
            self._queue.extend(behaviours)

    def when(self, rule: Rule | str, behaviour: Behaviour) -> None:
        """Every request matching `rule` (a predicate on the request body, or a substring of
        the last user message) gets `behaviour`, whatever the queue holds."""
        if isinstance(rule, str):
            needle = rule

            def rule(body: dict[str, Any]) -> bool:
                users = [m for m in body.get("messages", []) if m.get("role") == "user"]
                return bool(users) and needle in str(users[-1].get("content", ""))

        with self._lock:
            self._rules.append((rule, behaviour))

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()
            self._rules.clear()
            self.requests.clear()
            self.max_in_flight = self.in_flight

    @property
    def pending(self) -> int:
        return len(self._queue)

    def _arrived(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _left(self, request: Request | None) -> None:
        with self._lock:
            self.in_flight -= 1
            if request is not None:
                request.left = next(self._events)

    def _next(self, body: dict[str, Any]) -> Behaviour:
        with self._lock:
            for rule, behaviour in self._rules:
                if rule(body):
                    return behaviour
            return self._queue.popleft() if self._queue else self.default

    # --- lifecycle ----------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def start(self) -> FaultServer:
        server = self

        class Handler(_Handler):
            owner = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping in slow()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()


@contextmanager
def running(responder: Responder = evidence_responder) -> Iterator[FaultServer]:
    server = FaultServer(responder=responder).start()
    try:
        yield server
    finally:
        server.stop()


class _Handler(BaseHTTPRequestHandler):
    owner: FaultServer
    protocol_version = "HTTP/1.1"  # keep-alive and chunked streams, like real servers

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: pytest output stays readable

    def do_GET(self) -> None:
        owner = self.owner
        path = self.path.split("?", 1)[0]
        if path.startswith("/v1/"):
            self._json(200, {"object": "list", "data": [{"id": "fault-model", "object": "model"}]})
            return
        with owner._lock:
            page = owner.pages.get(self.path) or owner.pages.get(path)
            owner.page_requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            serve_page(self, page, owner._stopping)

    def do_POST(self) -> None:
        self.owner._arrived()
        self.request_record: Request | None = None
        try:
            # The client gave up (its timeout) before we answered: what a real server sees too.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._post()
        finally:
            self.owner._left(self.request_record)

    def _post(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace")
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = {}
        owner = self.owner
        b = owner._next(body)
        with owner._lock:
            self.request_record = Request(
                time.monotonic(),
                {k.lower(): v for k, v in self.headers.items()},
                body,
                str(b),
                raw,
                arrived=next(owner._events),
            )
            owner.requests.append(self.request_record)
        if b.kind == "slow" and owner._stopping.wait(b.delay):
            return
        if b.kind == "drop":
            self._cut()
            return
        if b.kind == "malformed":
            self._send(200, b'{"id": "x", "choices": [ {"message": ', "application/json")
            return
        if b.kind == "status":
            self._error(b)
            return
        content = b.content if b.content is not None else owner.responder(body)
        if body.get("stream") or b.kind == "stream_cut":
            self._stream(content, b)
        else:
            self._json(200, _completion(body, content))

    # --- replies ------------------------------------------------------------------------
    def _send(
        self, code: int, data: bytes, ctype: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _json(self, code: int, obj: Any, extra: dict[str, str] | None = None) -> None:
        self._send(code, json.dumps(obj).encode(), "application/json", extra)

    def _error(self, b: Behaviour) -> None:
        message = f"fault server: injected HTTP {b.status}"
        if b.echo_auth:  # a careless proxy that quotes the request back
            message += f" (request had Authorization: {self.headers.get('Authorization')})"
        extra = {"Retry-After": b.retry_after} if b.retry_after is not None else {}
        self._json(b.status, {"error": {"message": message, "type": "fault"}}, extra)

    def _cut(self) -> None:
        """Close the socket without a (complete) response."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)

    def _stream(self, content: str, b: Behaviour) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        pieces = [content[i : i + 8] for i in range(0, len(content), 8)] or [""]
        for n, piece in enumerate(pieces):
            if b.kind == "stream_cut" and n >= b.chunks:
                self._cut()  # mid-body: the chunked stream never terminates
                return
            delta = {"role": "assistant", "content": piece} if n == 0 else {"content": piece}
            self._event({"choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
        self._event({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        self._chunk(b"data: [DONE]\n\n")
        self._chunk(b"")

    def _event(self, obj: dict[str, Any]) -> None:
        obj = {"id": "chatcmpl-fault", "object": "chat.completion.chunk", "created": 0,
               "model": "fault-model", **obj}  # fmt: skip
        self._chunk(f"data: {json.dumps(obj)}\n\n".encode())

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()


def _completion(body: dict[str, Any], content: str) -> dict[str, Any]:
    n_in = sum(len(str(m.get("content", "")).split()) for m in body.get("messages", []))
    n_out = len(content.split())
    return {
        "id": "chatcmpl-fault",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "fault-model"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": n_in, "completion_tokens": n_out, "total_tokens": n_in + n_out},
    }
