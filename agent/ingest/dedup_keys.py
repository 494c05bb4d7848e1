"""The duplicate detector's per-article and per-sentence keys, kept in the registry so a
refresh can find what a change may affect (dedup_scope.py) without re-reading the corpus."""

from __future__ import annotations

import hashlib

from agent.ingest.dedup import (
    LSH_BANDS,
    LSH_ROWS,
    MIN_DUP_SENTENCE_WORDS,
    body_text,
    minhash,
    sentence_key,
    sentence_norm,
    shingles,
)
from agent.types import Article

# Two articles are linked when they share at least this many of the LSH_BANDS buckets. One
# shared bucket links far more than near copies on a corpus of look-alike articles (synthetic
# news built from templates: 320 changed articles reached 10,721 of 32,306), two reach 594.
# A pair at the threshold Jaccard 0.8 shares each band with p = 0.8**4 = 0.41, so it shares
# fewer than two with probability 0.59**32 + 32 * 0.41 * 0.59**31 ~ 1.1e-6 (LSH alone misses
# it with 0.59**32 ~ 4.7e-8); only such a pair, touched by a change, could keep a stale mark.
MIN_SHARED_BUCKETS = 2


def article_buckets(article: Article) -> list[int]:
    """The article's LSH band buckets as 64-bit ids (band number and band values hashed), []
    for an article with no body text. Computed on mark_duplicates' own text (dedup.body_text:
    header-block lines left out), so two articles it would compare share one."""
    body = body_text(article)
    if not body:
        return []
    sig = minhash(shingles(body))
    out = []
    for b in range(LSH_BANDS):
        band = bytes([b]) + sig[b * LSH_ROWS : (b + 1) * LSH_ROWS].tobytes()
        digest = hashlib.blake2b(band, digest_size=8).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out


def sentence_keys(article: Article) -> list[tuple[bytes, str, int, bool]]:
    """(normalised-text key, sentence id, position, is a body sentence) of each sentence long
    enough to be marked as a repeat (MIN_DUP_SENTENCE_WORDS); the key is dedup.sentence_key
    (128-bit BLAKE2b of dedup.sentence_norm's text). Header-block lines are marked as repeats
    too but take no part in containment (body False)."""
    out = []
    for pos, s in enumerate(article.sentences):
        norm = sentence_norm(s.text)
        if norm.count(" ") + 1 < MIN_DUP_SENTENCE_WORDS:
            continue
        out.append((sentence_key(norm), s.id, pos, s.header is None))
    return out
