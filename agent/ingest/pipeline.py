"""Ingest stage: files -> Documents (clean, split, segment) -> duplicate marks -> chunks ->
embeddings -> vector store, plus the document registry and the BM25 keyword index.

Incremental and crash-safe: a document is recorded in the registry only after its chunks are
in the store, and any document not recorded with its current hash first has its old chunks
deleted. So a re-run after a kill converges to the same store with no duplicates.
"""

from __future__ import annotations

import fcntl
import functools
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from agent.errors import InputError, StoreError
from agent.ingest.corpus import Corpus, DocumentRecord
from agent.ingest.dedup_scope import refresh_duplicates
from agent.ingest.fetch import Fetcher, is_url, url_doc_id
from agent.ingest.load import SUPPORTED_SUFFIXES, Loaded, keep_original, load_bytes, load_file
from agent.types import Article, Chunk, Document
from vectorstore.store import Embedder, VectorStore

MAX_FILE_BYTES = 20 * 1024 * 1024  # larger files are almost never a news article
# Documents are embedded in groups this big, then committed. Big groups let the embedder sort
# many sentences by length (less padding) and cut per-group store round trips.
EMBED_GROUP_CHUNKS = 1024
LOCK_WAIT_S = 10.0


class FileError(BaseModel):
    path: str
    error: str


class IngestReport(BaseModel):
    documents: int = 0  # documents in the corpus after this run
    ingested: int = 0  # (re-)embedded this run
    unchanged: int = 0
    pruned: int = 0
    # Which inputs this run changed: a new version of a stored document, one pruned.
    updated: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    articles: int = 0
    duplicate_groups: list[list[str]] = Field(default_factory=list)
    duplicate_sentences: int = 0
    chunks: int = 0  # chunks in the store after this run
    chunks_embedded: int = 0
    errors: list[FileError] = Field(default_factory=list)
    seconds: float = 0.0
    chunks_per_s: float | None = None


@dataclass
class _Pending:
    document: Document
    text: str
    where: str = ""  # the input's path or URL, as the user gave it
    replaces: bool = False  # an earlier version of this document is stored
    chunks: list[Chunk] = field(default_factory=list)


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[FileError]]:
    """Expand dirs (recursively, sorted) into supported files; report missing paths."""
    files: list[Path] = []
    errors: list[FileError] = []
    for p in paths:
        if not p.exists():
            errors.append(FileError(path=str(p), error="no such file or directory"))
        elif p.is_dir():
            try:
                # Sorting by parts gives Path order without Path.__lt__ (~2 s per 40k files).
                found = sorted(
                    (f for f in p.rglob("*") if f.suffix.lower() in SUPPORTED_SUFFIXES),
                    key=lambda f: f.parts,
                )
            except OSError as e:  # e.g. a symlink loop deep inside
                errors.append(FileError(path=str(p), error=f"cannot list directory: {e}"))
                continue
            files.extend(f for f in found if not f.name.startswith("."))
        else:
            files.append(p)
    return files, errors


def read_document_text(path: Path, max_bytes: int | None = None) -> str:
    """Read one file and return its document text (HTML, feeds, Markdown and PDF reduced to
    header blocks and paragraphs, legacy encodings decoded). Raises IngestError(path)."""
    limit = MAX_FILE_BYTES if max_bytes is None else max_bytes  # read at call time (tests)
    return load_file(path, limit).text


def make_chunks(article: Article, max_chars: int) -> list[Chunk]:
    """Consecutive sentences of one article, up to `max_chars` (a long sentence stays whole)."""
    chunks: list[Chunk] = []
    group: list[Any] = []

    def flush() -> None:
        if not group:
            return
        chunks.append(
            Chunk(
                id=f"{article.id}:c{len(chunks)}",
                article_id=article.id,
                doc_id=article.doc_id,
                start=group[0].start,
                end=group[-1].end,
                text=" ".join(s.text for s in group),
                sentence_ids=[s.id for s in group],
            )
        )
        group.clear()

    size = 0
    for s in article.sentences:
        if group and size + len(s.text) + 1 > max_chars:
            flush()
            size = 0
        group.append(s)
        size += len(s.text) + 1
    flush()
    return chunks


_HELD: dict[tuple[Path, int], int] = {}  # (lock file, thread) -> nesting depth


@contextmanager
def ingest_lock(data_dir: Path, wait_s: float | None = None) -> Iterator[None]:
    """One writer at a time on an embedded store: a second ingest waits, then fails clearly.

    Re-entrant within one thread (App.ingest holds it while opening the store, then ingest()
    takes it again): flock on a second descriptor of the same file would wait for itself."""
    wait_s = LOCK_WAIT_S if wait_s is None else wait_s  # read at call time (tests shorten it)
    data_dir.mkdir(parents=True, exist_ok=True)
    lock_path = data_dir / "ingest.lock"
    key = (lock_path.resolve(), threading.get_ident())
    if key in _HELD:
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    with open(lock_path, "w") as fh:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as e:
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"{lock_path}: another ingest is running on this data directory"
                    ) from e
                time.sleep(0.2)
        _HELD[key] = 1
        try:
            fh.write(str(os.getpid()))
            fh.flush()
            yield
        finally:
            del _HELD[key]
            fcntl.flock(fh, fcntl.LOCK_UN)


def _metadata(ch: Chunk) -> dict[str, Any]:
    return {"doc_id": ch.doc_id, "article_id": ch.article_id, "start": ch.start, "end": ch.end}


def ingest(
    paths: Sequence[Path],
    corpus: Corpus,
    store: VectorStore,
    embedder: Embedder,
    *,
    sentence_store: VectorStore | None = None,
    chunk_max_chars: int = 480,
    batch_size: int = 32,
    prune: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    max_file_bytes: int | None = None,
    urls: Sequence[str] = (),
    fetcher: Fetcher | None = None,
) -> IngestReport:
    """Ingest `paths` (files, folders) and `urls` (pages or feeds, fetched by `fetcher`,
    default policy if None) into `store` and `corpus`. Per-input errors are collected, not
    raised. `prune` removes file documents not among `paths` (fetched ones stay)."""
    t0 = time.perf_counter()
    report = IngestReport()
    files, report.errors = discover(paths)
    seen_ids: dict[str, str] = {}
    pending: list[_Pending] = []
    with ingest_lock(corpus.data_dir), ExitStack() as stack:
        # The registry may have been saved by another writer while we waited for the lock:
        # writing back a copy read before that would drop its documents.
        corpus.reload()
        limit = MAX_FILE_BYTES if max_file_bytes is None else max_file_bytes
        inputs: list[tuple[str, str, Callable[[], Loaded]]] = [
            (f.stem, str(f), functools.partial(load_file, f, limit)) for f in files
        ]
        if urls:
            if fetcher is None:  # the default policy; closed when this ingest ends
                fetcher = stack.enter_context(Fetcher())
            for u in urls:
                try:
                    inputs.append((url_doc_id(u), u, functools.partial(_load_url, fetcher, u)))
                except ValueError as e:  # urlsplit: "http://[bad" is no URL
                    report.errors.append(FileError(path=u, error=f"not a valid URL: {e}"))
        stored = corpus.document_paths()
        for i, (doc_id, where, load) in enumerate(inputs):
            if progress:
                progress("read", i + 1, len(inputs))
            owner = seen_ids.get(doc_id) or _other_owner(stored.get(doc_id), where)
            if owner is not None:
                # Two inputs with one id ("a/story.html", "b/story.txt"): the second would
                # silently replace the first's article.
                report.errors.append(
                    FileError(path=where, error=f"document id {doc_id!r} already used by {owner}")
                )
                continue
            try:
                loaded = load()
            except InputError as e:
                report.errors.append(FileError(path=where, error=e.problem))
                continue
            seen_ids[doc_id] = where
            stored_hash = corpus.content_hash(doc_id)
            if stored_hash == loaded.sha256:
                report.unchanged += 1
                continue
            try:
                doc = loaded.document()
            except InputError as e:
                report.errors.append(FileError(path=where, error=e.problem))
                continue
            if not any(a.sentences for a in doc.articles):
                report.errors.append(
                    FileError(path=where, error="no article text found after removing boilerplate")
                )
                continue
            if loaded.transformed:
                keep_original(corpus.data_dir, loaded)
            pending.append(_Pending(doc, loaded.text, where, stored_hash is not None))

        if prune:
            scanned = {p.resolve() for p in files}
            for doc_id, doc_path in corpus.document_paths().items():
                # Pages fetched from a URL have no file to go missing: never pruned.
                if not is_url(doc_path) and Path(doc_path).resolve() not in scanned:
                    store.delete_where({"doc_id": doc_id})
                    if sentence_store is not None:
                        sentence_store.delete_where({"doc_id": doc_id})
                    corpus.remove(doc_id)
                    report.pruned += 1
                    report.removed.append(doc_path)
            corpus.save(index=False)  # the final save writes it
            _sweep_orphans(corpus, [store] if sentence_store is None else [store, sentence_store])

        total_chunks = 0
        for p in pending:
            p.chunks = [c for a in p.document.articles for c in make_chunks(a, chunk_max_chars)]
            total_chunks += len(p.chunks)
        done = 0
        t_embed = time.perf_counter()
        for group in _groups(pending, EMBED_GROUP_CHUNKS):
            chunks = [c for p in group for c in p.chunks]
            sentences = [s for p in group for a in p.document.articles for s in a.sentences]
            # Sentences are embedded once; a chunk's vector is the mean of its sentences'
            # (re-normalised), so evidence selection gets sentence vectors for free.
            sent_vecs = embedder.embed([s.text for s in sentences], batch_size=batch_size)
            row = {s.id: i for i, s in enumerate(sentences)}
            chunk_vecs = np.stack(
                [sent_vecs[[row[sid] for sid in c.sentence_ids]].mean(axis=0) for c in chunks]
            )
            chunk_vecs /= np.linalg.norm(chunk_vecs, axis=1, keepdims=True)
            # Old entries of changed (or half-written) documents go first, in one call.
            stale = {"doc_id": {"$in": [p.document.id for p in group]}}
            store.delete_where(stale)
            if sentence_store is not None:
                sentence_store.delete_where(stale)
            store.upsert(
                [c.id for c in chunks],
                [c.text for c in chunks],
                chunk_vecs,
                [_metadata(c) for c in chunks],
            )
            if sentence_store is not None:
                sentence_store.upsert(
                    [s.id for s in sentences],
                    [s.text for s in sentences],
                    sent_vecs,
                    [
                        {
                            "doc_id": s.doc_id,
                            "article_id": s.article_id,
                            "start": s.start,
                            "end": s.end,
                        }
                        for s in sentences
                    ],
                )
            for p in group:
                corpus.put(DocumentRecord(document=p.document, chunks=p.chunks), p.text)
            corpus.save(index=False)  # the final save writes it
            done += len(chunks)
            report.ingested += len(group)
            report.updated += [p.where for p in group if p.replaces]
            if progress:
                progress("embed", done, total_chunks)
        report.chunks_embedded = done
        if done:
            report.chunks_per_s = round(done / max(time.perf_counter() - t_embed, 1e-9), 1)

        # Also after a crash that committed documents but not their duplicate marks: the
        # registry keeps what is pending until a refresh has run.
        _refresh_duplicates(corpus)
        if corpus.has_unsaved():
            corpus.save()
        else:
            corpus.ensure_index()  # a data dir from before the sidecar existed gets one now

    summary = corpus.summary()
    report.documents = summary.documents
    report.articles = summary.articles
    report.duplicate_groups = summary.duplicate_groups
    report.duplicate_sentences = summary.duplicate_sentences
    report.chunks = summary.chunks
    report.seconds = round(time.perf_counter() - t0, 3)
    return report


def _other_owner(stored_path: str | None, where: str) -> str | None:
    """The stored input that holds this document id when it is another input still there:
    another URL, or another file that exists (a moved or renamed-away file may be replaced)."""
    if stored_path is None or stored_path == where:
        return None
    if is_url(stored_path) or is_url(where):
        return stored_path
    old = Path(stored_path)
    if old.resolve() == Path(where).resolve() or not old.exists():
        return None
    return stored_path


def _load_url(fetcher: Fetcher, url: str) -> Loaded:
    """Fetch `url` and load what came back (page, feed, PDF, text). Raises IngestError(url)."""
    got = fetcher.fetch(url)
    return load_bytes(url_doc_id(url), url, got.data, got.suffix, url=got.final_url)


def _sweep_orphans(corpus: Corpus, stores: Sequence[VectorStore]) -> None:
    """Drop entries of documents the registry does not know (a crash between a new
    document's upsert and its registry commit, whose file was then removed)."""
    known = corpus.doc_ids()
    where: dict[str, Any] = {"doc_id": {"$nin": known}} if known else {}
    for s in stores:
        orphans = s.get_ids(where or None)
        if orphans:
            s.delete_ids(orphans)


def _groups(pending: list[_Pending], max_chunks: int) -> Iterator[list[_Pending]]:
    group: list[_Pending] = []
    size = 0
    for p in pending:
        group.append(p)
        size += len(p.chunks)
        if size >= max_chunks:
            yield group
            group, size = [], 0
    if group:
        yield group


def _refresh_duplicates(corpus: Corpus) -> int:
    """Bring duplicate marks up to date, touching only the articles whose marks can have
    changed since the last refresh (dedup_scope.py); returns how many were re-marked."""
    return refresh_duplicates(corpus)
