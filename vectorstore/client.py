"""Chroma client factory: an embedded PersistentClient by default, an HttpClient when
a `chroma_url` names a `chroma run` server."""

from __future__ import annotations

import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import chromadb
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings

from vectorstore.errors import StoreConfigError, VectorStoreError


def _chroma_settings() -> ChromaSettings:
    # Telemetry would try the network on every client start.
    return ChromaSettings(anonymized_telemetry=False)


def parse_chroma_url(url: str) -> tuple[str, int, bool]:
    """`http://host:port` -> (host, port, ssl). Raises StoreConfigError on anything else."""
    parsed = urlparse(url if "://" in url else f"http://{url}")
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise StoreConfigError(
            f"invalid setting chroma_url: expected http://host:port, got {url!r}"
        )
    if parsed.path not in ("", "/"):
        raise StoreConfigError(f"invalid setting chroma_url: unexpected path in {url!r}")
    ssl = parsed.scheme == "https"
    try:
        port = parsed.port or (443 if ssl else 8000)
    except ValueError as e:
        raise StoreConfigError(f"invalid setting chroma_url: bad port in {url!r}") from e
    return parsed.hostname, port, ssl


def _unreachable(url: str, e: Exception) -> VectorStoreError:
    return VectorStoreError(
        f"cannot reach the Chroma server at {url} ({type(e).__name__}: {e}); "
        "start it with `chroma run --path DIR --host HOST --port PORT` "
        "or unset chroma_url to use the embedded store"
    )


def make_http_client(url: str, connect_timeout_s: float = 5.0) -> ClientAPI:
    host, port, ssl = parse_chroma_url(url)
    base = f"{'https' if ssl else 'http'}://{host}:{port}"
    # Chroma's HttpClient has no timeout: probe first so a dead host fails in bounded time.
    try:
        with urllib.request.urlopen(f"{base}/api/v2/heartbeat", timeout=connect_timeout_s):
            pass
    except OSError as e:  # URLError, timeouts and HTTP errors are all OSErrors
        raise _unreachable(url, e) from e
    try:
        client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=_chroma_settings())
        client.heartbeat()
    except Exception as e:  # httpx/chromadb raise several unrelated types for "no server"
        raise _unreachable(url, e) from e
    return client


def make_persistent_client(path: str) -> ClientAPI:
    try:
        return chromadb.PersistentClient(path=path, settings=_chroma_settings())
    except Exception as e:
        raise VectorStoreError(
            f"cannot open the Chroma store at {path}: {type(e).__name__}: {e}"
        ) from e


def make_client(chroma_url: str | None, store_dir: Path) -> ClientAPI:
    """An HttpClient for `chroma_url` (a `chroma run` server) when it is set, else an embedded
    PersistentClient in `store_dir` (created if missing). Raises VectorStoreError naming the URL
    or path, StoreConfigError for a malformed URL."""
    if chroma_url:
        return make_http_client(chroma_url)
    try:
        store_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise VectorStoreError(f"cannot create the store directory {store_dir}: {e}") from e
    return make_persistent_client(str(store_dir))
