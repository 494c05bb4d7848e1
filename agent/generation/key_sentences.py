"""An article's key sentences: the most central ones, a news lead favoured. They are what a
per-article summary is written from (agent.generation.summarize) and what each outlet
brings to the story's clusters."""

from __future__ import annotations

import numpy as np

from agent.retrieval.evidence import MIN_SENTENCE_CHARS
from agent.text.normalize import normalize_for_match
from agent.types import Article, Sentence
from vectorstore.store import Embedder

MAX_ARTICLE_SENTENCES = 8  # labelled sentences shown per article prompt
NEAR_DUPLICATE_SIM = 0.92
LEAD_BONUS = (0.15, 0.1, 0.05)  # news leads carry the main point


def _usable(s: Sentence) -> bool:
    # Fragments (bylines, "Quick Takes", dates) carry no summary content.
    return len(s.text) >= MIN_SENTENCE_CHARS and len(s.text.split()) >= 6


def key_sentences(
    article: Article, embedder: Embedder, k: int = MAX_ARTICLE_SENTENCES
) -> list[tuple[Sentence, float]]:
    """The article's most central sentences (similarity to the article centroid + a lead
    bonus), near-duplicates skipped, returned in article order with their scores."""
    seen: set[str] = set()
    cands: list[Sentence] = []
    for s in article.sentences:
        norm = normalize_for_match(s.text)
        if _usable(s) and norm not in seen:
            seen.add(norm)
            cands.append(s)
    if not cands:
        return []
    vecs = embedder.embed([s.text for s in cands])
    centroid = vecs.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    scores = vecs @ centroid
    for i, bonus in enumerate(LEAD_BONUS[: len(cands)]):
        scores[i] += bonus
    picked: list[int] = []
    for i in np.argsort(-scores, kind="stable"):
        if len(picked) >= k:
            break
        if any(float(vecs[i] @ vecs[j]) >= NEAR_DUPLICATE_SIM for j in picked):
            continue
        picked.append(int(i))
    return [(cands[i], float(scores[i])) for i in sorted(picked)]
