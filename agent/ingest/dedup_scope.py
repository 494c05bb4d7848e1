"""Which articles a duplicate refresh must look at, so a re-ingest touches only what changed.

`mark_duplicates` (dedup.py) is order-dependent: the earliest article (document id, then
article order) of a group is canonical, and a sentence repeats the first occurrence in an
earlier canonical article. Re-running it over the whole corpus on every change cost 33 s at
100k chunks. Here the registry keeps each article's LSH band buckets and each long sentence's
normalised-text key, and a refresh recomputes:

- article marks for the closure, under "shares LSH buckets" (MIN_SHARED_BUCKETS of them), of
  the articles changed since the last refresh (their old versions' bucket-mates included).
  mark_duplicates only marks articles that share a bucket and have Jaccard >= 0.8 (exact
  copies share all buckets), so an article's mark depends on its closure alone, and running
  mark_duplicates over the closure in corpus order gives the marks of a full run (see
  MIN_SHARED_BUCKETS for the one-in-a-million pair for which this is not certain);
- sentence marks for every sentence whose key occurs in that closure or in a changed
  article's old version, by the same rule, over all occurrences of those keys.

The result equals a full `mark_duplicates` run (tests/test_dedup_scope.py checks it against
one after random changes). The keys are computed with dedup.py's own `shingles` and `minhash`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from agent.ingest.dedup import MIN_SHARED_SENTENCES, mark_duplicates
from agent.ingest.registry_db import chunked

if TYPE_CHECKING:
    from agent.ingest.corpus import Corpus


# Two articles are linked when they share at least this many of the LSH_BANDS buckets. One
# shared bucket links far more than near copies on a corpus of look-alike articles (synthetic
# news built from templates: 320 changed articles reached 10,721 of 32,306), two reach 594.
# A pair at the threshold Jaccard 0.8 shares each band with p = 0.8**4 = 0.41, so it shares
# fewer than two with probability 0.59**32 + 32 * 0.41 * 0.59**31 ~ 1.1e-6 (LSH alone misses
# it with 0.59**32 ~ 4.7e-8); only such a pair, touched by a change, could keep a stale mark.
MIN_SHARED_BUCKETS = 2


def _closure(corpus: Corpus, seeds: list[str]) -> set[str]:
    """Articles reachable from `seeds` through pairs sharing MIN_SHARED_BUCKETS buckets or
    MIN_SHARED_SENTENCES sentences (the two ways mark_duplicates can link a pair)."""
    conn = corpus.connection()
    scope = set(seeds)
    frontier = list(seeds)
    while frontier:
        found: set[str] = set()
        for batch in chunked(frontier):
            marks = ",".join("?" * len(batch))
            found.update(
                r[0]
                for r in conn.execute(
                    "SELECT b2.article_id FROM dedup_bands b1 "
                    "JOIN dedup_bands b2 ON b1.bucket = b2.bucket "
                    f"WHERE b1.article_id IN ({marks}) "
                    "GROUP BY b1.article_id, b2.article_id HAVING count(*) >= ?",
                    [*batch, MIN_SHARED_BUCKETS],
                )
            )
            # A containment copy (dedup.py) shares MIN_SHARED_SENTENCES sentences or more
            # with its original, whatever their buckets.
            found.update(
                r[0]
                for r in conn.execute(
                    "SELECT k2.article_id FROM sentence_keys k1 "
                    "JOIN sentence_keys k2 ON k1.norm_key = k2.norm_key "
                    f"WHERE k1.article_id IN ({marks}) "
                    "GROUP BY k1.article_id, k2.article_id "
                    "HAVING count(DISTINCT k1.norm_key) >= ?",
                    [*batch, MIN_SHARED_SENTENCES],
                )
            )
        frontier = sorted(found - scope)
        scope |= found
    return scope


def _sentence_marks(corpus: Corpus, norm_keys: set[bytes]) -> dict[str, str | None]:
    """sentence id -> mark, for every occurrence of these keys whose stored mark is wrong.
    A sentence repeats the first occurrence of its key in a canonical article strictly
    before its own (corpus order), as in mark_duplicates."""
    conn = corpus.connection()
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS scope_norms (norm_key BLOB PRIMARY KEY)")
    conn.execute("DELETE FROM scope_norms")
    conn.executemany("INSERT OR IGNORE INTO scope_norms VALUES (?)", [(k,) for k in norm_keys])
    groups: dict[bytes, list[tuple[str, int, int, str, str, str | None, str | None]]]
    groups = defaultdict(list)
    for key, sid, aid, doc, ordinal, pos, art_dup, sent_dup in conn.execute(
        "SELECT k.norm_key, k.sentence_id, k.article_id, k.doc_id, a.ord, k.pos, "
        "a.duplicate_of, k.duplicate_of FROM sentence_keys k "
        "JOIN articles a ON a.article_id = k.article_id "
        "WHERE k.norm_key IN (SELECT norm_key FROM scope_norms)"
    ):
        groups[key].append((doc, ordinal, pos, aid, sid, art_dup, sent_dup))
    conn.execute("DELETE FROM scope_norms")
    changes: dict[str, str | None] = {}
    for occurrences in groups.values():
        occurrences.sort(key=lambda o: (o[0], o[1], o[2]))
        first: str | None = None  # first occurrence in a canonical article seen so far
        candidate: str | None = None  # the current article's own first occurrence
        current: str | None = None
        for _doc, _ord, _pos, aid, sid, art_dup, sent_dup in occurrences:
            if aid != current:
                if first is None and candidate is not None:
                    first = candidate
                current, candidate = aid, None
            if sent_dup != first:
                changes[sid] = first
            if art_dup is None and candidate is None:
                candidate = sid
    return changes


def refresh_duplicates(corpus: Corpus) -> int:
    """Bring the duplicate marks up to date after puts/removes (in the corpus's open write
    transaction; the caller saves). Returns how many articles were re-marked (the scope)."""
    read = corpus.connection()
    seeds = [
        r[0]
        for r in read.execute(
            "SELECT p.article_id FROM dedup_pending p JOIN articles a USING (article_id)"
        )
    ]
    pending_norms = read.execute("SELECT count(*) FROM dedup_pending_norms").fetchone()[0]
    if not seeds and not pending_norms:
        if read.execute("SELECT 1 FROM dedup_pending LIMIT 1").fetchone():
            corpus.write_connection().execute("DELETE FROM dedup_pending")  # removed since
        return 0  # nothing pending: no write transaction is opened
    conn = corpus.write_connection()
    scope = _closure(corpus, seeds)
    articles = corpus.articles_in_order(scope)
    marked = mark_duplicates(articles)
    article_marks = {
        a.id: a.duplicate_of
        for a, old in zip(marked, articles, strict=True)
        if a.duplicate_of != old.duplicate_of
    }
    conn.executemany(  # before the sentence marks, which read them
        "UPDATE articles SET duplicate_of = ? WHERE article_id = ?",
        [(dup, aid) for aid, dup in article_marks.items()],
    )
    norm_keys = {r[0] for r in conn.execute("SELECT norm_key FROM dedup_pending_norms")}
    for batch in chunked(sorted(scope)):
        marks = ",".join("?" * len(batch))
        norm_keys.update(
            r[0]
            for r in conn.execute(
                f"SELECT norm_key FROM sentence_keys WHERE article_id IN ({marks})", batch
            )
        )
    sentence_marks = _sentence_marks(corpus, norm_keys)
    corpus.apply_marks(article_marks, sentence_marks)
    conn.execute("DELETE FROM dedup_pending")
    conn.execute("DELETE FROM dedup_pending_norms")
    return len(scope)
