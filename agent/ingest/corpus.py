"""The document registry: what was ingested, with hashes, articles, sentences and chunks.

It lives in `<data_dir>/registry.sqlite3` (see registry_db.py) next to a snapshot of every
document's text (`<data_dir>/texts/<doc_id>.txt`), so citations stay checkable even if a
source file later changes. Opening it parses nothing: a document's record is read and parsed
on first use and cached, and whole-corpus questions (hashes, counts, duplicate groups, term
frequencies, chunk texts) are answered from indexed columns. Writes go into one transaction
that save() commits: a crash leaves the previous committed registry intact.
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from agent.errors import StoreError
from agent.ingest import registry_db as db
from agent.ingest.dedup import corpus_order
from agent.ingest.records import CorpusSummary, DocLookups, DocumentRecord, RegistryFile
from agent.types import Article, Chunk, Document, Sentence

__all__ = ["Corpus", "CorpusSummary", "DocumentRecord", "RegistryFile", "hash_text"]


class Corpus:
    """Read/write access to the registry and the text snapshots, with lookups by id.

    Reads are lazy: nothing is parsed until asked for, then per document. Thread-safe (one
    SQLite connection behind a lock)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / db.DB_NAME
        self.legacy_path = data_dir / db.LEGACY_NAME
        self.texts_dir = data_dir / "texts"
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._docs: dict[str, DocLookups] = {}
        self._all = False  # every record is in _docs (a whole-corpus read happened)
        self._idf: dict[str, float] | None = None
        self._df_delta: Counter[str] = Counter()  # unsaved sentence term counts
        self._n_delta = 0
        self._version: int | None = None
        self._hashes: dict[str, str] | None = None  # doc id -> sha256, read once

    # --- connection --------------------------------------------------------------------------
    def connection(self, create: bool = True) -> sqlite3.Connection:
        """The open database (migrating a registry.json data dir once, first)."""
        with self._lock:
            if self._conn is None:
                if not self.path.exists() and self.legacy_path.exists():
                    db.migrate_legacy(self.data_dir)
                if not create and not self.path.exists():
                    raise FileNotFoundError(self.path)
                self._conn = db.connect(self.path)
                self._version = self._data_version()
            return self._conn

    def _rows(self, sql: str, params: Iterable[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read; none when no registry exists yet (nothing is created by a read)."""
        with self._lock:
            try:
                conn = self.connection(create=False)
            except FileNotFoundError:
                return []
            return conn.execute(sql, tuple(params)).fetchall()

    def write_connection(self) -> sqlite3.Connection:
        """The database inside a write transaction (begun if none is open); save() commits."""
        conn = self.connection()
        if not conn.in_transaction:
            conn.execute("BEGIN IMMEDIATE")
        return conn

    def has_unsaved(self) -> bool:
        """True when writes since the last save() are pending in the open transaction."""
        return self._conn is not None and self._conn.in_transaction

    def _data_version(self) -> int:
        assert self._conn is not None
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def reload(self) -> None:
        """Drop unsaved changes, and cached records if another writer committed since."""
        with self._lock:
            if self._conn is None:
                return
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
                self._df_delta.clear()
                self._n_delta = 0
                self._invalidate()
            elif self._data_version() != self._version:
                self._invalidate()
            self._version = self._data_version()

    def _invalidate(self) -> None:
        self._hashes = None
        self._docs.clear()
        self._all = False
        self._idf = None

    # --- writes ------------------------------------------------------------------------------
    def put(self, record: DocumentRecord, text: str) -> None:
        """Add or replace one document (text snapshot first, so the registry never points at
        a missing text). Visible to this Corpus at once, to others after save()."""
        doc_id = record.document.id
        db.atomic_write(self.texts_dir / f"{doc_id}.txt", text)
        with self._lock:
            conn = self.write_connection()
            self._forget(conn, doc_id)
            db.insert_record(conn, record, pending=True)
            self._df_delta.update(db.record_terms(record))
            self._n_delta += db.n_sentences(record)
            self._docs.pop(doc_id, None)
            self._all = False
            self._idf = None
            self._hashes = None

    def remove(self, doc_id: str) -> None:
        with self._lock:
            conn = self.write_connection()
            self._forget(conn, doc_id)
            conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
            self._docs.pop(doc_id, None)
            self._idf = None
            self._hashes = None
        (self.texts_dir / f"{doc_id}.txt").unlink(missing_ok=True)

    def _forget(self, conn: sqlite3.Connection, doc_id: str) -> None:
        """Drop a document's index rows; what its old version touched joins the next refresh."""
        old = self.record(doc_id)
        if old is None:
            return
        self._df_delta.subtract(db.record_terms(old))
        self._n_delta -= db.n_sentences(old)
        db.delete_document_rows(conn, doc_id)

    def apply_marks(
        self, article_marks: dict[str, str | None], sentence_marks: dict[str, str | None]
    ) -> None:
        """Set these articles' (and their chunks') and sentences' `duplicate_of`, rewriting
        only the documents they belong to (in the open write transaction)."""
        with self._lock:
            conn = self.write_connection()
            docs = {self._doc_of(a) for a in article_marks}
            docs |= {self._doc_of(sid.rsplit(":", 1)[0]) for sid in sentence_marks}
            for doc_id in sorted(d for d in docs if d is not None):
                d = self._load(doc_id)
                assert d is not None
                for a in d.articles.values():
                    if a.id in article_marks:
                        a.duplicate_of = article_marks[a.id]
                for c in d.chunks.values():
                    if c.article_id in article_marks:
                        c.duplicate_of = article_marks[c.article_id]
                for sid, s in d.sentences.items():
                    if sid in sentence_marks:
                        s.duplicate_of = sentence_marks[sid]
                conn.execute(
                    "UPDATE documents SET record = ? WHERE doc_id = ?",
                    (d.record.model_dump_json(), doc_id),
                )
            db.update_marks(conn, article_marks, sentence_marks)

    def save(self, index: bool = True) -> None:
        """Commit the writes since the last save. `index=False` (an ingest's intermediate
        commits) leaves the chunk fingerprint unset; the final save computes it."""
        with self._lock:
            conn = self.write_connection()
            if self._df_delta or self._n_delta:
                conn.executemany(
                    "INSERT INTO term_df VALUES (?, ?) "
                    "ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
                    [(t, c) for t, c in self._df_delta.items() if c],
                )
                conn.execute("DELETE FROM term_df WHERE df <= 0")
                n = self._meta("n_sentences")
                conn.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('n_sentences', ?)",
                    (str(int(n or 0) + self._n_delta),),
                )
            conn.execute("DELETE FROM meta WHERE key = 'chunk_fingerprint'")
            if index:
                conn.execute(
                    "INSERT INTO meta VALUES ('chunk_fingerprint', ?)",
                    (self._compute_chunk_fingerprint(),),
                )
            conn.execute("COMMIT")
            self._df_delta.clear()
            self._n_delta = 0
            self._version = self._data_version()

    def ensure_index(self) -> None:
        """Store the chunk fingerprint if the registry exists and has none."""
        if (self.path.exists() or self.legacy_path.exists()) and self._meta(
            "chunk_fingerprint"
        ) is None:
            self.save()

    # --- whole-corpus figures from the index tables ------------------------------------------
    def _meta(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def content_hash(self, doc_id: str) -> str | None:
        """The recorded SHA-256 of a document's text, None if it is not ingested."""
        with self._lock:  # one query for all: an ingest asks for every file's
            if self._hashes is None:
                self._hashes = dict(self._rows("SELECT doc_id, sha256 FROM documents"))
            return self._hashes.get(doc_id)

    def summary(self) -> CorpusSummary:
        """Counts and duplicate groups, from the index tables (no record is parsed)."""
        rows = self._rows(db.SUMMARY_COUNTS)
        docs, chunks, articles, dup_sentences = rows[0] if rows else (0, 0, 0, 0)
        return CorpusSummary(
            documents=docs,
            articles=articles,
            duplicate_groups=self.duplicate_groups(),
            duplicate_sentences=dup_sentences,
            chunks=chunks,
        )

    def duplicate_groups(self) -> list[list[str]]:
        """[[canonical, copy, ...], ...] in registry order."""
        groups: dict[str, list[str]] = {}
        for aid, dup in self._rows(db.DUPLICATE_PAIRS):
            groups.setdefault(dup, [dup]).append(aid)
        return list(groups.values())

    def fingerprint(self) -> str:
        """Changes whenever any document's content or the set of documents changes."""
        parts = sorted(f"{d}:{h}" for d, h in self._rows("SELECT doc_id, sha256 FROM documents"))
        return hash_text("\n".join(parts))

    def chunk_texts(self) -> tuple[list[str], list[str]]:
        """(ids, texts) of every chunk, in registry order, without parsing any record."""
        rows = self._rows(db.CHUNK_TEXTS)
        return [r[0] for r in rows], [r[1] for r in rows]

    def _compute_chunk_fingerprint(self) -> str:
        from vectorstore.keyword import fingerprint  # bm25s loads with it: only when needed

        return fingerprint(*self.chunk_texts())

    def chunk_fingerprint(self) -> str:
        """vectorstore.keyword.fingerprint of chunk_texts() (stored by save(), so reading it
        costs one row; computed when absent)."""
        return self._meta("chunk_fingerprint") or self._compute_chunk_fingerprint()

    def term_idf(self) -> dict[str, float]:
        """Smoothed IDF of content terms over the corpus's sentences, log((n + 1) / (df + 0.5))
        as agent.text.normalize.sentence_idf, from stored counts (cached until a change)."""
        if self._idf is None:
            df = Counter(dict(self._rows("SELECT term, df FROM term_df")))
            df.update(self._df_delta)
            n = int(self._meta("n_sentences") or 0) + self._n_delta
            self._idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items() if c > 0}
        return self._idf

    def n_documents(self) -> int:
        return int(self._rows("SELECT count(*) FROM documents")[0][0])

    def doc_ids(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT doc_id FROM documents ORDER BY rowid")]

    def document_paths(self) -> dict[str, str]:
        """doc id -> the path it was ingested from."""
        return dict(self._rows("SELECT doc_id, path FROM documents ORDER BY rowid"))

    # --- records, parsed on demand -----------------------------------------------------------
    def _load(self, doc_id: str) -> DocLookups | None:
        with self._lock:
            if (d := self._docs.get(doc_id)) is not None:
                return d
            rows = self._rows("SELECT record FROM documents WHERE doc_id = ?", (doc_id,))
            if not rows:
                return None
            d = self._docs[doc_id] = DocLookups.of(self._parse(rows[0][0]))
            return d

    def _parse(self, raw: str) -> DocumentRecord:
        try:
            return DocumentRecord.model_validate_json(raw)
        except (ValidationError, ValueError) as e:
            raise StoreError(
                f"{self.path}: a document record is unreadable ({e.__class__.__name__}); "
                "delete the data directory and ingest again"
            ) from e

    def _load_all(self) -> list[DocLookups]:
        with self._lock:
            if not self._all:
                for doc_id, raw in self._rows("SELECT doc_id, record FROM documents"):
                    if doc_id not in self._docs:
                        self._docs[doc_id] = DocLookups.of(self._parse(raw))
                self._all = True
            order = self.doc_ids()
            return [self._docs[d] for d in order]

    def _doc_of(self, article_id: str) -> str | None:
        rows = self._rows("SELECT doc_id FROM articles WHERE article_id = ?", (article_id,))
        return str(rows[0][0]) if rows else None

    def _article_doc(self, article_id: str) -> DocLookups | None:
        doc_id = self._doc_of(article_id)
        return self._load(doc_id) if doc_id is not None else None

    def records(self) -> list[DocumentRecord]:
        return [d.record for d in self._load_all()]

    def record(self, doc_id: str) -> DocumentRecord | None:
        d = self._load(doc_id)
        return d.record if d is not None else None

    def documents(self) -> list[Document]:
        return [d.record.document for d in self._load_all()]

    def articles(self) -> list[Article]:
        return [a for d in self._load_all() for a in d.articles.values()]

    def articles_in_order(self, ids: Iterable[str]) -> list[Article]:
        """These articles (unknown ids skipped) in corpus order (dedup.corpus_order)."""
        wanted = set(ids)
        by_doc: dict[str, str] = {}  # doc id -> published
        for batch in db.chunked(sorted(wanted)):
            by_doc.update(self._rows(
                "SELECT DISTINCT a.doc_id, d.published FROM articles a JOIN documents d USING "
                f"(doc_id) WHERE a.article_id IN ({','.join('?' * len(batch))})", batch))
        out: list[Article] = []
        for doc_id in sorted(by_doc, key=lambda d: corpus_order(by_doc[d], d)):
            d = self._load(doc_id)
            if d is not None:
                out.extend(a for a in d.record.document.articles if a.id in wanted)
        return out

    def article(self, article_id: str) -> Article:
        d = self._article_doc(article_id)
        if d is None or article_id not in d.articles:
            raise StoreError(f"unknown source id {article_id!r}")
        return d.articles[article_id]

    def has_article(self, article_id: str) -> bool:
        return self._doc_of(article_id) is not None

    def has_sentence(self, sentence_id: str) -> bool:
        d = self._article_doc(sentence_id.rsplit(":", 1)[0])
        return d is not None and sentence_id in d.sentences

    def sentence(self, sentence_id: str) -> Sentence:
        """Raises KeyError for an unknown id."""
        d = self._article_doc(sentence_id.rsplit(":", 1)[0])
        if d is None:
            raise KeyError(sentence_id)
        return d.sentences[sentence_id]

    def chunk(self, chunk_id: str) -> Chunk | None:
        d = self._article_doc(chunk_id.rsplit(":", 1)[0])
        return d.chunks.get(chunk_id) if d is not None else None

    def chunks(self) -> list[Chunk]:
        return [c for d in self._load_all() for c in d.chunks.values()]

    def doc_id_of(self, source: str) -> str:
        """Article ids are `<doc_id>` or `<doc_id>#<n>`."""
        return source.split("#", 1)[0]

    def text(self, doc_id: str) -> str:
        path = self.texts_dir / f"{doc_id}.txt"
        try:
            return path.read_text(encoding="utf-8")
        except OSError as e:
            raise StoreError(f"{path}: text snapshot missing; re-run `sourcebound ingest`") from e

    def canonical(self, article_id: str) -> str:
        """The article a syndicated copy duplicates, or itself."""
        rows = self._rows("SELECT duplicate_of FROM articles WHERE article_id = ?", (article_id,))
        return rows[0][0] if rows and rows[0][0] else article_id

    def outlet_key(self, article_id: str) -> str:
        """Independent-outlet key: the outlet name when known, else the canonical article."""
        canon = self.canonical(article_id)
        d = self._article_doc(canon)
        art = d.articles.get(canon) if d is not None else None
        return (art.outlet or canon) if art is not None else canon

    def sentence_outlet_key(self, s: Sentence) -> str:
        """`outlet_key` of one sentence: a sentence of a syndicated copy that repeats nothing
        of another article (`Sentence.duplicate_of`: a regional paper's own paragraphs after
        the wire's) is the copy's own reporting, keyed by the copy's outlet; one it repeats
        word for word is the other article's, also in an article that is no copy as a whole
        (a newcomer's paper reprinting a wire with edits counted as a second outlet)."""
        if s.duplicate_of is not None:
            return self.outlet_key(s.duplicate_of.rsplit(":", 1)[0])
        if self.canonical(s.article_id) == s.article_id:
            return self.outlet_key(s.article_id)
        return self.article(s.article_id).outlet or s.article_id

    def outlet_name(self, key: str) -> str:
        """The name shown for an outlet key or a cited source: its article's outlet, else the
        key itself (an article id, or an outlet name already)."""
        return (self.article(key).outlet or key) if self.has_article(key) else key


def hash_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
