"""Which articles a duplicate refresh must look at, so a re-ingest touches only what changed.

`mark_duplicates` (dedup.py) is order-dependent: the earliest article (corpus order,
dedup.corpus_order: publication date, document id; then article order) of a group is
canonical, and a sentence repeats the first occurrence in an earlier canonical article.
Re-running it over the whole corpus on every change cost 33 s at
100k chunks. Here the registry keeps each article's LSH band buckets, each long sentence's
normalised-text key and each body key's document frequency (dedup_index.py), and a refresh
recomputes:

- article marks for the closure of the articles changed since the last refresh (with what
  their old versions were linked to, and the holders of a key whose frequency crossed
  MAX_SENTENCE_DF) under the relation "linked": sharing MIN_SHARED_BUCKETS LSH buckets, or
  sharing a body key that is not frequent and passing the containment test in either
  direction. mark_duplicates only marks a pair that is linked (a Jaccard copy shares a
  bucket, an exact copy all of them; a containment copy is found through a key that is not
  frequent), so an article's mark depends on its closure alone, and running mark_duplicates
  over the closure in corpus order, with the corpus's frequent keys, gives the marks of a
  full run (see MIN_SHARED_BUCKETS for the one-in-a-million pair for which this is not
  certain);
- sentence marks for every sentence whose key occurs in that closure or in a changed
  article's old version, by the same rule, over all occurrences of those keys.

Why the containment link is the exact test through rare keys, not "shares
MIN_SHARED_SENTENCES keys": on the 100k-chunk scale corpus (32,306 template-built articles)
sentences repeat across hundreds of articles, and 320 changed articles reached ~30,000 that
way (refresh 316 s of a 329 s re-ingest). Keeping the exact test but joining over every key
reached ~1,534 articles and cost ~20 ms per article in the join over frequent keys (427 s).
With frequent keys finding no candidates in mark_duplicates as well, candidates come from
keys of <= MAX_SENTENCE_DF postings: measured on that corpus with 319 documents re-put (504
articles queued), the closure is 594 articles in 0.4 s and the whole refresh 1.4 s; the 1%
re-ingest's dedup_refresh stage takes 1.4 s (benchmarks/results/scale-2026-11-30-registry/s8).

The result equals a full `mark_duplicates` run (tests/test_dedup_scope.py checks it against
one after random changes, with and without boilerplate crossing the bound). A registry whose
marks were made under another rule (a migrated one) is re-marked whole once
(dedup_index.REMARK_ALL: 38 s at 100k chunks).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from agent.ingest import dedup
from agent.ingest.dedup_index import REMARK_ALL, contained_pairs
from agent.ingest.dedup_keys import MIN_SHARED_BUCKETS
from agent.ingest.registry_db import chunked

if TYPE_CHECKING:
    import sqlite3

    from agent.ingest.corpus import Corpus
    from agent.types import Article


def _closure(corpus: Corpus, seeds: list[str]) -> set[str]:
    """Articles reachable from `seeds` through linked pairs: sharing MIN_SHARED_BUCKETS LSH
    buckets, or sharing a body key that is not frequent (sentence_df <= MAX_SENTENCE_DF) and
    passing the containment test (dedup.contained, all body keys counted) in either direction
    -- the ways mark_duplicates can compare a pair and find a copy."""
    conn = corpus.connection()
    keys: dict[str, set[bytes]] = {}  # body keys of the articles looked at
    scope = set(seeds)
    frontier = sorted(seeds)
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
            # Candidates through keys of <= MAX_SENTENCE_DF postings each: a short join.
            pairs = {
                (a, b)
                for a, b in conn.execute(
                    "SELECT DISTINCT k1.article_id, k2.article_id FROM sentence_keys k1 "
                    "JOIN sentence_df d ON d.norm_key = k1.norm_key "
                    "JOIN sentence_keys k2 ON k2.norm_key = k1.norm_key "
                    f"WHERE k1.article_id IN ({marks}) AND k1.body AND d.df <= ? AND k2.body",
                    [*batch, dedup.MAX_SENTENCE_DF],
                )
                if a != b and b not in scope and b not in found
            }
            found |= contained_pairs(conn, pairs, keys)
        frontier = sorted(found - scope)
        scope |= found
    return scope


def _frequent(conn: sqlite3.Connection, articles: list[str]) -> set[bytes]:
    """The body keys of these articles held by more than MAX_SENTENCE_DF of the corpus's."""
    out: set[bytes] = set()
    for batch in chunked(articles):
        marks = ",".join("?" * len(batch))
        out.update(
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT k.norm_key FROM sentence_keys k "
                "JOIN sentence_df d ON d.norm_key = k.norm_key "
                f"WHERE k.article_id IN ({marks}) AND k.body AND d.df > ?",
                [*batch, dedup.MAX_SENTENCE_DF],
            )
        )
    return out


def _sentence_marks(corpus: Corpus, norm_keys: set[bytes]) -> dict[str, str | None]:
    """sentence id -> mark, for every occurrence of these keys whose stored mark is wrong.
    A sentence repeats the first occurrence of its key in a canonical article strictly
    before its own (corpus order), as in mark_duplicates."""
    conn = corpus.connection()
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS scope_norms (norm_key BLOB PRIMARY KEY)")
    conn.execute("DELETE FROM scope_norms")
    conn.executemany("INSERT OR IGNORE INTO scope_norms VALUES (?)", [(k,) for k in norm_keys])
    groups: dict[bytes, list[tuple[tuple[bool, str, str], int, int, str, str, str | None,
                                   str | None]]]
    groups = defaultdict(list)
    for key, sid, aid, doc, published, ordinal, pos, art_dup, sent_dup in conn.execute(
        "SELECT k.norm_key, k.sentence_id, k.article_id, k.doc_id, d.published, a.ord, k.pos, "
        "a.duplicate_of, k.duplicate_of FROM sentence_keys k "
        "JOIN articles a ON a.article_id = k.article_id "
        "JOIN documents d ON d.doc_id = k.doc_id "
        "WHERE k.norm_key IN (SELECT norm_key FROM scope_norms)"
    ):
        order = dedup.corpus_order(published, doc)
        groups[key].append((order, ordinal, pos, aid, sid, art_dup, sent_dup))
    conn.execute("DELETE FROM scope_norms")
    changes: dict[str, str | None] = {}
    for occurrences in groups.values():
        occurrences.sort(key=lambda o: (o[0], o[1], o[2]))
        first: str | None = None  # first occurrence in a canonical article seen so far
        candidate: str | None = None  # the current article's own first occurrence
        current: str | None = None
        for _order, _ord, _pos, aid, sid, art_dup, sent_dup in occurrences:
            if aid != current:
                if first is None and candidate is not None:
                    first = candidate
                current, candidate = aid, None
            if sent_dup != first:
                changes[sid] = first
            if art_dup is None and candidate is None:
                candidate = sid
    return changes


def _trimmed_marks(conn: sqlite3.Connection, marked: list[Article],
                   exact: dict[str, str | None]) -> dict[str, str | None]:
    """`exact` (sentence id -> mark, the changes `_sentence_marks` finds by sentence keys)
    with the marks of the copies' sentences that are their originals' with words cut
    (dedup.mark_trimmed, set by the `marked` run): no key of theirs is shared, so only that
    run sees them. Only changes against the stored marks are returned."""
    out = dict(exact)
    for a in marked:
        if a.duplicate_of is None:
            continue
        stored: dict[str, str | None] = dict(conn.execute(
            "SELECT sentence_id, duplicate_of FROM sentence_keys WHERE article_id = ?", (a.id,)))
        for s in a.body_sentences:
            if s.id not in stored:  # too short to be keyed, and never marked
                continue
            final = out.get(s.id, stored[s.id]) or s.duplicate_of
            if final != stored[s.id]:
                out[s.id] = final
            else:
                out.pop(s.id, None)
    return out


def refresh_duplicates(corpus: Corpus) -> int:
    """Bring the duplicate marks up to date after puts/removes (in the corpus's open write
    transaction; the caller saves). Returns how many articles were re-marked (the scope)."""
    read = corpus.connection()
    remark_all = read.execute("SELECT 1 FROM meta WHERE key = ?", (REMARK_ALL,)).fetchone()
    seeds = [
        r[0]
        for r in read.execute(
            "SELECT p.article_id FROM dedup_pending p JOIN articles a USING (article_id)"
        )
    ]
    pending_norms = read.execute("SELECT count(*) FROM dedup_pending_norms").fetchone()[0]
    if remark_all:  # the rule changed (a migrated registry): every article
        seeds = [r[0] for r in read.execute("SELECT article_id FROM articles")]
    if not seeds and not pending_norms:
        if read.execute("SELECT 1 FROM dedup_pending LIMIT 1").fetchone():
            corpus.write_connection().execute("DELETE FROM dedup_pending")  # removed since
        if remark_all:  # an empty registry
            corpus.write_connection().execute("DELETE FROM meta WHERE key = ?", (REMARK_ALL,))
        return 0  # nothing pending: no write transaction is opened
    conn = corpus.write_connection()
    scope = set(seeds) if remark_all else _closure(corpus, seeds)
    articles = corpus.articles_in_order(scope)
    marked = dedup.mark_duplicates(articles, _frequent(conn, sorted(scope)))
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
    sentence_marks = _trimmed_marks(conn, marked, _sentence_marks(corpus, norm_keys))
    corpus.apply_marks(article_marks, sentence_marks)
    conn.execute("DELETE FROM dedup_pending")
    conn.execute("DELETE FROM dedup_pending_norms")
    conn.execute("DELETE FROM meta WHERE key = ?", (REMARK_ALL,))
    return len(scope)
