"""Polite fetching of web pages and feeds for `sourcebound ingest URL` (httpx).

Polite means: a User-Agent that names sourcebound, robots.txt checked for that agent before
any page of a host is fetched (urllib.robotparser, cached per host for the run), a timeout
per request, a bounded number of retries with exponential backoff on connection errors,
timeouts, 408, 429 (honouring a Retry-After of at most MAX_RETRY_AFTER_S) and 5xx, and a size
cap enforced while streaming (a page never lands in memory beyond the cap).

robots.txt follows RFC 9309: a 4xx answer (no file) allows everything; a 5xx answer or an
unreachable server disallows the host for this run.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from types import TracebackType
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from agent.errors import IngestError
from agent.settings import DEFAULT_USER_AGENT

MAX_RETRY_AFTER_S = 30.0
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
ROBOTS_MAX_BYTES = 512 * 1024
_SUFFIX_BY_TYPE = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/rss+xml": ".xml",
    "application/atom+xml": ".xml",
    "application/rdf+xml": ".xml",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/pdf": ".pdf",
    "text/markdown": ".md",
    "text/plain": ".txt",
}


@dataclass(frozen=True)
class FetchPolicy:
    """How to fetch: `timeout_s` per request (connect and each read), `retries` after the
    first try, `backoff_s` before the first retry (doubling), `max_bytes` per page."""

    user_agent: str = DEFAULT_USER_AGENT
    timeout_s: float = 15.0
    retries: int = 2
    backoff_s: float = 1.0
    max_bytes: int = 20 * 1024 * 1024


@dataclass(frozen=True)
class Fetched:
    """One fetched page: the URL asked for, where redirects ended, the status, the media type
    (no parameters) and the body bytes."""

    url: str
    final_url: str
    status: int
    content_type: str
    data: bytes

    @property
    def suffix(self) -> str:
        """The file extension the content is kept under (from its media type, else its path)."""
        known = _SUFFIX_BY_TYPE.get(self.content_type)
        if known:
            return known
        m = re.search(r"\.[A-Za-z0-9]{1,8}$", urlsplit(self.final_url).path)
        return m.group(0).lower() if m else ".html"


def is_url(value: str) -> bool:
    """True for an http(s) URL (what `ingest` treats as a page to fetch, not a path)."""
    return bool(re.match(r"^https?://[^\s/]+", value, re.I))


def url_doc_id(url: str) -> str:
    """A readable, file-name-safe document id for a URL: host, path and query folded to
    [A-Za-z0-9._-]; long ones are cut and get 8 hex digits of the URL's SHA-1."""
    parts = urlsplit(url)
    raw = f"{parts.netloc}{parts.path}" + (f"-{parts.query}" if parts.query else "")
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", raw).strip("-.") or "page"
    if len(slug) > 80:
        slug = f"{slug[:71]}-{hashlib.sha1(url.encode()).hexdigest()[:8]}"
    return slug


class Fetcher:
    """Fetches URLs under a FetchPolicy; one httpx client (connection reuse) per Fetcher.
    Use as a context manager, or call `close()`."""

    def __init__(self, policy: FetchPolicy | None = None, client: httpx.Client | None = None):
        self.policy = policy or FetchPolicy()
        self._client = client or httpx.Client(
            headers={"User-Agent": self.policy.user_agent},
            timeout=self.policy.timeout_s,
            follow_redirects=True,
        )
        self._robots: dict[str, RobotFileParser | None] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Fetched:
        """GET `url` politely. Raises IngestError(url, why) when robots.txt disallows it,
        on a non-2xx answer (after retries for transient ones), a timeout or connection
        failure after all tries, or a body over `max_bytes`."""
        if not self.allowed(url):
            raise IngestError(url, f"disallowed by robots.txt for {self.policy.user_agent!r}")
        return self._get(url, self.policy.max_bytes)

    def allowed(self, url: str) -> bool:
        """Does the host's robots.txt let our User-Agent fetch `url`? (Cached per host.)"""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        robots = self._robots[origin]
        return robots is not None and robots.can_fetch(self.policy.user_agent, url)

    def _load_robots(self, origin: str) -> RobotFileParser | None:
        parser = RobotFileParser()
        try:
            got = self._get(f"{origin}/robots.txt", ROBOTS_MAX_BYTES, robots=True)
        except IngestError:
            return None  # unreachable or 5xx: RFC 9309 says assume complete disallow
        if got.status >= 400:
            parser.parse([])  # no robots.txt: everything allowed
        else:
            parser.parse(got.data.decode("utf-8", "replace").splitlines())
        return parser

    def _get(self, url: str, max_bytes: int, *, robots: bool = False) -> Fetched:
        tries = self.policy.retries + 1
        problem = ""
        retry_after: str | None = None
        for attempt in range(tries):
            if attempt:
                time.sleep(self._delay(attempt, retry_after))
            retry_after = None
            try:
                with self._client.stream("GET", url) as resp:
                    if resp.status_code in RETRY_STATUSES:
                        problem = f"HTTP {resp.status_code} {resp.reason_phrase}"
                        retry_after = resp.headers.get("Retry-After")
                        continue
                    if resp.status_code >= 400 and not (robots and resp.status_code < 500):
                        raise IngestError(url, f"HTTP {resp.status_code} {resp.reason_phrase}")
                    data = _read_capped(url, resp, max_bytes)
                    ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
                    return Fetched(url, str(resp.url), resp.status_code, ctype, data)
            except httpx.TimeoutException:
                problem = f"timed out (timeout {self.policy.timeout_s:g} s)"
            except httpx.TransportError as e:
                problem = f"connection failed ({e.__class__.__name__})"
        raise IngestError(url, f"{problem} after {tries} tr{'y' if tries == 1 else 'ies'}")

    def _delay(self, attempt: int, header: str | None) -> float:
        """Seconds before try `attempt` (1-based retry count): Retry-After when given."""
        backoff = self.policy.backoff_s * 2 ** (attempt - 1)
        if header:
            try:
                wait = float(header)
            except ValueError:
                try:
                    wait = parsedate_to_datetime(header).timestamp() - time.time()
                except (TypeError, ValueError):
                    wait = backoff
            return min(max(wait, 0.0), MAX_RETRY_AFTER_S)
        return backoff


def _read_capped(url: str, resp: httpx.Response, max_bytes: int) -> bytes:
    limit = f"over the {max_bytes / 2**20:g} MiB limit (setting max_file_mb)"
    declared = resp.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise IngestError(url, f"page is {int(declared):,} bytes, {limit}")
    buf = bytearray()
    for chunk in resp.iter_bytes():
        buf.extend(chunk)
        if len(buf) > max_bytes:
            raise IngestError(url, f"page grew past {max_bytes:,} bytes while downloading, {limit}")
    return bytes(buf)
