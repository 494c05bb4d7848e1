"""VectorStore implementations: InMemoryStore (unit, fake embeddings) and ChromaStore
(integration: real Chroma, real embeddings, reopened in a new process)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from vectorstore.memory_store import InMemoryStore, matches_where
from vectorstore.store import StoreHit, VectorStore, normalize_where

ROOT = Path(__file__).resolve().parent.parent
DIM = 16


def fake_embed(texts: list[str]) -> np.ndarray:
    """Deterministic bag-of-words hashing: texts sharing words get closer vectors."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in text.lower().split():
            out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.clip(norms, 1e-12, None)


IDS = ["a:c0", "a:c1", "b:c0", "c:c0"]
TEXTS = [
    "bank raises rates",
    "bank profits fall",
    "football cup final",
    "rates rise again as bank acts",
]
METAS = [
    {"article_id": "a", "doc_id": "d1", "n": 0},
    {"article_id": "a", "doc_id": "d1", "n": 1},
    {"article_id": "b", "doc_id": "d2", "n": 0},
    {"article_id": "c", "doc_id": "d3", "n": 0, "dup": True},
]


@pytest.fixture
def mem() -> InMemoryStore:
    store = InMemoryStore(embed=fake_embed)
    store.upsert(IDS, TEXTS, fake_embed(TEXTS), METAS)
    return store


def test_memory_store_satisfies_protocol(mem: InMemoryStore) -> None:
    assert isinstance(mem, VectorStore)


def test_query_orders_by_cosine_distance(mem: InMemoryStore) -> None:
    q = fake_embed(["bank raises rates"])[0]
    hits = mem.query(q, k=4)
    assert hits[0].id == "a:c0"
    assert hits[0].distance == pytest.approx(0.0, abs=1e-6)
    dists = [h.distance for h in hits]
    assert dists == sorted(dists)
    assert all(-1e-6 <= d <= 2.0 + 1e-6 for d in dists)
    assert hits[0].text == "bank raises rates" and hits[0].metadata["article_id"] == "a"


def test_query_k_and_filters(mem: InMemoryStore) -> None:
    q = fake_embed(["bank rates"])[0]
    assert len(mem.query(q, k=2)) == 2
    assert {h.id for h in mem.query(q, k=10, where={"article_id": "a"})} == {"a:c0", "a:c1"}
    in_hits = mem.query(q, k=10, where={"doc_id": {"$in": ["d2", "d3"]}})
    assert {h.id for h in in_hits} == {"b:c0", "c:c0"}
    and_hits = mem.query(q, k=10, where={"$and": [{"article_id": "a"}, {"n": 1}]})
    assert [h.id for h in and_hits] == ["a:c1"]
    # Several top-level fields mean all of them.
    assert [h.id for h in mem.query(q, k=10, where={"article_id": "a", "n": 0})] == ["a:c0"]
    assert mem.query(q, k=10, where={"article_id": "zzz"}) == []


def test_upsert_replaces_and_embeds_when_needed(mem: InMemoryStore) -> None:
    mem.upsert(["a:c0"], ["football cup"], None, [{"article_id": "a", "n": 9}])
    assert mem.count() == 4
    rec = mem.get(["a:c0"])[0]
    assert rec.text == "football cup" and rec.metadata["n"] == 9
    hit = mem.query(fake_embed(["football cup"])[0], k=1)[0]
    assert hit.id == "a:c0"


def test_upsert_without_embedder_requires_embeddings() -> None:
    with pytest.raises(ValueError, match="embedding"):
        InMemoryStore().upsert(["x"], ["t"], None, [{}])


def test_upsert_validates_shapes(mem: InMemoryStore) -> None:
    with pytest.raises(ValueError):
        mem.upsert(["x", "y"], ["one"], None, None)
    with pytest.raises(ValueError):
        mem.upsert(["x"], ["one"], np.zeros((2, DIM), dtype=np.float32), None)
    with pytest.raises(ValueError, match="dim"):
        mem.upsert(["x"], ["one"], np.ones((1, DIM + 1), dtype=np.float32), None)
    with pytest.raises(ValueError, match="duplicate"):
        mem.upsert(["x", "x"], ["one", "two"], None, None)


def test_delete_where_and_ids(mem: InMemoryStore) -> None:
    assert mem.delete_where({"article_id": "a"}) == 2
    assert sorted(mem.get_ids()) == ["b:c0", "c:c0"]
    assert mem.delete_where({"article_id": "a"}) == 0
    mem.delete_ids(["b:c0", "missing"])
    assert mem.get_ids() == ["c:c0"]
    assert mem.count() == 1


def test_get_keeps_requested_order_and_skips_missing(mem: InMemoryStore) -> None:
    recs = mem.get(["c:c0", "nope", "a:c0"])
    assert [r.id for r in recs] == ["c:c0", "a:c0"]
    assert [r.id for r in mem.get(where={"dup": True})] == ["c:c0"]


def test_empty_store_query() -> None:
    assert InMemoryStore().query(np.ones(DIM, dtype=np.float32), k=3) == []


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"x": 1}, True),
        ({"x": {"$eq": 2}}, False),
        ({"x": {"$ne": 2}}, True),
        ({"x": {"$in": [1, 2]}}, True),
        ({"x": {"$nin": [1]}}, False),
        ({"x": {"$gte": 1}}, True),
        ({"x": {"$lt": 1}}, False),
        ({"missing": {"$ne": 1}}, True),
        ({"missing": 1}, False),
        ({"$or": [{"x": 5}, {"y": "b"}]}, True),
        ({"$and": [{"x": 1}, {"y": "c"}]}, False),
    ],
)
def test_matches_where(where: dict[str, object], expected: bool) -> None:
    assert matches_where({"x": 1, "y": "b"}, where) is expected


def test_matches_where_rejects_unknown_operator() -> None:
    with pytest.raises(ValueError, match="regex"):
        matches_where({"x": 1}, {"x": {"$regex": "1"}})


def test_normalize_where() -> None:
    assert normalize_where({}) is None
    assert normalize_where({"a": 1}) == {"a": 1}
    assert normalize_where({"a": 1, "b": 2}) == {"$and": [{"a": 1}, {"b": 2}]}


def test_store_hit_similarity() -> None:
    assert StoreHit("i", "t", {}, 0.25).similarity == pytest.approx(0.75)


# --- ChromaStore (integration) ------------------------------------------------------------

CHROMA_TEXTS = [
    "The central bank raised interest rates by half a point to fight inflation.",
    "A new chocolate cake recipe uses less sugar and more cocoa.",
    "The national football team won the championship after extra time.",
    "Parliament passed a law on renewable energy subsidies.",
]
CHROMA_IDS = [f"art{i}:c0" for i in range(len(CHROMA_TEXTS))]
CHROMA_METAS = [{"article_id": f"art{i}", "doc_id": f"doc{i % 2}"} for i in range(4)]


@pytest.mark.integration
def test_chroma_store_crud_and_batching(tmp_path: Path) -> None:
    from vectorstore.chroma_store import ChromaStore
    from vectorstore.client import make_persistent_client
    from vectorstore.embeddings import MiniLMEmbedder

    store = ChromaStore(make_persistent_client(str(tmp_path / "db")), "crud_test")
    assert isinstance(store, VectorStore)
    assert store.collection.configuration["hnsw"]["space"] == "cosine"  # type: ignore[index]
    store.max_batch = 3  # force several batches for 4 + 7 records
    emb = MiniLMEmbedder()
    store.upsert(CHROMA_IDS, CHROMA_TEXTS, emb.embed(CHROMA_TEXTS), CHROMA_METAS)
    extra_ids = [f"x{i}" for i in range(7)]
    extra = [f"Filler sentence number {i} about weather." for i in range(7)]
    store.upsert(extra_ids, extra, None, [{"article_id": "x", "n": i} for i in range(7)])
    assert store.count() == 11

    q = emb.embed_one("interest rate increase by the central bank")
    hits = store.query(q, k=3)
    assert hits[0].id == "art0:c0"
    assert hits[0].metadata == {"article_id": "art0", "doc_id": "doc0"}
    assert 0.0 <= hits[0].distance < hits[1].distance
    # Chroma's cosine distance agrees with ours on unit vectors.
    expect = 1.0 - float(emb.embed([CHROMA_TEXTS[0]])[0] @ q)
    assert hits[0].distance == pytest.approx(expect, abs=1e-3)

    filtered = store.query(q, k=10, where={"doc_id": "doc1"})
    assert {h.id for h in filtered} == {"art1:c0", "art3:c0"}
    assert store.query(q, k=50, where={"article_id": "x", "n": {"$in": [1, 2]}})[0].id in {
        "x1",
        "x2",
    }

    assert [r.id for r in store.get(["art2:c0", "nope", "art0:c0"])] == ["art2:c0", "art0:c0"]
    assert store.delete_where({"article_id": "x"}) == 7
    assert sorted(store.get_ids()) == sorted(CHROMA_IDS)
    store.delete_ids(["art3:c0"])
    assert store.count() == 3
    with pytest.raises(ValueError):
        store.delete_where({})


_REOPEN = """
import json, sys
import vectorstore.embeddings  # registers the EF by name before the collection is opened
from vectorstore.chroma_store import ChromaStore
from vectorstore.client import make_persistent_client
from vectorstore.embeddings import MiniLMEmbedder, MiniLMEmbeddingFunction

client = make_persistent_client(sys.argv[1])
raw = client.get_collection(sys.argv[2])  # no EF passed: rebuilt from the stored config
by_text = raw.query(query_texts=[sys.argv[3]], n_results=1)
store = ChromaStore(client, sys.argv[2])
hits = store.query(MiniLMEmbedder().embed_one(sys.argv[3]), k=2)
print(json.dumps({
    "conf_ef": type(raw.configuration.get("embedding_function")).__name__,
    "by_text": by_text["ids"][0],
    "hits": [[h.id, h.distance] for h in hits],
    "count": store.count(),
}))
"""


@pytest.mark.integration
def test_chroma_store_reopens_in_new_process(tmp_path: Path) -> None:
    from vectorstore.chroma_store import ChromaStore
    from vectorstore.client import make_persistent_client

    path = str(tmp_path / "db")
    store = ChromaStore(make_persistent_client(path), "reopen_test")
    store.upsert(CHROMA_IDS, CHROMA_TEXTS, None, CHROMA_METAS)

    question = "who won the football championship"
    proc = subprocess.run(
        [sys.executable, "-c", _REOPEN, path, "reopen_test", question],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["conf_ef"] == "MiniLMEmbeddingFunction"
    assert out["by_text"] == ["art2:c0"]
    assert out["hits"][0][0] == "art2:c0"
    assert out["count"] == 4
    # The stored EF config names the EF and holds no file paths (it outlives this machine).
    ef_conf = store.collection.configuration_json["embedding_function"]
    assert ef_conf["name"] == "sourcebound-minilm-int8"
    assert not any("/" in str(v) or "\\" in str(v) for v in ef_conf["config"].values())
