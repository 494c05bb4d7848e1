"""Upkeep of the duplicate detector's tables in the registry (registry_db.py): each article's
LSH buckets, each long sentence's key (with a body flag), and each body key's document
frequency, `sentence_df` (in how many articles it is a body sentence). A refresh
(dedup_scope.py) reads them to find what a change can affect.

A body key held by more than dedup.MAX_SENTENCE_DF articles is frequent: it links no
containment candidates (dedup.py). When a put or remove moves a key's frequency across that
bound, the pairs it links change, so every article holding it (at most MAX_SENTENCE_DF + 1)
is queued for the next refresh. A removed document queues the articles its old version was
linked to (dedup_scope.py's relation): those sharing MIN_SHARED_BUCKETS buckets, or a key that
was not frequent and passing the containment test with it in either direction.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from pydantic import ValidationError

from agent.ingest import dedup
from agent.ingest.dedup_keys import MIN_SHARED_BUCKETS, article_buckets, sentence_keys
from agent.ingest.records import DocumentRecord
from agent.text.facts import strip_dateline
from agent.types import Article, Document

# Version 2 added sentence_keys.body and sentence_df (see migrate_v1); version 3 keys and
# buckets leave a leading wire dateline out (see migrate_v2).
TABLES = """
CREATE TABLE IF NOT EXISTS dedup_bands (
    bucket INTEGER NOT NULL, article_id TEXT NOT NULL, doc_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS dedup_bands_bucket ON dedup_bands(bucket);
CREATE INDEX IF NOT EXISTS dedup_bands_article ON dedup_bands(article_id);
CREATE INDEX IF NOT EXISTS dedup_bands_doc ON dedup_bands(doc_id);
CREATE TABLE IF NOT EXISTS sentence_keys (
    norm_key BLOB NOT NULL, sentence_id TEXT PRIMARY KEY, article_id TEXT NOT NULL,
    doc_id TEXT NOT NULL, pos INTEGER NOT NULL, duplicate_of TEXT,
    body INTEGER NOT NULL DEFAULT 1);
CREATE INDEX IF NOT EXISTS sentence_keys_norm ON sentence_keys(norm_key);
CREATE INDEX IF NOT EXISTS sentence_keys_article ON sentence_keys(article_id);
CREATE INDEX IF NOT EXISTS sentence_keys_doc ON sentence_keys(doc_id);
CREATE TABLE IF NOT EXISTS sentence_df (norm_key BLOB PRIMARY KEY, df INTEGER NOT NULL);
-- what the next duplicate refresh must look at (kept across a crash)
CREATE TABLE IF NOT EXISTS dedup_pending (article_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS dedup_pending_norms (norm_key BLOB PRIMARY KEY);
"""
# meta key set when every article must be re-marked at the next refresh (the rule changed)
REMARK_ALL = "dedup_remark_all"


def remark_all_later(conn: sqlite3.Connection) -> None:
    """Have the next refresh (agent.ingest.dedup_scope) re-mark every article, in the
    caller's open transaction: the duplicate rule or the corpus order changed."""
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", (REMARK_ALL,))


def _queue_holders(conn: sqlite3.Connection, keys: list[bytes]) -> None:
    for key in keys:
        conn.execute(
            "INSERT OR IGNORE INTO dedup_pending "
            "SELECT DISTINCT article_id FROM sentence_keys WHERE norm_key = ? AND body",
            (key,),
        )


def insert_keys(conn: sqlite3.Connection, doc: Document) -> None:
    """Write a document's buckets and sentence keys, count its body keys in sentence_df, and
    queue the holders of every key this makes frequent."""
    counts: Counter[bytes] = Counter()  # per body key, how many of the articles hold it
    for a in doc.articles:
        keys = _insert_article_keys(conn, a, doc.id)
        counts.update({k for k, _sid, _pos, body in keys if body})
    conn.executemany(
        "INSERT INTO sentence_df VALUES (?, ?) "
        "ON CONFLICT (norm_key) DO UPDATE SET df = df + excluded.df",
        list(counts.items()),
    )
    bound = dedup.MAX_SENTENCE_DF
    crossed = [k for k, n in _frequencies(conn, list(counts)).items() if n > bound >= n - counts[k]]
    _queue_holders(conn, crossed)


def _insert_buckets(conn: sqlite3.Connection, a: Article, doc_id: str) -> None:
    conn.executemany(
        "INSERT INTO dedup_bands VALUES (?, ?, ?)",
        [(b, a.id, doc_id) for b in dict.fromkeys(article_buckets(a))],
    )


def _insert_article_keys(conn: sqlite3.Connection, a: Article,
                         doc_id: str) -> list[tuple[bytes, str, int, bool]]:
    """Write an article's buckets and sentence keys; its keys (`sentence_keys`)."""
    _insert_buckets(conn, a, doc_id)
    keys = sentence_keys(a)
    sents = {s.id: s for s in a.sentences}
    conn.executemany(
        "INSERT INTO sentence_keys VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(k, sid, a.id, doc_id, pos, sents[sid].duplicate_of, int(body))
         for k, sid, pos, body in keys],
    )
    return keys


def _count_sentence_df(conn: sqlite3.Connection) -> None:
    """Fill an empty sentence_df from sentence_keys (a migration's recount)."""
    conn.execute(
        "INSERT INTO sentence_df SELECT norm_key, count(DISTINCT article_id) "
        "FROM sentence_keys WHERE body GROUP BY norm_key"
    )


def forget_keys(conn: sqlite3.Connection, doc_id: str) -> None:
    """Before a document's rows are dropped: queue the articles its old version was linked
    to (MIN_SHARED_BUCKETS shared buckets, or the containment test passed through a key that
    was not frequent), uncount its body keys (queueing every holder of a key that stops
    being frequent), and queue its sentence keys for the sentence marks."""
    conn.execute(
        "INSERT OR IGNORE INTO dedup_pending SELECT b2.article_id "
        "FROM dedup_bands b1 JOIN dedup_bands b2 ON b1.bucket = b2.bucket "
        "WHERE b1.doc_id = ? GROUP BY b1.article_id, b2.article_id HAVING count(*) >= ?",
        (doc_id, MIN_SHARED_BUCKETS),
    )
    bound = dedup.MAX_SENTENCE_DF
    pairs = set(
        conn.execute(
            "SELECT DISTINCT k1.article_id, k2.article_id FROM sentence_keys k1 "
            "JOIN sentence_df d ON d.norm_key = k1.norm_key "
            "JOIN sentence_keys k2 ON k2.norm_key = k1.norm_key "
            "WHERE k1.doc_id = ? AND k1.body AND d.df <= ? AND k2.body",
            (doc_id, bound),
        ).fetchall()
    )
    conn.executemany(
        "INSERT OR IGNORE INTO dedup_pending VALUES (?)",
        [(b,) for b in contained_pairs(conn, pairs, {})],
    )
    counts = dict(
        conn.execute(
            "SELECT norm_key, count(DISTINCT article_id) FROM sentence_keys "
            "WHERE doc_id = ? AND body GROUP BY norm_key",
            (doc_id,),
        ).fetchall()
    )
    conn.executemany(
        "UPDATE sentence_df SET df = df - ? WHERE norm_key = ?",
        [(n, k) for k, n in counts.items()],
    )
    after = _frequencies(conn, list(counts))
    _queue_holders(conn, [k for k, n in after.items() if n <= bound < n + counts[k]])
    conn.executemany(
        "DELETE FROM sentence_df WHERE norm_key = ? AND df <= 0", [(k,) for k in counts]
    )
    conn.execute(
        "INSERT OR IGNORE INTO dedup_pending_norms "
        "SELECT norm_key FROM sentence_keys WHERE doc_id = ?",
        (doc_id,),
    )


def contained_pairs(
    conn: sqlite3.Connection, pairs: set[tuple[str, str]], keys: dict[str, set[bytes]]
) -> set[str]:
    """The second articles of the (article id, article id) pairs that pass the containment
    test (dedup.contained) in either direction, all body keys counted; `keys` caches body
    key sets (article id -> keys) and is filled as needed."""
    wanted = sorted({x for pair in pairs for x in pair} - keys.keys())
    for i in range(0, len(wanted), 500):
        batch = wanted[i : i + 500]
        for aid in batch:
            keys[aid] = set()
        marks = ",".join("?" * len(batch))
        for aid, key in conn.execute(
            f"SELECT article_id, norm_key FROM sentence_keys WHERE article_id IN ({marks}) "
            "AND body",
            batch,
        ):
            keys[aid].add(key)
    out = set()
    for a, b in pairs:
        n = len(keys[a] & keys[b])
        if a != b and (dedup.contained(n, len(keys[a])) or dedup.contained(n, len(keys[b]))):
            out.add(b)
    return out


def _frequencies(conn: sqlite3.Connection, keys: list[bytes]) -> dict[bytes, int]:
    out: dict[bytes, int] = {}
    for i in range(0, len(keys), 500):
        batch = keys[i : i + 500]
        marks = ",".join("?" * len(batch))
        out.update(
            conn.execute(
                f"SELECT norm_key, df FROM sentence_df WHERE norm_key IN ({marks})", batch
            ).fetchall()
        )
    return out


def migrate_v1(conn: sqlite3.Connection) -> None:
    """Schema 1 -> 2 in the open transaction, from what the registry stores (no re-ingest):
    sentence_keys gets its body flag (header-block lines read from the stored records), the
    buckets of articles with header lines are recomputed without them (version 1 hashed the
    whole text, mark_duplicates does not), sentence_df is counted, and every article is
    re-marked at the next refresh (the marks were made under the posting-cap rule)."""
    conn.execute("ALTER TABLE sentence_keys ADD COLUMN body INTEGER NOT NULL DEFAULT 1")
    conn.execute("CREATE TABLE sentence_df (norm_key BLOB PRIMARY KEY, df INTEGER NOT NULL)")
    for doc_id, raw in conn.execute(
        'SELECT doc_id, record FROM documents WHERE record LIKE \'%"header":"%\''
    ).fetchall():
        try:
            doc = DocumentRecord.model_validate_json(raw).document
        except (ValidationError, ValueError):
            continue  # reading the record reports it; its keys stay as they were
        conn.executemany(
            "UPDATE sentence_keys SET body = 0 WHERE sentence_id = ?",
            [(s.id,) for a in doc.articles for s in a.sentences if s.header is not None],
        )
        conn.execute("DELETE FROM dedup_bands WHERE doc_id = ?", (doc_id,))
        for a in doc.articles:
            _insert_buckets(conn, a, doc_id)
    _count_sentence_df(conn)
    remark_all_later(conn)


def migrate_v2(conn: sqlite3.Connection) -> None:
    """Schema 2 -> 3 in the open transaction, from the stored records (no re-ingest): the keys
    and buckets of articles with a sentence opening on a wire dateline are recomputed without
    it (dedup.sentence_norm), sentence_df is counted again, and every article is re-marked at
    the next refresh. Reads each record once (a one-off cost at open)."""
    for doc_id, raw in conn.execute("SELECT doc_id, record FROM documents"):  # one at a time
        try:
            doc = DocumentRecord.model_validate_json(raw).document
        except (ValidationError, ValueError):
            continue  # reading the record reports it; its keys stay as they were
        for a in doc.articles:
            if all(strip_dateline(s.text) == s.text for s in a.sentences):
                continue
            conn.execute("DELETE FROM sentence_keys WHERE article_id = ?", (a.id,))
            conn.execute("DELETE FROM dedup_bands WHERE article_id = ?", (a.id,))
            _insert_article_keys(conn, a, doc_id)
    conn.execute("DELETE FROM sentence_df")
    _count_sentence_df(conn)
    remark_all_later(conn)
