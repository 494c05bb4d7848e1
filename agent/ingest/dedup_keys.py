"""The duplicate detector's per-article and per-sentence keys, kept in the registry so a
refresh can find what a change may affect (dedup_scope.py) without re-reading the corpus."""

from __future__ import annotations

import hashlib

from agent.ingest.dedup import LSH_BANDS, LSH_ROWS, MIN_DUP_SENTENCE_WORDS, minhash, shingles
from agent.text.normalize import normalize_for_match
from agent.types import Article


def article_buckets(article: Article) -> list[int]:
    """The article's LSH band buckets as 64-bit ids (band number and band values hashed), []
    for an article with no text. Two articles mark_duplicates would compare share one."""
    body = normalize_for_match(article.body)
    if not body:
        return []
    sig = minhash(shingles(body))
    out = []
    for b in range(LSH_BANDS):
        band = bytes([b]) + sig[b * LSH_ROWS : (b + 1) * LSH_ROWS].tobytes()
        digest = hashlib.blake2b(band, digest_size=8).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out


def sentence_keys(article: Article) -> list[tuple[bytes, str, int]]:
    """(normalised-text key, sentence id, position) of each sentence long enough to be marked
    as a repeat (MIN_DUP_SENTENCE_WORDS); the key is a 128-bit BLAKE2b of the normalised text."""
    out = []
    for pos, s in enumerate(article.sentences):
        norm = normalize_for_match(s.text)
        if norm.count(" ") + 1 < MIN_DUP_SENTENCE_WORDS:
            continue
        out.append((hashlib.blake2b(norm.encode("utf-8"), digest_size=16).digest(), s.id, pos))
    return out
