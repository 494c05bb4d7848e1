"""ChromaStore through `chroma run` + HttpClient (integration: starts a real local server)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from vectorstore.errors import StoreConfigError, VectorStoreError

HEARTBEAT_TIMEOUT_S = 30.0
POLL_S = 0.2


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_heartbeat(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + HEARTBEAT_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chroma exited with {proc.returncode}: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(POLL_S)
    raise RuntimeError(f"chroma not up after {HEARTBEAT_TIMEOUT_S}s: {log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("chroma_server")
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        pytest.skip(f"chroma CLI not found next to {sys.executable}")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = base / "chroma.log"
    with log.open("wb") as log_file:
        proc = subprocess.Popen(
            [str(chroma), "run", "--path", str(base / "data"), "--host", "127.0.0.1",
             "--port", str(port)],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
    try:
        _wait_for_heartbeat(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


TEXTS = [
    "The central bank raised interest rates by half a point to fight inflation.",
    "A new chocolate cake recipe uses less sugar and more cocoa.",
    "The national football team won the championship after extra time.",
]
IDS = ["s0:c0", "s1:c0", "s2:c0"]
METAS = [{"article_id": f"s{i}"} for i in range(3)]


@pytest.mark.integration
def test_http_store_upsert_query_delete(chroma_server: str) -> None:
    import chromadb

    import vectorstore.embeddings  # noqa: F401  (registers the EF for the raw client below)
    from vectorstore.chroma_store import ChromaStore
    from vectorstore.client import make_client, parse_chroma_url
    from vectorstore.embeddings import MiniLMEmbedder

    client = make_client(chroma_server, Path('unused'))
    store = ChromaStore(client, "server_test")
    emb = MiniLMEmbedder()
    store.upsert(IDS[:2], TEXTS[:2], emb.embed(TEXTS[:2]), METAS[:2])
    store.upsert(IDS[2:], TEXTS[2:], None, METAS[2:])  # embedded by the EF, client side
    assert store.count() == 3

    hits = store.query(emb.embed_one("who won the football final"), k=2)
    assert hits[0].id == "s2:c0" and hits[0].distance < hits[1].distance
    assert store.query(emb.embed_one("cake"), k=3, where={"article_id": "s0"})[0].id == "s0:c0"

    # A fresh client finds the collection with its EF rebuilt from the server-side config.
    host, port, _ = parse_chroma_url(chroma_server)
    raw = chromadb.HttpClient(host=host, port=port).get_collection("server_test")
    assert raw.query(query_texts=["baking dessert"], n_results=1)["ids"][0] == ["s1:c0"]

    assert store.delete_where({"article_id": "s1"}) == 1
    assert sorted(store.get_ids()) == ["s0:c0", "s2:c0"]


@pytest.mark.integration
def test_unreachable_server_names_url() -> None:
    from vectorstore.client import make_client

    url = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(VectorStoreError, match=url.replace(".", r"\.")):
        make_client(url, Path('unused'))


@pytest.mark.parametrize("bad", ["ftp://host:1", "http://", "http://h:notaport", "http://h:1/x"])
def test_parse_chroma_url_rejects_bad_urls(bad: str) -> None:
    from vectorstore.client import parse_chroma_url

    with pytest.raises(StoreConfigError, match="chroma_url"):
        parse_chroma_url(bad)


def test_parse_chroma_url() -> None:
    from vectorstore.client import parse_chroma_url

    assert parse_chroma_url("http://127.0.0.1:8000") == ("127.0.0.1", 8000, False)
    assert parse_chroma_url("https://chroma.example") == ("chroma.example", 443, True)
    assert parse_chroma_url("localhost:9000") == ("localhost", 9000, False)
