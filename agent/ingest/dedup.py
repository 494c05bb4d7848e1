"""Duplicate detection over articles (exact and near copies) and sentences (syndicated text).

Exact copies are found by hashing the normalised body (O(n)). Near copies are word 5-shingle
sets with Jaccard >= NEAR_DUP_THRESHOLD. To stay sub-quadratic on large corpora, each article
gets a MinHash signature (NUM_PERM permutations) split into LSH_BANDS bands; only articles
sharing a band bucket are compared, and every candidate is then confirmed with the exact
Jaccard, so LSH can only miss pairs, never invent them. With 32 bands x 4 rows a pair at
Jaccard 0.8 becomes a candidate with probability 1 - (1 - 0.8**4)**32 > 0.99999; unrelated
articles (Jaccard < 0.1) almost never collide.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict

import numpy as np

from agent.text.normalize import normalize_for_match
from agent.types import Article

NEAR_DUP_THRESHOLD = 0.8
SHINGLE_K = 5
LSH_BANDS = 32
LSH_ROWS = 4
NUM_PERM = LSH_BANDS * LSH_ROWS
# Sentences shorter than this ("He said no.") repeat by chance; they are not syndication marks.
MIN_DUP_SENTENCE_WORDS = 5

_WORD = re.compile(r"\w+")

_rng = np.random.default_rng(20240503)  # fixed seed: signatures must be stable across runs
# Multiply-shift hashing ((a*x + b) mod 2**64) >> 32 with odd a: a 2-universal family that
# needs no modulo, so one signature costs a single vectorised multiply-add-shift.
_PERM_A = _rng.integers(0, 1 << 63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_PERM_B = _rng.integers(0, 1 << 63, size=NUM_PERM, dtype=np.uint64)
_SHIFT = np.uint64(32)


def _hash32(s: str) -> int:
    # CRC32 is stable across processes (unlike hash()) and fast; 32-bit collisions between
    # the few thousand shingles of two articles are too rare to move a Jaccard score.
    return zlib.crc32(s.encode("utf-8"))


def shingles(text: str, k: int = SHINGLE_K) -> set[int]:
    """Hashes of the word k-grams of the normalised text (one shingle if it has < k words)."""
    words = _WORD.findall(normalize_for_match(text))
    if not words:
        return set()
    if len(words) < k:
        return {_hash32(" ".join(words))}
    return {_hash32(" ".join(words[i : i + k])) for i in range(len(words) - k + 1)}


def jaccard(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def minhash(sh: set[int]) -> np.ndarray:
    """MinHash signature (NUM_PERM values) of a set of shingle hashes."""
    x = np.fromiter(sh, dtype=np.uint64, count=len(sh))
    if not len(x):
        return np.zeros(NUM_PERM, dtype=np.uint64)
    with np.errstate(over="ignore"):  # wrap-around mod 2**64 is the point
        values = (np.outer(_PERM_A, x) + _PERM_B[:, None]) >> _SHIFT
    return np.asarray(values.min(axis=1))


def _bands(sig: np.ndarray) -> list[tuple[int, bytes]]:
    return [(b, sig[b * LSH_ROWS : (b + 1) * LSH_ROWS].tobytes()) for b in range(LSH_BANDS)]


def mark_duplicates(articles: list[Article]) -> list[Article]:
    """Copies of `articles` (same order) with `duplicate_of` set on exact/near duplicate
    articles (earliest in input order is canonical) and on sentences that repeat a sentence of
    an earlier non-duplicate article. Existing marks are recomputed from scratch."""
    # Shallow copies of each article and sentence are enough (only scalar fields change) and
    # several times cheaper than deep copies on large corpora.
    out = [
        a.model_copy(update={"sentences": [s.model_copy() for s in a.sentences]}) for a in articles
    ]
    by_hash: dict[str, str] = {}
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    canon_shingles: dict[int, set[int]] = {}
    seen_sentences: dict[str, str] = {}

    for i, art in enumerate(out):
        art.duplicate_of = None
        body = normalize_for_match(art.body)
        if body:
            key = hashlib.sha256(body.encode("utf-8")).hexdigest()
            art.duplicate_of = by_hash.get(key)
            sh: set[int] = set()
            sig: np.ndarray | None = None
            if art.duplicate_of is None:
                sh = shingles(body)
                sig = minhash(sh)
                art.duplicate_of = _near_duplicate(out, sh, sig, buckets, canon_shingles)
            if art.duplicate_of is None and sig is not None:
                by_hash[key] = art.id
                canon_shingles[i] = sh
                for band in _bands(sig):
                    buckets[band].append(i)

        norms = [normalize_for_match(s.text) for s in art.sentences]
        for s, norm in zip(art.sentences, norms, strict=True):
            s.duplicate_of = None
            if norm.count(" ") + 1 < MIN_DUP_SENTENCE_WORDS:
                continue
            earlier = seen_sentences.get(norm)
            if earlier is not None and not earlier.startswith(f"{art.id}:"):
                s.duplicate_of = earlier
        if art.duplicate_of is None:
            for s, norm in zip(art.sentences, norms, strict=True):
                seen_sentences.setdefault(norm, s.id)
    return out


def _near_duplicate(
    arts: list[Article],
    sh: set[int],
    sig: np.ndarray,
    buckets: dict[tuple[int, bytes], list[int]],
    canon_shingles: dict[int, set[int]],
) -> str | None:
    candidates = {j for band in _bands(sig) for j in buckets.get(band, ())}
    best: tuple[float, int] | None = None
    for j in sorted(candidates):
        score = jaccard(sh, canon_shingles[j])
        if score >= NEAR_DUP_THRESHOLD and (best is None or score > best[0]):
            best = (score, j)
    return arts[best[1]].id if best else None


def duplicate_groups(articles: list[Article]) -> list[list[str]]:
    """[[canonical, copy, ...], ...] for every canonical article that has copies, in input
    order; uses the `duplicate_of` marks already set."""
    groups: dict[str, list[str]] = {}
    for a in articles:
        if a.duplicate_of:
            groups.setdefault(a.duplicate_of, [a.duplicate_of]).append(a.id)
    return list(groups.values())
