"""Embeddings: pooling maths (unit) and the real int8 MiniLM model (integration)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from vectorstore.embeddings import (
    DIM,
    MAX_TOKENS,
    MiniLMEmbedder,
    MiniLMEmbeddingFunction,
    MiniLMEmbeddings,
    _pool,
    benchmark_embedding,
    count_tokens,
)


def test_pool_ignores_padding_and_normalises() -> None:
    hidden = np.zeros((2, 3, 4), dtype=np.float32)
    hidden[0, 0] = [1, 0, 0, 0]
    hidden[0, 1] = [0, 1, 0, 0]
    hidden[0, 2] = [100, 100, 100, 100]  # padding position: must not count
    hidden[1] = [[0, 0, 3, 0]] * 3
    mask = np.array([[1, 1, 0], [1, 1, 1]])
    out = _pool(hidden, mask)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out[0], [2**-0.5, 2**-0.5, 0, 0], atol=1e-6)
    np.testing.assert_allclose(out[1], [0, 0, 1, 0], atol=1e-6)


def test_ef_config_round_trip_has_no_paths() -> None:
    ef = MiniLMEmbeddingFunction(batch_size=8)
    conf = ef.get_config()
    assert "/" not in json.dumps(conf)
    rebuilt = MiniLMEmbeddingFunction.build_from_config(conf)
    assert rebuilt.batch_size == 8 and rebuilt.get_config() == conf
    assert ef.default_space() == "cosine" and not ef.is_legacy()
    with pytest.raises(ValueError):
        MiniLMEmbeddingFunction.build_from_config({**conf, "model": "another-model"})


def test_ef_is_registered_by_name() -> None:
    from chromadb.utils.embedding_functions import known_embedding_functions

    assert known_embedding_functions[MiniLMEmbeddingFunction.name()] is MiniLMEmbeddingFunction


def test_embed_rejects_bad_batch_size() -> None:
    with pytest.raises(ValueError):
        MiniLMEmbedder().embed(["x"], batch_size=0)


def test_embed_empty_list() -> None:
    out = MiniLMEmbedder().embed([])
    assert out.shape == (0, DIM) and out.dtype == np.float32


# --- real model -----------------------------------------------------------------------------

RELATED = (
    "The central bank raised interest rates to curb inflation.",
    "Policymakers increased borrowing costs as prices kept rising.",
)
UNRELATED = "The recipe calls for two eggs, flour and a pinch of salt."


@pytest.fixture(scope="module")
def embedder() -> MiniLMEmbedder:
    return MiniLMEmbedder()


@pytest.mark.integration
def test_shape_dtype_and_unit_norm(embedder: MiniLMEmbedder) -> None:
    out = embedder.embed([*RELATED, UNRELATED, ""])
    assert out.shape == (4, DIM) and out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)


@pytest.mark.integration
def test_related_closer_than_unrelated(embedder: MiniLMEmbedder) -> None:
    a, b, c = embedder.embed([*RELATED, UNRELATED])
    assert float(a @ b) > float(a @ c) + 0.2
    assert float(a @ b) > float(b @ c) + 0.2


@pytest.mark.integration
def test_batch_equals_single_and_order_restored(embedder: MiniLMEmbedder) -> None:
    # Mixed lengths in non-sorted order, more texts than one batch.
    texts = [
        " ".join(["word"] * n) + f" topic {i}" for i, n in enumerate([40, 1, 25, 3, 60, 8, 2, 33])
    ]
    texts += [*RELATED, UNRELATED]
    batched = embedder.embed(texts, batch_size=3)
    singles = np.stack([embedder.embed([t])[0] for t in texts])
    np.testing.assert_allclose(batched, singles, atol=1e-4)
    # Each row really belongs to its own text (not merely equal vectors everywhere).
    sims = batched @ singles.T
    assert list(np.argmax(sims, axis=1)) == list(range(len(texts)))


@pytest.mark.integration
def test_truncates_at_max_tokens(embedder: MiniLMEmbedder) -> None:
    # "news" is one WordPiece token: 600 of them truncate to the same 256-token input as 254.
    long_text, cut_text = "news " * 600, "news " * (MAX_TOKENS - 2)
    assert count_tokens(long_text) == 602
    assert count_tokens(cut_text) == MAX_TOKENS
    a, b = embedder.embed([long_text, cut_text])
    np.testing.assert_allclose(a, b, atol=1e-5)


@pytest.mark.integration
def test_count_tokens_counts_specials() -> None:
    assert count_tokens("") == 2
    assert count_tokens("hello world") == 4


@pytest.mark.integration
def test_chroma_ef_and_langchain_agree(embedder: MiniLMEmbedder) -> None:
    ref = embedder.embed(list(RELATED))
    ef_out = np.asarray(MiniLMEmbeddingFunction()(list(RELATED)), dtype=np.float32)
    np.testing.assert_allclose(ef_out, ref, atol=1e-5)
    lc = MiniLMEmbeddings()
    np.testing.assert_allclose(np.asarray(lc.embed_documents(list(RELATED))), ref, atol=1e-5)
    np.testing.assert_allclose(np.asarray(lc.embed_query(RELATED[0])), ref[0], atol=1e-5)


@pytest.mark.integration
def test_benchmark_reports_positive_throughput() -> None:
    cps = benchmark_embedding([f"sentence number {i} about markets" for i in range(40)])
    assert cps > 0
