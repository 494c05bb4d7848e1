"""Duplicate detection over articles (exact and near copies) and sentences (syndicated text).

Exact copies are found by hashing the normalised body (O(n)). Near copies: a later article is
a copy of an earlier one when their word 5-shingle sets (Broder 1997) have Jaccard >=
NEAR_DUP_THRESHOLD, or when most of the later article is contained in the earlier one
(containment, Broder's "roughly contained in"): at least CONTAINMENT_THRESHOLD of its body
sentences (of MIN_DUP_SENTENCE_WORDS words or more, normalised) are sentences of the earlier
article, and at least MIN_SHARED_SENTENCES of them. Rewritten wire copy (another byline and
date, a new first sentence, a footer, a sentence cut or added) keeps most of its sentences,
so containment stays high where Jaccard falls below 0.8; an article that quotes two
sentences of another, or a long article that takes in a short one, stays below it (the
direction matters: only the later article's share counts). Header-block lines (title,
author, date, outlet of extracted pages) are not body text and take no part.

To stay sub-quadratic on large corpora: for Jaccard, each article gets a MinHash signature
(NUM_PERM permutations) split into LSH_BANDS bands, only articles sharing a band bucket are
compared, and each is confirmed with the exact Jaccard (with 32 bands x 4 rows a pair at
Jaccard 0.8 collides with probability 1 - (1 - 0.8**4)**32 > 0.99999). For containment, an
inverted index of normalised body sentences counts the sentences each earlier article shares
with this one (a sentence already in MAX_SENTENCE_POSTINGS articles is boilerplate and
indexes no more). Both can only miss pairs, never invent them. Figures on the generator's
manifest: benchmarks/bench_dedup.py.
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
# Share of a later article's body sentences found in an earlier one that makes it a copy,
# and the fewest shared sentences that count (a one- or two-sentence fragment found in a
# longer article is quoting; such fragments are still caught as exact or Jaccard copies).
# Chosen on the generator's rewritten wire copies and related-but-independent articles
# (benchmarks/bench_dedup.py).
CONTAINMENT_THRESHOLD = 0.6
MIN_SHARED_SENTENCES = 3
MAX_SENTENCE_POSTINGS = 50
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
    index = _CanonIndex()
    seen_sentences: dict[str, str] = {}

    for i, art in enumerate(out):
        art.duplicate_of = None
        body_norms = [normalize_for_match(s.text) for s in art.body_sentences]
        body = " ".join(n for n in body_norms if n)
        if body:
            key = hashlib.sha256(body.encode("utf-8")).hexdigest()
            art.duplicate_of = by_hash.get(key)
            sh: set[int] = set()
            sig: np.ndarray | None = None
            keys = {_sentence_key(n) for n in body_norms if _long_enough(n)}
            if art.duplicate_of is None:
                sh = shingles(body)
                sig = minhash(sh)
                match = index.best_match(sh, sig, keys)
                art.duplicate_of = out[match].id if match is not None else None
            if art.duplicate_of is None and sig is not None:
                by_hash[key] = art.id
                index.add(i, sh, sig, keys)

        norms = [normalize_for_match(s.text) for s in art.sentences]
        for s, norm in zip(art.sentences, norms, strict=True):
            s.duplicate_of = None
            if not _long_enough(norm):
                continue
            earlier = seen_sentences.get(norm)
            if earlier is not None and not earlier.startswith(f"{art.id}:"):
                s.duplicate_of = earlier
        if art.duplicate_of is None:
            for s, norm in zip(art.sentences, norms, strict=True):
                seen_sentences.setdefault(norm, s.id)
    return out


def _long_enough(norm: str) -> bool:
    return norm.count(" ") + 1 >= MIN_DUP_SENTENCE_WORDS


def _sentence_key(norm: str) -> int:
    return _hash32(norm)


def similarity(a: set[int], b: set[int]) -> float:
    """Jaccard of two shingle sets (1.0 for two empty sets)."""
    shared = len(a & b)
    union = len(a) + len(b) - shared
    return shared / union if union else 1.0


class _CanonIndex:
    """Canonical (non-duplicate) articles so far: shingle sets and LSH buckets (Jaccard), and
    an inverted index of their body sentences (containment), for lookup by a later article."""

    def __init__(self) -> None:
        self.shingles: dict[int, set[int]] = {}
        self.keys: dict[int, set[int]] = {}
        self.buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
        self.sentences: dict[int, list[int]] = defaultdict(list)

    def add(self, i: int, sh: set[int], sig: np.ndarray, keys: set[int]) -> None:
        self.shingles[i] = sh
        self.keys[i] = keys
        for band in _bands(sig):
            self.buckets[band].append(i)
        for key in keys:
            postings = self.sentences[key]
            if len(postings) < MAX_SENTENCE_POSTINGS:
                postings.append(i)

    def best_match(self, sh: set[int], sig: np.ndarray, keys: set[int]) -> int | None:
        """The earlier canonical article this one copies, or None: the highest score among
        LSH candidates with Jaccard >= NEAR_DUP_THRESHOLD and articles holding at least
        CONTAINMENT_THRESHOLD of this one's body sentences (>= MIN_SHARED_SENTENCES); the
        score is the Jaccard or the containment, ties go to the earliest article. Articles
        sharing a sentence are compared on their (small) sentence sets only."""
        scores: dict[int, float] = {}
        for j in {j for band in _bands(sig) for j in self.buckets.get(band, ())}:
            jac = similarity(sh, self.shingles[j])
            if jac >= NEAR_DUP_THRESHOLD:
                scores[j] = jac
        for j in {j for key in keys for j in self.sentences.get(key, ())}:
            n = len(keys & self.keys[j])  # exact: postings may be capped
            share = n / len(keys)
            if n >= MIN_SHARED_SENTENCES and share >= CONTAINMENT_THRESHOLD:
                scores[j] = max(scores.get(j, 0.0), share)
        if not scores:
            return None
        return min(scores, key=lambda j: (-scores[j], j))


def duplicate_groups(articles: list[Article]) -> list[list[str]]:
    """[[canonical, copy, ...], ...] for every canonical article that has copies, in input
    order; uses the `duplicate_of` marks already set."""
    groups: dict[str, list[str]] = {}
    for a in articles:
        if a.duplicate_of:
            groups.setdefault(a.duplicate_of, [a.duplicate_of]).append(a.id)
    return list(groups.values())
