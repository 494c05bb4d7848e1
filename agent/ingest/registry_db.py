"""The document registry's on-disk form: one SQLite database, `<data_dir>/registry.sqlite3`.

Opening it reads nothing but the schema: a document's record (its Document and Chunks, as
JSON) is parsed only when something asks for it, and the columns that whole-corpus questions
need (hashes, paths, duplicate marks, chunk texts, sentence term counts, the duplicate
detector's LSH buckets and sentence keys) are indexed tables. At 100k chunks the former
`registry.json` took 8 s to parse on every open.

Crash safety: WAL journal with synchronous=FULL, so a commit is atomic and durable and a
kill -9 at any moment leaves the last committed state (SQLite's own guarantee,
https://www.sqlite.org/atomiccommit.html); readers in other processes see committed states
only. A data dir from before (registry.json) is migrated once, on first open: the database is
built aside and renamed into place, then registry.json is renamed to registry.json.migrated.
A schema-1 database is brought to schema 2 (the duplicate detector's body flags and sentence
frequencies, dedup_index.migrate_v1) in one transaction on first open, from what it stores.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from agent.errors import StoreError
from agent.ingest import dedup, dedup_index
from agent.ingest.records import DocumentRecord, RegistryFile
from agent.text.normalize import content_terms

SCHEMA_VERSION = 7  # 2: sentence_keys.body and sentence_df (dedup_index.migrate_v1);
# 3: keys without a leading wire dateline (dedup_index.migrate_v2); 4: documents.published,
# the corpus order (migrate_v3); 5: term_df counted with four-letter plurals folded
# (agent.text.normalize.singular, migrate_v4); 6: published keys put an agency's filing
# before the same day's other documents (dedup.published_key, migrate_v3 again); 7: a copy's
# sentences with words cut from its original's are the original's (dedup.mark_trimmed):
# every article re-marked at the next refresh
DB_NAME = "registry.sqlite3"
LEGACY_NAME = "registry.json"
BUSY_TIMEOUT_MS = 30_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, path TEXT NOT NULL,
    n_chunks INTEGER NOT NULL, record TEXT NOT NULL, published TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ord INTEGER NOT NULL,
    n_sentences INTEGER NOT NULL, duplicate_of TEXT);
CREATE INDEX IF NOT EXISTS articles_doc ON articles(doc_id);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
"""


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the registry database at `path`, schema in place.

    Transactions are explicit (isolation_level=None): the Corpus begins one on its first
    write and commits it in save(). Raises StoreError if the file is not a usable registry."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            conn.executescript(
                f"BEGIN IMMEDIATE;{SCHEMA}{dedup_index.TABLES}"
                f"PRAGMA user_version={SCHEMA_VERSION};COMMIT;"
            )
        elif version in (1, 2, 3, 4, 5, 6):
            conn.execute("BEGIN IMMEDIATE")
            try:
                found = conn.execute("PRAGMA user_version").fetchone()[0]  # not done meanwhile?
                if found == 1:
                    dedup_index.migrate_v1(conn)
                if found in (1, 2):
                    dedup_index.migrate_v2(conn)
                if found in (1, 2, 3, 5):
                    migrate_v3(conn)  # (5 -> 6: the published keys read again)
                if found in (1, 2, 3, 4):
                    migrate_v4(conn)
                if found in (4, 6):  # (the others re-mark every article in migrate_v3)
                    dedup_index.remark_all_later(conn)
                if found in (1, 2, 3, 4, 5, 6):
                    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        elif version != SCHEMA_VERSION:
            raise StoreError(
                f"{path}: registry schema version {version}, this sourcebound reads "
                f"{SCHEMA_VERSION}; ingest again into a new data directory"
            )
        return conn
    except sqlite3.DatabaseError as e:
        raise StoreError(
            f"{path}: document registry is unreadable ({e}); "
            "delete the data directory and ingest again"
        ) from e


def migrate_v3(conn: sqlite3.Connection) -> None:
    """Schema 3 -> 4 in the open transaction, from the stored records: each document's
    publication date (dedup.published_key), which orders the corpus, and every article
    re-marked at the next refresh (the canonical copy may change). Reads each record once."""
    if "published" not in {row[1] for row in conn.execute("PRAGMA table_info(documents)")}:
        conn.execute("ALTER TABLE documents ADD COLUMN published TEXT NOT NULL DEFAULT ''")
    dates = []
    for doc_id, raw in conn.execute("SELECT doc_id, record FROM documents"):
        try:
            dates.append((dedup.published_key(DocumentRecord.model_validate_json(raw).document),
                          doc_id))
        except (ValidationError, ValueError):
            continue  # reading the record reports it; it sorts as undated
    conn.executemany("UPDATE documents SET published = ? WHERE doc_id = ?", dates)
    dedup_index.remark_all_later(conn)


def migrate_v4(conn: sqlite3.Connection) -> None:
    """Schema 4 -> 5 in the open transaction: term_df counted again from the stored records,
    since content_terms now folds four-letter plurals ("jobs" is "job"). A record that does
    not read is left out, as `migrate_v3` leaves it undated."""
    df: Counter[str] = Counter()
    for (raw,) in conn.execute("SELECT record FROM documents"):
        try:
            df.update(record_terms(DocumentRecord.model_validate_json(raw)))
        except (ValidationError, ValueError):
            continue
    conn.execute("DELETE FROM term_df")
    conn.executemany("INSERT INTO term_df VALUES (?, ?)", df.items())


def chunked(items: Iterable[str], size: int = 500) -> Iterable[list[str]]:
    """`items` in lists of at most `size` (SQLite caps the parameters of one statement)."""
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def legacy_records(path: Path) -> list[DocumentRecord]:
    """The DocumentRecords of a `registry.json` (the pre-SQLite format), in its order.
    Raises StoreError naming the file if it cannot be parsed."""
    try:
        reg = RegistryFile.model_validate_json(path.read_text(encoding="utf-8"))
    except (ValidationError, ValueError, OSError) as e:
        raise StoreError(
            f"{path}: document registry is unreadable ({e.__class__.__name__}); "
            "delete the data directory and ingest again"
        ) from e
    return list(reg.documents.values())


def replace_file(tmp: Path, final: Path) -> None:
    """Move a fully written database into place (atomic rename, then fsync the directory)."""
    os.replace(tmp, final)
    fd = os.open(final.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def record_terms(record: DocumentRecord) -> Counter[str]:
    """Per content term, in how many of the record's sentences it occurs."""
    return Counter(
        t for a in record.document.articles for s in a.sentences for t in content_terms(s.text)
    )


def n_sentences(record: DocumentRecord) -> int:
    return sum(len(a.sentences) for a in record.document.articles)


def insert_record(conn: sqlite3.Connection, record: DocumentRecord, pending: bool) -> None:
    """Write one record and its index rows (the document row keeps its rowid on replace)."""
    doc = record.document
    conn.execute(
        "INSERT INTO documents (doc_id, sha256, path, n_chunks, record, published) "
        "VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (doc_id) DO UPDATE SET sha256 = excluded.sha256, path = excluded.path, "
        "n_chunks = excluded.n_chunks, record = excluded.record, published = excluded.published",
        (doc.id, doc.sha256, doc.path, len(record.chunks), record.model_dump_json(),
         dedup.published_key(doc)),
    )
    conn.executemany(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?)",
        [(a.id, doc.id, i, len(a.sentences), a.duplicate_of) for i, a in enumerate(doc.articles)],
    )
    conn.executemany(
        "INSERT INTO chunks VALUES (?, ?, ?)", [(c.id, doc.id, c.text) for c in record.chunks]
    )
    dedup_index.insert_keys(conn, doc)
    if pending:
        conn.executemany(
            "INSERT OR IGNORE INTO dedup_pending VALUES (?)", [(a.id,) for a in doc.articles]
        )


def migrate_legacy(data_dir: Path) -> None:
    """`registry.json` -> `registry.sqlite3`, once: built aside and renamed into place, under
    a lock file (a second process waits, then finds the database). The JSON is kept as
    `registry.json.migrated`; the old sidecar `registry-index.json` is removed."""
    legacy, final = data_dir / LEGACY_NAME, data_dir / DB_NAME
    with open(data_dir / "registry.migrate.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            if final.exists() or not legacy.exists():
                return
            records = legacy_records(legacy)
            tmp = data_dir / f".{DB_NAME}.{os.getpid()}.migrating"
            try:
                conn = connect(tmp)
                conn.execute("BEGIN IMMEDIATE")
                df: Counter[str] = Counter()
                n = 0
                for rec in records:
                    insert_record(conn, rec, pending=False)
                    df.update(record_terms(rec))
                    n += n_sentences(rec)
                conn.executemany("INSERT INTO term_df VALUES (?, ?)", df.items())
                conn.execute("INSERT INTO meta VALUES ('n_sentences', ?)", (str(n),))
                # the JSON's marks were made under an older duplicate rule
                dedup_index.remark_all_later(conn)
                conn.execute("COMMIT")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.close()
                replace_file(tmp, final)
            finally:
                for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
                    p.unlink(missing_ok=True)
            os.replace(legacy, data_dir / f"{LEGACY_NAME}.migrated")
            (data_dir / "registry-index.json").unlink(missing_ok=True)
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def atomic_write(path: Path, data: str) -> None:
    """Write `data` to `path` via a temp file, fsync and rename (never half-written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def delete_document_rows(conn: sqlite3.Connection, doc_id: str) -> None:
    """Drop a document's index rows (articles, chunks, LSH buckets, sentence keys), first
    queueing for the next duplicate refresh what its old version could have linked and its
    sentence keys (dedup_index.forget_keys)."""
    dedup_index.forget_keys(conn, doc_id)
    for table in ("articles", "chunks", "dedup_bands", "sentence_keys"):
        conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))


# Whole-corpus reads, answered from the index tables without parsing a record.
SUMMARY_COUNTS = (
    "SELECT (SELECT count(*) FROM documents), "
    "(SELECT coalesce(sum(n_chunks), 0) FROM documents), "
    "(SELECT count(*) FROM articles), "
    "(SELECT count(*) FROM sentence_keys k JOIN articles a USING (article_id) "
    " WHERE k.duplicate_of IS NOT NULL AND a.duplicate_of IS NULL)"
)
DUPLICATE_PAIRS = (
    "SELECT a.article_id, a.duplicate_of FROM articles a JOIN documents d USING (doc_id) "
    "WHERE a.duplicate_of IS NOT NULL ORDER BY d.rowid, a.ord"
)
CHUNK_TEXTS = (
    "SELECT c.chunk_id, c.text FROM chunks c JOIN documents d USING (doc_id) "
    "ORDER BY d.rowid, c.rowid"
)


def update_marks(
    conn: sqlite3.Connection,
    article_marks: dict[str, str | None],
    sentence_marks: dict[str, str | None],
) -> None:
    """Set the indexed `duplicate_of` column of these articles and sentences (id -> the
    canonical id, or None to clear), inside the caller's open transaction."""
    conn.executemany(
        "UPDATE articles SET duplicate_of = ? WHERE article_id = ?",
        [(dup, aid) for aid, dup in article_marks.items()],
    )
    conn.executemany(
        "UPDATE sentence_keys SET duplicate_of = ? WHERE sentence_id = ?",
        [(dup, sid) for sid, dup in sentence_marks.items()],
    )
