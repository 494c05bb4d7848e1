"""Duplicate detection over articles (exact and near copies) and sentences (syndicated text).

Exact copies are found by hashing the normalised body (O(n)). Near copies: a later article is
a copy of an earlier one when their word 5-shingle sets (Broder 1997) have Jaccard >=
NEAR_DUP_THRESHOLD, or when most of the later article is contained in the earlier one
(containment, Broder's "roughly contained in"): at least CONTAINMENT_THRESHOLD of its body
sentences (of MIN_DUP_SENTENCE_WORDS words or more, normalised) are sentences of the earlier
article, and at least MIN_SHARED_SENTENCES of them (fewer than that share when the later
article's byline credits the earlier one's outlet: `credits`). Rewritten wire copy (another
byline and date, a new first sentence, a footer, a sentence cut or added) keeps most of its
sentences, so containment stays high where Jaccard falls below 0.8; an article that quotes two
sentences of another, or a long article that takes in a short one, stays below it (the
direction matters: only the later article's share counts). Header-block lines (title,
author, date, outlet of extracted pages) are not body text and take no part.

To stay sub-quadratic on large corpora: for Jaccard, each article gets a MinHash signature
(NUM_PERM permutations) split into LSH_BANDS bands, only articles sharing a band bucket are
compared, and each is confirmed with the exact Jaccard (with 32 bands x 4 rows a pair at
Jaccard 0.8 collides with probability 1 - (1 - 0.8**4)**32 > 0.99999). For containment, an
inverted index of normalised body sentences finds the earlier articles sharing a sentence with
this one, and their shared number is then counted exactly over all body sentences. Both can
only miss pairs, never invent them. Figures on the generator's manifest:
benchmarks/bench_dedup.py.

Frequent sentences find no candidates. A body sentence held by more than MAX_SENTENCE_DF
articles of the corpus (its document frequency, copies included) is boilerplate -- an
agency's copyright footer, a newsletter line, a template sentence -- and is left out of the
inverted index; it still counts in the exact shared number of a pair found through a rarer
sentence. Without the bound, three shared footer lines made two unrelated articles
candidates, and on the 100k-chunk scale corpus (32,306 template-built articles; 106 sentences
are each in 594-1,879 articles, every other one in at most 13) the incremental refresh
(dedup_scope.py), which must follow every pair this module could compare, reached 30,000
articles from 320 changed ones and took 316 s. The bound depends on the whole corpus, not on
the order or on which articles came first (as the former cap of 50 postings per sentence
did), so a run over part of the corpus, given the corpus's frequent keys (`frequent`), finds
exactly the candidates a full run finds. What it can miss: a containment copy (not an exact
or Jaccard one) all of whose shared sentences are in more than MAX_SENTENCE_DF articles, e.g.
a rewritten wire story reprinted by more than that many outlets of one corpus.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable

import numpy as np

from agent.text.dates import publication_date
from agent.text.facts import agency_dateline, strip_dateline
from agent.text.normalize import normalize_for_match
from agent.types import Article, Document

NEAR_DUP_THRESHOLD = 0.8
# Share of a later article's body sentences found in an earlier one that makes it a copy,
# and the fewest shared sentences that count (a one- or two-sentence fragment found in a
# longer article is quoting; such fragments are still caught as exact or Jaccard copies).
# Chosen on the generator's rewritten wire copies and related-but-independent articles
# (benchmarks/bench_dedup.py).
CONTAINMENT_THRESHOLD = 0.6
MIN_SHARED_SENTENCES = 3
# A body sentence found in more than this many of the corpus's articles (its document
# frequency, copies included) is boilerplate for finding containment candidates: it never
# makes two articles candidates, though it still counts in their exact shared number. See
# the module docstring for why and for the figures.
MAX_SENTENCE_DF = 100
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


def containment(a: set[int], b: set[int]) -> float:
    """The share of shingles `a` that `b` holds, in [0, 1] (Broder 1997, "On the
    resemblance and containment of documents"); 1.0 for an empty `a`."""
    return len(a & b) / len(a) if a else 1.0


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


# The key of a dated document that is no agency's own filing: after the agency's of its day.
SAME_DAY_AFTER = "+"


def published_key(document: Document) -> str:
    """The earliest publication date of the document's articles, ISO "YYYY-MM-DD"
    (agent.text.dates.publication_date of each article's date field), followed by
    SAME_DAY_AFTER unless an article opens with an agency's wire dateline
    (agent.text.facts.agency_dateline); "" when none gives a date. Stored per document in
    the registry: it orders the corpus (`corpus_order`), so that of one day's wire and a
    paper that reprints it without the dateline, the wire is the original (a transport
    newcomer, session 60: both dated 3 March, the file names made the wire the copy)."""
    found = [d for a in document.articles if (d := publication_date(a.date)) is not None]
    if not found:
        return ""
    filed = any(agency_dateline(s.text) for a in document.articles
                for s in a.body_sentences[:1])
    return min(found).isoformat() + ("" if filed else SAME_DAY_AFTER)


def corpus_order(published: str, doc_id: str) -> tuple[bool, str, str]:
    """The sort key of a document in corpus order, the order in which `mark_duplicates`
    takes the first of a group as canonical: dated documents oldest first, then undated ones,
    each by document id. A paper of 4 March that reprints a wire of 3 March is the copy,
    whatever the files are called (a newcomer trial, session 55: "haldwick_gazette" sorted
    before "meridian_wire", and the wire was said to reprint the paper)."""
    return (published == "", published, doc_id)


def mark_duplicates(
    articles: list[Article], frequent: Collection[bytes] | None = None
) -> list[Article]:
    """Copies of `articles` (same order) with `duplicate_of` set on exact/near duplicate
    articles (earliest in input order is canonical; callers pass corpus order,
    `corpus_order`) and on sentences that repeat a sentence of an earlier non-duplicate
    article, or, in a copy, one of its original's with words cut (`mark_trimmed`). Existing
    marks are recomputed from scratch.

    `frequent`: the body sentence keys (`sentence_key`) held by more than MAX_SENTENCE_DF
    articles of the corpus; None computes them from `articles` (a whole-corpus run). The
    incremental refresh (dedup_scope.py) runs over part of the corpus and passes the corpus's
    own, so both find the same candidates."""
    if frequent is None:
        frequent = frequent_keys(body_keys(a) for a in articles)
    # Shallow copies of each article and sentence are enough (only scalar fields change) and
    # several times cheaper than deep copies on large corpora.
    out = [
        a.model_copy(update={"sentences": [s.model_copy() for s in a.sentences]}) for a in articles
    ]
    by_id = {a.id: a for a in out}
    by_hash: dict[str, str] = {}
    index = _CanonIndex(frequent)
    seen_sentences: dict[str, str] = {}

    for i, art in enumerate(out):
        art.duplicate_of = None
        body_norms = [sentence_norm(s.text) for s in art.body_sentences]
        body = " ".join(n for n in body_norms if n)
        if body:
            key = hashlib.sha256(body.encode("utf-8")).hexdigest()
            art.duplicate_of = by_hash.get(key)
            sh: set[int] = set()
            sig: np.ndarray | None = None
            keys = {sentence_key(n) for n in body_norms if _long_enough(n)}
            if art.duplicate_of is None:
                sh = shingles(body)
                sig = minhash(sh)
                match = index.best_match(sh, sig, keys, _crediting(art.byline, out))
                art.duplicate_of = out[match].id if match is not None else None
            if art.duplicate_of is None and sig is not None:
                by_hash[key] = art.id
                index.add(i, sh, sig, keys)

        norms = [sentence_norm(s.text) for s in art.sentences]
        for s, norm in zip(art.sentences, norms, strict=True):
            s.duplicate_of = None
            if not _long_enough(norm):
                continue
            earlier = seen_sentences.get(norm)
            if earlier is not None and not earlier.startswith(f"{art.id}:"):
                s.duplicate_of = earlier
        if art.duplicate_of is not None:
            mark_trimmed(art, by_id[art.duplicate_of])
        else:
            for s, norm in zip(art.sentences, norms, strict=True):
                seen_sentences.setdefault(norm, s.id)
    return out


def mark_trimmed(copy: Article, original: Article) -> None:
    """Mark each body sentence of `copy` (an article found to be a copy of `original`) that
    is a sentence of `original` with words cut, no word added or changed, as that sentence's
    duplicate: a reprint that trims the wire's clauses ("The gondola, built in 1998, carried
    1.2 million passengers last season." of "..., making it one of the busiest lifts in the
    region.") reports nothing of its own, and was counted as a second outlet (a newcomer's
    syndicated copy, session 69). A sentence with a word of its own, or a figure or name
    changed, stays the copy's reporting (`Sentence.duplicate_of` None)."""
    theirs = [(s.id, set(_WORD.findall(sentence_norm(s.text)))) for s in original.body_sentences]
    for s in copy.body_sentences:
        norm = sentence_norm(s.text)
        if s.duplicate_of is not None or not _long_enough(norm):
            continue
        mine = set(_WORD.findall(norm))
        s.duplicate_of = next((sid for sid, words in theirs if mine <= words), None)


def body_text(article: Article) -> str:
    """The normalised body (header-block lines left out) that the exact hash and the
    shingles are computed on; "" for an article with no body text."""
    return " ".join(n for n in (sentence_norm(s.text) for s in article.body_sentences) if n)


def body_keys(article: Article) -> set[bytes]:
    """The `sentence_key`s of the article's body sentences long enough to count
    (MIN_DUP_SENTENCE_WORDS): the sets containment compares."""
    norms = (sentence_norm(s.text) for s in article.body_sentences)
    return {sentence_key(n) for n in norms if _long_enough(n)}


def frequent_keys(key_sets: Iterable[set[bytes]]) -> set[bytes]:
    """The keys found in more than MAX_SENTENCE_DF of these sets (one set per article)."""
    df: Counter[bytes] = Counter()
    for keys in key_sets:
        df.update(keys)
    return {k for k, n in df.items() if n > MAX_SENTENCE_DF}


def credits(byline: str | None, outlet: str | None) -> bool:
    """Whether a byline credits `outlet` ("By Hal Ingersby, Meridian Press Agency"): a paper
    printing a wire's report with its own edits, a copy though under CONTAINMENT_THRESHOLD
    of its sentences are the wire's word for word (a newcomer's paper: 7 of 12)."""
    if not byline or not outlet or len(outlet) < 4:
        return False
    return re.search(rf"\b{re.escape(outlet.strip())}\b", byline, re.IGNORECASE) is not None


def _crediting(byline: str | None, articles: list[Article]) -> Callable[[int], bool]:
    """Whether the article at an index of `articles` is the one `byline` credits."""
    return lambda j: credits(byline, articles[j].outlet)


def contained(shared: int, n_keys: int) -> bool:
    """True when an article with `n_keys` body keys, `shared` of them found in another, is a
    containment copy of it: at least MIN_SHARED_SENTENCES and CONTAINMENT_THRESHOLD of them."""
    return shared >= MIN_SHARED_SENTENCES and shared / n_keys >= CONTAINMENT_THRESHOLD


def sentence_norm(text: str) -> str:
    """The text sentences and bodies are compared by: normalised (normalize_for_match) and
    without a leading wire dateline, which a reprint often drops (a newcomer trial: a science
    desk printed the wire's "CORLEIGH, England, March 3 (BNA) - About 2,000 fish have been
    killed ..." as "About 2,000 fish have been killed ...", and was not seen as a copy)."""
    return normalize_for_match(strip_dateline(text))


def _long_enough(norm: str) -> bool:
    return norm.count(" ") + 1 >= MIN_DUP_SENTENCE_WORDS


def sentence_key(norm: str) -> bytes:
    """The key of a normalised sentence: its 128-bit BLAKE2b (the registry stores the same)."""
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=16).digest()


def similarity(a: set[int], b: set[int]) -> float:
    """Jaccard of two shingle sets (1.0 for two empty sets)."""
    shared = len(a & b)
    union = len(a) + len(b) - shared
    return shared / union if union else 1.0


class _CanonIndex:
    """Canonical (non-duplicate) articles so far: shingle sets and LSH buckets (Jaccard), and
    an inverted index of their body sentences (containment), for lookup by a later article."""

    def __init__(self, frequent: Collection[bytes]) -> None:
        self.frequent = frequent
        self.shingles: dict[int, set[int]] = {}
        self.keys: dict[int, set[bytes]] = {}
        self.buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
        self.sentences: dict[bytes, list[int]] = defaultdict(list)

    def add(self, i: int, sh: set[int], sig: np.ndarray, keys: set[bytes]) -> None:
        self.shingles[i] = sh
        self.keys[i] = keys
        for band in _bands(sig):
            self.buckets[band].append(i)
        for key in keys:
            if key not in self.frequent:  # a posting list holds <= MAX_SENTENCE_DF articles
                self.sentences[key].append(i)

    def best_match(self, sh: set[int], sig: np.ndarray, keys: set[bytes],
                   credited: Callable[[int], bool] = lambda j: False) -> int | None:
        """The earlier canonical article this one copies, or None: the highest score among
        LSH candidates with Jaccard >= NEAR_DUP_THRESHOLD and articles holding at least
        CONTAINMENT_THRESHOLD of this one's body sentences (>= MIN_SHARED_SENTENCES); the
        score is the Jaccard or the containment, ties go to the earliest article. Articles
        sharing a sentence that is not frequent are compared on their (small) sentence sets,
        all of their sentences counted."""
        scores: dict[int, float] = {}
        for j in {j for band in _bands(sig) for j in self.buckets.get(band, ())}:
            jac = similarity(sh, self.shingles[j])
            if jac >= NEAR_DUP_THRESHOLD:
                scores[j] = jac
        for j in {j for key in keys for j in self.sentences.get(key, ())}:
            n = len(keys & self.keys[j])  # exact: frequent sentences count too
            if contained(n, len(keys)) or (n >= MIN_SHARED_SENTENCES and credited(j)):
                scores[j] = max(scores.get(j, 0.0), n / len(keys))
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


def reprinted_from(article: Article) -> dict[str, int]:
    """How many of `article`'s sentences it prints word for word from each earlier article
    (article id -> sentences, by the sentence marks `mark_duplicates` set): a partial copy,
    a local paper reprinting a wire's paragraphs, which is no copy of the whole."""
    found = Counter(s.duplicate_of.rsplit(":", 1)[0] for s in article.sentences
                    if s.duplicate_of)
    return dict(found)
