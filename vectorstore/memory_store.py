"""A numpy `VectorStore` for unit tests of retrieval logic: same semantics as ChromaStore
(cosine distance, Chroma-style `where` filters), no Chroma and no model needed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from vectorstore.store import (
    Metadata,
    StoreHit,
    StoreRecord,
    Where,
    check_upsert_args,
    normalize_where,
)

EmbedFn = Callable[[list[str]], np.ndarray]

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "$eq": lambda a, b: a == b,
    "$ne": lambda a, b: a != b,
    "$gt": lambda a, b: a is not None and a > b,
    "$gte": lambda a, b: a is not None and a >= b,
    "$lt": lambda a, b: a is not None and a < b,
    "$lte": lambda a, b: a is not None and a <= b,
    "$in": lambda a, b: a in b,
    "$nin": lambda a, b: a not in b,
}


def matches_where(metadata: Metadata, where: Where | None) -> bool:
    """Evaluate a Chroma-style filter against one record's metadata."""
    where = normalize_where(where)
    if where is None:
        return True
    ((key, cond),) = where.items()
    if key == "$and":
        return all(matches_where(metadata, w) for w in cond)
    if key == "$or":
        return any(matches_where(metadata, w) for w in cond)
    if key.startswith("$"):
        raise ValueError(f"unsupported filter operator {key!r}")
    if not isinstance(cond, dict):
        cond = {"$eq": cond}
    present = key in metadata
    value = metadata.get(key)
    for op, arg in cond.items():
        fn = _COMPARE.get(op)
        if fn is None:
            raise ValueError(f"unsupported filter operator {op!r} on field {key!r}")
        # As in Chroma, a record without the field matches only negative operators.
        if not present and op not in ("$ne", "$nin"):
            return False
        if not fn(value, arg):
            return False
    return True


class InMemoryStore:
    """Brute-force cosine search over unit-normalised rows."""

    def __init__(self, embed: EmbedFn | None = None, dim: int | None = None) -> None:
        self._embed = embed
        self._dim = dim
        self._texts: dict[str, str] = {}
        self._metas: dict[str, Metadata] = {}
        self._vecs: dict[str, np.ndarray] = {}

    def upsert(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        embeddings: np.ndarray | None,
        metadatas: Sequence[Metadata] | None = None,
    ) -> None:
        metas = check_upsert_args(ids, texts, embeddings, metadatas, self._dim)
        if not ids:
            return
        if embeddings is None:
            if self._embed is None:
                raise ValueError("InMemoryStore has no embedding function: pass embeddings")
            embeddings = np.asarray(self._embed(list(texts)), dtype=np.float32)
        vecs = np.asarray(embeddings, dtype=np.float32)
        if self._dim is None:
            self._dim = int(vecs.shape[1])
        elif vecs.shape[1] != self._dim:
            raise ValueError(f"upsert: embeddings have dim {vecs.shape[1]}, store has {self._dim}")
        norms = np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)
        for i, rid in enumerate(ids):
            self._texts[rid] = texts[i]
            self._metas[rid] = dict(metas[i])
            self._vecs[rid] = vecs[i] / norms[i]

    def delete_ids(self, ids: Sequence[str]) -> None:
        for rid in ids:
            self._texts.pop(rid, None)
            self._metas.pop(rid, None)
            self._vecs.pop(rid, None)

    def delete_where(self, where: Where) -> int:
        ids = self.get_ids(where)
        self.delete_ids(ids)
        return len(ids)

    def query(self, embedding: np.ndarray, k: int, where: Where | None = None) -> list[StoreHit]:
        ids = self.get_ids(where)
        if not ids or k <= 0:
            return []
        q = np.asarray(embedding, dtype=np.float32).reshape(-1)
        q = q / max(float(np.linalg.norm(q)), 1e-12)
        mat = np.stack([self._vecs[i] for i in ids])
        dist = 1.0 - mat @ q
        # Stable sort: ties keep insertion order, so results are deterministic.
        top = np.argsort(dist, kind="stable")[:k]
        return [
            StoreHit(ids[j], self._texts[ids[j]], dict(self._metas[ids[j]]), float(dist[j]))
            for j in top
        ]

    def get_ids(self, where: Where | None = None) -> list[str]:
        return [rid for rid, meta in self._metas.items() if matches_where(meta, where)]

    def get_embeddings(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        return {i: self._vecs[i] for i in ids if i in self._vecs}

    def get(
        self, ids: Sequence[str] | None = None, where: Where | None = None
    ) -> list[StoreRecord]:
        wanted = list(ids) if ids is not None else list(self._texts)
        return [
            StoreRecord(rid, self._texts[rid], dict(self._metas[rid]))
            for rid in wanted
            if rid in self._texts and matches_where(self._metas[rid], where)
        ]

    def count(self) -> int:
        return len(self._texts)
