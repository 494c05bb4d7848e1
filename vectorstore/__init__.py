"""Offline embeddings, the vector-store interface (Chroma and in-memory) and a BM25 index.

The Chroma- and model-backed names are imported lazily: `import chromadb` alone costs ~1 s,
which unit tests and CLI `--help` should not pay.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from vectorstore.errors import EmbeddingModelError, StoreConfigError, VectorStoreError
from vectorstore.store import StoreHit, StoreRecord, VectorStore

if TYPE_CHECKING:
    from vectorstore.chroma_store import ChromaStore
    from vectorstore.client import make_client
    from vectorstore.embeddings import (
        MiniLMEmbedder,
        MiniLMEmbeddingFunction,
        MiniLMEmbeddings,
        benchmark_embedding,
        count_tokens,
    )
    from vectorstore.keyword import BM25Index
    from vectorstore.memory_store import InMemoryStore

_LAZY = {
    "BM25Index": "vectorstore.keyword",
    "InMemoryStore": "vectorstore.memory_store",
    "ChromaStore": "vectorstore.chroma_store",
    "make_client": "vectorstore.client",
    "MiniLMEmbedder": "vectorstore.embeddings",
    "MiniLMEmbeddingFunction": "vectorstore.embeddings",
    "MiniLMEmbeddings": "vectorstore.embeddings",
    "benchmark_embedding": "vectorstore.embeddings",
    "count_tokens": "vectorstore.embeddings",
}

__all__ = [
    "BM25Index",
    "ChromaStore",
    "EmbeddingModelError",
    "InMemoryStore",
    "MiniLMEmbedder",
    "MiniLMEmbeddingFunction",
    "MiniLMEmbeddings",
    "StoreConfigError",
    "StoreHit",
    "StoreRecord",
    "VectorStore",
    "VectorStoreError",
    "benchmark_embedding",
    "count_tokens",
    "make_client",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'vectorstore' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
