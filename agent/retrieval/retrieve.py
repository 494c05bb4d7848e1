"""Retrieve stage: hybrid search (BM25 + vectors, fused by reciprocal rank) with duplicate
suppression, so a syndicated copy never fills the top k twice."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from agent.ingest.corpus import Corpus
from agent.ingest.dedup import containment, jaccard, shingles
from agent.types import Hit
from vectorstore.errors import VectorStoreError
from vectorstore.keyword import BM25Index
from vectorstore.store import Embedder, VectorStore

RRF_K = 60  # the constant from Cormack et al. (2009); damps the influence of top ranks
CANDIDATES_PER_K = 4  # each ranker contributes this many candidates per requested hit
NEAR_DUPLICATE_JACCARD = 0.6  # chunk texts this similar are one passage told twice
# A chunk of a syndicated copy (ingest found the two articles one text) whose shingles lie
# this much inside a kept chunk of its original is that passage again, cut at other offsets
# (a copy that drops or adds a sentence shifts every chunk after it: a newcomer trial saw
# the wire story and its copy as two of the top four hits).
COPY_CONTAINMENT = 0.5


def rrf_fuse(rankings: Sequence[Sequence[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: score(d) = sum over rankings of 1 / (k + rank)."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def keyword_index(corpus: Corpus, index_dir: Path) -> BM25Index:
    """The persisted BM25 index, rebuilt only when the corpus changed since it was saved.
    The check reads the registry's stored chunk fingerprint (no record is parsed); a rebuild
    reads the chunk texts from the registry's chunk table."""
    if BM25Index.saved_fingerprint(index_dir) == corpus.chunk_fingerprint():
        try:
            return BM25Index.load(index_dir)
        except VectorStoreError:
            pass  # unreadable index: rebuild it below
    ids, texts = corpus.chunk_texts()
    index = BM25Index.from_corpus(ids, texts)
    index.save(index_dir)
    return index


class Retriever:
    def __init__(
        self,
        corpus: Corpus,
        store: VectorStore,
        embedder: Embedder,
        keywords: BM25Index,
        sentence_store: VectorStore | None = None,
    ) -> None:
        self.corpus = corpus
        self.store = store
        self.embedder = embedder
        self.keywords = keywords
        self.sentence_store = sentence_store

    def query_vector(self, query: str) -> np.ndarray:
        return np.asarray(self.embedder.embed([query])[0], dtype=np.float32)

    def similar_sentences(
        self, vec: np.ndarray, n: int, sources: Sequence[str] | None = None
    ) -> dict[str, float]:
        """Sentence id -> cosine similarity for the `n` sentences nearest to `vec`."""
        if self.sentence_store is None:
            return {}
        where = {"article_id": {"$in": list(sources)}} if sources else None
        return {
            h.id: 1.0 - float(h.distance) for h in self.sentence_store.query(vec, n, where=where)
        }

    def sentence_vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors of these sentences (reading them beats re-embedding: ~50x faster)."""
        if self.sentence_store is None or not ids:
            return {}
        return self.sentence_store.get_embeddings(ids)

    def search(
        self,
        query: str,
        k: int = 8,
        sources: Sequence[str] | None = None,
        vec: np.ndarray | None = None,
    ) -> list[Hit]:
        """Top-k chunks for `query`; `sources` restricts to those article ids."""
        n = max(k * CANDIDATES_PER_K, 20)
        where = {"article_id": {"$in": list(sources)}} if sources else None
        vec = self.query_vector(query) if vec is None else vec
        vector_hits = self.store.query(vec, n, where=where)
        vector_ranking = [h.id for h in vector_hits]
        keyword_ranking = [cid for cid, _ in self.keywords.search(query, n)]
        if sources:
            allowed = set(sources)
            keyword_ranking = [
                cid
                for cid in keyword_ranking
                if (c := self.corpus.chunk(cid)) and c.article_id in allowed
            ]
        fused = rrf_fuse([vector_ranking, keyword_ranking])
        return self._suppress_duplicates(fused, k)

    def _suppress_duplicates(self, fused: list[tuple[str, float]], k: int) -> list[Hit]:
        kept: list[tuple[Hit, set[int], str]] = []  # hit, its shingles, its duplicate group
        for chunk_id, score in fused:
            chunk = self.corpus.chunk(chunk_id)
            if chunk is None:  # the store holds a chunk the registry dropped: skip, never crash
                continue
            sh = shingles(chunk.text)
            group = self.corpus.canonical(chunk.article_id)
            twin = next((h for h, hs, g in kept if jaccard(sh, hs) >= NEAR_DUPLICATE_JACCARD
                         or (g == group and containment(sh, hs) >= COPY_CONTAINMENT)), None)
            if twin is not None:
                if chunk.article_id not in twin.also_in and chunk.article_id != twin.source:
                    twin.also_in.append(chunk.article_id)
                continue
            hit = Hit(
                chunk_id=chunk.id,
                source=chunk.article_id,
                doc_id=chunk.doc_id,
                text=chunk.text,
                start=chunk.start,
                end=chunk.end,
                score=round(score, 6),
            )
            kept.append((hit, sh, group))
            if len(kept) >= k:
                break
        return [h for h, _, _ in kept]
