"""BM25Index: tokenisation, ranking, empty cases, persistence and the staleness fingerprint."""

from __future__ import annotations

from pathlib import Path

import pytest

from vectorstore.errors import VectorStoreError
from vectorstore.keyword import BM25Index, fingerprint, tokenize

IDS = ["d1", "d2", "d3", "d4"]
TEXTS = [
    "Inflation rose 25% in March as energy prices climbed.",
    "The central bank cut interest rates to support growth.",
    "Energy companies reported record profits this quarter.",
    "A local football club won the regional cup final.",
]


def test_tokenize_lowercases_drops_stopwords_keeps_numbers() -> None:
    toks = tokenize("The Rate rose 25% to 1,200 units; GDP grew 3.5 percent in 2024.")
    assert "the" not in toks and "to" not in toks and "in" not in toks
    assert {"rate", "rose", "25", "1200", "gdp", "3.5", "2024"} <= set(toks)
    assert "%" not in "".join(toks)
    # Single-digit numbers survive (bm25s's default pattern would drop them).
    assert "5" in tokenize("5 people")


def test_search_ranks_matching_documents() -> None:
    idx = BM25Index.from_corpus(IDS, TEXTS)
    hits = idx.search("energy prices inflation", k=3)
    assert hits[0][0] == "d1"
    assert [h[0] for h in hits] == ["d1", "d3"]  # d2/d4 share no term: not returned
    assert hits[0][1] > hits[1][1] > 0


def test_search_matches_numbers() -> None:
    idx = BM25Index.from_corpus(IDS, TEXTS)
    assert idx.search("25 percent", k=2)[0][0] == "d1"


def test_search_respects_k() -> None:
    idx = BM25Index.from_corpus(IDS, TEXTS)
    assert len(idx.search("energy", k=1)) == 1
    assert idx.search("energy", k=0) == []


def test_unknown_or_stopword_query_returns_empty() -> None:
    idx = BM25Index.from_corpus(IDS, TEXTS)
    assert idx.search("zebra quantum", k=5) == []
    assert idx.search("the of and", k=5) == []
    assert idx.search("", k=5) == []


def test_empty_corpus() -> None:
    idx = BM25Index.from_corpus([], [])
    assert len(idx) == 0
    assert idx.search("anything", k=3) == []


def test_stopword_only_corpus() -> None:
    idx = BM25Index.from_corpus(["a"], ["the and of"])
    assert idx.search("the", k=3) == []


def test_build_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        BM25Index.from_corpus(["a", "b"], ["one"])
    with pytest.raises(ValueError):
        BM25Index.from_corpus(["a", "a"], ["one", "two"])


def test_save_load_round_trip(tmp_path: Path) -> None:
    idx = BM25Index.from_corpus(IDS, TEXTS)
    idx.save(tmp_path / "bm25")
    loaded = BM25Index.load(tmp_path / "bm25")
    assert loaded.ids == IDS
    assert loaded.fingerprint == idx.fingerprint
    for q in ("energy prices", "interest rates", "football cup", "25"):
        got, want = loaded.search(q, k=4), idx.search(q, k=4)
        assert want and [i for i, _ in got] == [i for i, _ in want]
        assert [s for _, s in got] == pytest.approx([s for _, s in want])


def test_save_overwrites_previous_index(tmp_path: Path) -> None:
    target = tmp_path / "bm25"
    BM25Index.from_corpus(IDS, TEXTS).save(target)
    BM25Index.from_corpus(["x"], ["tennis tournament"]).save(target)
    loaded = BM25Index.load(target)
    assert loaded.ids == ["x"]
    assert loaded.search("energy", k=3) == []
    assert loaded.search("tennis", k=3)[0][0] == "x"
    # No stray temp dirs left next to the index.
    assert [p.name for p in tmp_path.iterdir()] == ["bm25"]


def test_empty_index_round_trip(tmp_path: Path) -> None:
    BM25Index.from_corpus([], []).save(tmp_path / "e")
    loaded = BM25Index.load(tmp_path / "e")
    assert len(loaded) == 0 and loaded.search("x", k=2) == []


def test_load_missing_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(VectorStoreError, match="keyword index"):
        BM25Index.load(tmp_path / "nope")
    assert BM25Index.saved_fingerprint(tmp_path / "nope") is None


def test_fingerprint_detects_staleness(tmp_path: Path) -> None:
    idx = BM25Index.from_corpus(IDS, TEXTS)
    idx.save(tmp_path / "bm25")
    saved = BM25Index.saved_fingerprint(tmp_path / "bm25")
    assert saved == fingerprint(IDS, TEXTS)
    assert BM25Index.load(tmp_path / "bm25").is_current(IDS, TEXTS)

    edited = [*TEXTS[:-1], TEXTS[-1] + " Extra sentence."]
    assert fingerprint(IDS, edited) != saved
    assert fingerprint(IDS[:-1], TEXTS[:-1]) != saved
    assert fingerprint([*IDS[:-1], "d9"], TEXTS) != saved
    assert not idx.is_current(IDS, edited)


def test_equal_scores_keep_corpus_order_when_only_the_top_k_are_sorted() -> None:
    # Six identical documents tie; the top 3 must be the first three, as a full stable sort
    # of every score would give.
    ids = [f"d{i}" for i in range(6)] + ["other"]
    texts = ["tariff talks resumed"] * 6 + ["unrelated weather report"]
    index = BM25Index.from_corpus(ids, texts)
    assert [i for i, _ in index.search("tariff", 3)] == ["d0", "d1", "d2"]
    assert [i for i, _ in index.search("tariff", 10)] == ids[:6]
