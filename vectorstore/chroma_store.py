"""`VectorStore` on a Chroma collection (persistent or HTTP client alike).

The collection is created with `MiniLMEmbeddingFunction` and the cosine space, so Chroma's
distances are cosine distances and `query_texts` works offline after a reopen.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection

from vectorstore.embeddings import DIM, MiniLMEmbeddingFunction
from vectorstore.errors import VectorStoreError
from vectorstore.store import (
    Metadata,
    StoreHit,
    StoreRecord,
    Where,
    check_upsert_args,
    normalize_where,
)

# Used when a server does not report its limit (older servers answer -1).
_FALLBACK_BATCH = 1000

T = TypeVar("T")


def _batches(items: Sequence[T], size: int) -> Iterator[tuple[int, Sequence[T]]]:
    for start in range(0, len(items), size):
        yield start, items[start : start + size]


def _clean_meta(meta: Metadata) -> Metadata | None:
    """Chroma rejects empty metadata dicts; None values carry no information here."""
    out = {k: v for k, v in meta.items() if v is not None}
    return out or None


class ChromaStore:
    def __init__(
        self,
        client: ClientAPI,
        collection_name: str,
        embedding_function: MiniLMEmbeddingFunction | None = None,
    ) -> None:
        self.client = client
        self.name = collection_name
        ef = embedding_function or MiniLMEmbeddingFunction()
        try:
            self.collection: Collection = client.get_or_create_collection(
                name=collection_name,
                embedding_function=ef,  # type: ignore[arg-type]
                configuration={"hnsw": {"space": "cosine"}},
            )
        except Exception as e:
            raise VectorStoreError(f"cannot open collection {collection_name!r}: {e}") from e
        space = (self.collection.configuration.get("hnsw") or {}).get("space")
        if space not in (None, "cosine"):
            raise VectorStoreError(
                f"collection {collection_name!r} uses the {space!r} space, not cosine; "
                "delete it and re-ingest"
            )
        try:
            limit = int(client.get_max_batch_size())
        except Exception:
            limit = -1
        self.max_batch = limit if limit > 0 else _FALLBACK_BATCH

    def _fail(self, action: str, e: Exception) -> VectorStoreError:
        return VectorStoreError(f"Chroma {action} on collection {self.name!r} failed: {e}")

    def upsert(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        embeddings: np.ndarray | None,
        metadatas: Sequence[Metadata] | None = None,
    ) -> None:
        metas = [_clean_meta(m) for m in check_upsert_args(ids, texts, embeddings, metadatas, DIM)]
        ids = list(ids)
        for start, batch_ids in _batches(ids, self.max_batch):
            end = start + len(batch_ids)
            kwargs: dict[str, Any] = {
                "ids": list(batch_ids),
                "documents": list(texts[start:end]),
                "metadatas": metas[start:end],
            }
            if embeddings is not None:
                kwargs["embeddings"] = np.asarray(embeddings[start:end], dtype=np.float32)
            try:
                self.collection.upsert(**kwargs)
            except Exception as e:
                raise self._fail("upsert", e) from e

    def delete_ids(self, ids: Sequence[str]) -> None:
        ids = list(ids)
        for _, batch in _batches(ids, self.max_batch):
            try:
                self.collection.delete(ids=list(batch))
            except Exception as e:
                raise self._fail("delete", e) from e

    def delete_where(self, where: Where) -> int:
        if not where:
            raise ValueError("delete_where needs a non-empty filter (refusing to delete all)")
        ids = self.get_ids(where)
        self.delete_ids(ids)
        return len(ids)

    def query(self, embedding: np.ndarray, k: int, where: Where | None = None) -> list[StoreHit]:
        total = self.count()
        if k <= 0 or total == 0:
            return []
        q = np.asarray(embedding, dtype=np.float32).reshape(1, -1)
        try:
            res = self.collection.query(
                query_embeddings=q,
                n_results=min(k, total),
                where=normalize_where(where),
                include=["documents", "metadatas", "distances"],
            )
        except Exception as e:
            raise self._fail("query", e) from e
        ids = res["ids"][0]
        docs = (res.get("documents") or [[]])[0]
        metas = (res.get("metadatas") or [[]])[0]
        dists = (res.get("distances") or [[]])[0]
        return [
            StoreHit(rid, docs[i] or "", dict(metas[i] or {}), float(dists[i]))
            for i, rid in enumerate(ids)
        ]

    def get_ids(self, where: Where | None = None) -> list[str]:
        try:
            res = self.collection.get(where=normalize_where(where), include=[])
        except Exception as e:
            raise self._fail("get", e) from e
        return list(res["ids"])

    def get(
        self, ids: Sequence[str] | None = None, where: Where | None = None
    ) -> list[StoreRecord]:
        if ids is not None and len(ids) == 0:
            return []
        try:
            res = self.collection.get(
                ids=list(ids) if ids is not None else None,
                where=normalize_where(where),
                include=["documents", "metadatas"],
            )
        except Exception as e:
            raise self._fail("get", e) from e
        docs = res.get("documents") or []
        metas = res.get("metadatas") or []
        found = {
            rid: StoreRecord(rid, docs[i] or "", dict(metas[i] or {}))
            for i, rid in enumerate(res["ids"])
        }
        order = list(ids) if ids is not None else list(res["ids"])
        return [found[rid] for rid in order if rid in found]

    def get_embeddings(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        try:
            res = self.collection.get(ids=list(ids), include=["embeddings"])
        except Exception as e:
            raise self._fail("get", e) from e
        embs = res.get("embeddings")
        if embs is None:
            return {}
        return {rid: np.asarray(embs[i], dtype=np.float32) for i, rid in enumerate(res["ids"])}

    def count(self) -> int:
        try:
            return int(self.collection.count())
        except Exception as e:
            raise self._fail("count", e) from e
