"""The small vector-store interface the rest of the code uses, and its shared helpers.

Filters (`where`) use Chroma's syntax: `{"field": value}`, `{"field": {"$in": [...]}}`,
`{"$and": [...]}` / `{"$or": [...]}`, and `$eq $ne $in $nin $gt $gte $lt $lte`. A dict with
several top-level fields means all of them (`normalize_where` turns it into `$and`, which
Chroma itself requires).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import numpy as np

Metadata = dict[str, Any]
Where = dict[str, Any]


@dataclass(frozen=True)
class StoreRecord:
    id: str
    text: str
    metadata: Metadata = field(default_factory=dict)


@dataclass(frozen=True)
class StoreHit:
    id: str
    text: str
    metadata: Metadata
    # Cosine distance, 1 - cosine similarity: 0 is identical, lower is closer.
    distance: float

    @property
    def similarity(self) -> float:
        return 1.0 - self.distance


class Embedder(Protocol):
    """Text -> vectors: `embed(texts)` returns a float32 array of shape (len(texts), dim), one
    L2-normalised row per text, in input order. The one embedder interface of every stage."""

    def embed(self, texts: list[str], batch_size: int = 32) -> np.ndarray: ...


@runtime_checkable
class VectorStore(Protocol):
    def upsert(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        embeddings: np.ndarray | None,
        metadatas: Sequence[Metadata] | None = None,
    ) -> None:
        """Insert or replace records. With `embeddings=None` the store embeds `texts` itself."""
        ...

    def delete_where(self, where: Where) -> int:
        """Delete the records matching `where`; return how many were deleted."""
        ...

    def delete_ids(self, ids: Sequence[str]) -> None: ...

    def query(self, embedding: np.ndarray, k: int, where: Where | None = None) -> list[StoreHit]:
        """The `k` nearest records by cosine distance, closest first."""
        ...

    def get_ids(self, where: Where | None = None) -> list[str]: ...

    def get(
        self, ids: Sequence[str] | None = None, where: Where | None = None
    ) -> list[StoreRecord]:
        """Records by id (in the order asked, missing ids skipped) and/or by filter."""
        ...

    def get_embeddings(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors by id (missing ids left out)."""
        ...

    def count(self) -> int: ...


def check_upsert_args(
    ids: Sequence[str],
    texts: Sequence[str],
    embeddings: np.ndarray | None,
    metadatas: Sequence[Metadata] | None,
    dim: int | None = None,
) -> list[Metadata]:
    """Validate argument shapes; return the metadatas (empty dicts when none were given)."""
    n = len(ids)
    if len(texts) != n:
        raise ValueError(f"upsert: {n} ids but {len(texts)} texts")
    metas = [dict(m) for m in metadatas] if metadatas is not None else [{} for _ in ids]
    if len(metas) != n:
        raise ValueError(f"upsert: {n} ids but {len(metas)} metadatas")
    if len(set(ids)) != n:
        dup = next(i for i in ids if list(ids).count(i) > 1)
        raise ValueError(f"upsert: duplicate id {dup!r}")
    if embeddings is not None:
        if embeddings.ndim != 2 or embeddings.shape[0] != n:
            raise ValueError(f"upsert: embeddings shape {embeddings.shape} for {n} ids")
        if dim is not None and embeddings.shape[1] != dim:
            raise ValueError(f"upsert: embeddings have dim {embeddings.shape[1]}, store has {dim}")
    return metas


def normalize_where(where: Where | None) -> Where | None:
    """Empty -> None; several top-level fields -> one `$and` (Chroma accepts one key only)."""
    if not where:
        return None
    if len(where) == 1:
        return where
    return {"$and": [{k: v} for k, v in where.items()]}
