"""The document registry: what was ingested, with hashes, articles, sentences and chunks.

It lives in `<data_dir>/registry.json` next to a snapshot of every document's text
(`<data_dir>/texts/<doc_id>.txt`), so citations stay checkable even if a source file later
changes. Writes are atomic (temp file + rename): a crash leaves the previous registry intact.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from agent.errors import StoreError
from agent.text.normalize import sentence_idf
from agent.types import Article, Chunk, Document, Sentence

REGISTRY_VERSION = 1


class DocumentRecord(BaseModel):
    document: Document
    chunks: list[Chunk] = Field(default_factory=list)
    ingested_at: str = Field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds")
    )


class RegistryFile(BaseModel):
    version: int = REGISTRY_VERSION
    documents: dict[str, DocumentRecord] = Field(default_factory=dict)


class CorpusSummary(BaseModel):
    documents: int = 0
    articles: int = 0
    duplicate_groups: list[list[str]] = Field(default_factory=list)
    duplicate_sentences: int = 0
    chunks: int = 0


class RegistryIndex(BaseModel):
    """`registry-index.json`: what a no-op ingest needs, tied to one registry file version."""

    stamp: list[int]  # the registry file's (inode, mtime_ns, size) when this was written
    hashes: dict[str, str]
    summary: CorpusSummary


def _atomic_write(path: Path, data: str) -> None:
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


class Corpus:
    """Read/write access to the registry and the text snapshots, with lookups by id."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / "registry.json"
        self.texts_dir = data_dir / "texts"
        # A small sidecar (document hashes + counts) answers "is this file unchanged?" without
        # parsing the registry, which takes ~0.2 s per 1k articles: a no-op re-ingest reads
        # only the sidecar, and the registry is parsed on first real use.
        self.index_path = data_dir / "registry-index.json"
        self._loaded: RegistryFile | None = None
        self._index_cache: tuple[tuple[int, int, int], RegistryIndex] | None = None
        # Which registry file the in-memory copy matches, and whether it has unsaved changes.
        self._stamp: tuple[int, int, int] | None = None
        self._dirty = False
        self._idf: dict[str, float] | None = None

    @property
    def _reg(self) -> RegistryFile:
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded

    def _file_stamp(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        # Saves replace the file (new inode), so inode + mtime + size identify a version.
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _load(self) -> RegistryFile:
        self._stamp = self._file_stamp()  # before reading: a newer file is re-read next time
        self._dirty = False
        if not self.path.exists():
            return RegistryFile()
        try:
            return RegistryFile.model_validate_json(self.path.read_text(encoding="utf-8"))
        except (ValidationError, ValueError, OSError) as e:
            raise StoreError(
                f"{self.path}: document registry is unreadable ({e.__class__.__name__}); "
                "delete the data directory and ingest again"
            ) from e

    def reload(self) -> None:
        """Re-read the registry from disk (another writer may have saved since we loaded);
        a no-op when the file is the one we read or wrote and nothing is unsaved."""
        if self._loaded is None:
            return  # nothing read yet: the first use reads the current file
        if not self._dirty and self._stamp is not None and self._file_stamp() == self._stamp:
            return
        self._loaded = None
        self._invalidate()

    # --- writes ------------------------------------------------------------------------------
    def put(self, record: DocumentRecord, text: str) -> None:
        """Add or replace one document (text snapshot first, so the registry never points at
        a missing text)."""
        doc_id = record.document.id
        _atomic_write(self.texts_dir / f"{doc_id}.txt", text)
        self._reg.documents[doc_id] = record
        self._dirty = True
        self._invalidate()

    def remove(self, doc_id: str) -> None:
        self._reg.documents.pop(doc_id, None)
        (self.texts_dir / f"{doc_id}.txt").unlink(missing_ok=True)
        self._dirty = True
        self._invalidate()

    def set_duplicates(
        self, article_dups: dict[str, str | None], sentence_dups: dict[str, str | None]
    ) -> None:
        """Apply corpus-wide duplicate marks (they can change when documents come and go)."""
        for rec in self._reg.documents.values():
            for art in rec.document.articles:
                art.duplicate_of = article_dups.get(art.id)
                for s in art.sentences:
                    s.duplicate_of = sentence_dups.get(s.id)
            for ch in rec.chunks:
                ch.duplicate_of = article_dups.get(ch.article_id)
        self._dirty = True
        self._invalidate()

    def save(self, index: bool = True) -> None:
        """Write the registry; `index=False` skips the sidecar (an ingest's intermediate
        commits: a stale sidecar is never used, it only costs a full parse)."""
        _atomic_write(self.path, self._reg.model_dump_json())
        self._stamp = self._file_stamp()
        self._dirty = False
        if index and self._stamp is not None:
            idx = RegistryIndex(
                stamp=list(self._stamp),
                hashes={d: r.document.sha256 for d, r in self._reg.documents.items()},
                summary=self._summary(),
            )
            _atomic_write(self.index_path, idx.model_dump_json())

    def ensure_index(self) -> None:
        """Write the sidecar if the registry exists and has none that matches it."""
        if self.path.exists() and self._index() is None:
            self.save()

    def _index(self) -> RegistryIndex | None:
        """The sidecar, if it describes the registry file as it is now."""
        stamp = self._file_stamp()
        if stamp is None:
            return None
        if self._index_cache is not None and self._index_cache[0] == stamp:
            return self._index_cache[1]
        try:
            idx = RegistryIndex.model_validate_json(self.index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing or damaged: the registry itself answers
        if tuple(idx.stamp) != stamp:
            return None
        self._index_cache = (stamp, idx)
        return idx

    def content_hash(self, doc_id: str) -> str | None:
        """The recorded SHA-256 of a document's text, None if it is not ingested."""
        if self._loaded is None and (idx := self._index()) is not None:
            return idx.hashes.get(doc_id)
        rec = self.record(doc_id)
        return rec.document.sha256 if rec is not None else None

    def summary(self) -> CorpusSummary:
        if self._loaded is None and (idx := self._index()) is not None:
            return idx.summary
        return self._summary()

    def _summary(self) -> CorpusSummary:
        return CorpusSummary(
            documents=len(self._reg.documents),
            articles=len(self._articles),
            duplicate_groups=self.duplicate_groups(),
            duplicate_sentences=sum(
                1
                for a in self._articles.values()
                if not a.duplicate_of
                for s in a.sentences
                if s.duplicate_of
            ),
            chunks=sum(len(r.chunks) for r in self._reg.documents.values()),
        )

    def _invalidate(self) -> None:
        for name in ("_articles", "_sentences", "_chunks"):
            self.__dict__.pop(name, None)
        self._idf = None

    # --- reads -------------------------------------------------------------------------------
    def records(self) -> list[DocumentRecord]:
        return list(self._reg.documents.values())

    def record(self, doc_id: str) -> DocumentRecord | None:
        return self._reg.documents.get(doc_id)

    def documents(self) -> list[Document]:
        return [r.document for r in self._reg.documents.values()]

    @cached_property
    def _articles(self) -> dict[str, Article]:
        return {a.id: a for d in self.documents() for a in d.articles}

    @cached_property
    def _sentences(self) -> dict[str, Sentence]:
        return {s.id: s for a in self._articles.values() for s in a.sentences}

    @cached_property
    def _chunks(self) -> dict[str, Chunk]:
        return {c.id: c for r in self._reg.documents.values() for c in r.chunks}

    def articles(self) -> list[Article]:
        return list(self._articles.values())

    def article(self, article_id: str) -> Article:
        try:
            return self._articles[article_id]
        except KeyError as e:
            raise StoreError(f"unknown source id {article_id!r}") from e

    def has_article(self, article_id: str) -> bool:
        return article_id in self._articles

    def term_idf(self) -> dict[str, float]:
        """IDF of content terms over the corpus's sentences (cached until the corpus changes)."""
        if self._idf is None:
            self._idf = sentence_idf([s.text for s in self._sentences.values()])
        return self._idf

    def has_sentence(self, sentence_id: str) -> bool:
        return sentence_id in self._sentences

    def sentence(self, sentence_id: str) -> Sentence:
        return self._sentences[sentence_id]

    def chunk(self, chunk_id: str) -> Chunk | None:
        return self._chunks.get(chunk_id)

    def chunks(self) -> list[Chunk]:
        return list(self._chunks.values())

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
        art = self._articles.get(article_id)
        return art.duplicate_of if art is not None and art.duplicate_of else article_id

    def outlet_key(self, article_id: str) -> str:
        """Independent-outlet key: the outlet name when known, else the canonical article."""
        canon = self.canonical(article_id)
        art = self._articles.get(canon)
        return (art.outlet or canon) if art is not None else canon

    def duplicate_groups(self) -> list[list[str]]:
        groups: dict[str, list[str]] = {}
        for a in self._articles.values():
            if a.duplicate_of:
                groups.setdefault(a.duplicate_of, [a.duplicate_of]).append(a.id)
        return list(groups.values())

    def fingerprint(self) -> str:
        """Changes whenever any document's content or the set of documents changes."""
        parts = sorted(f"{d.id}:{d.sha256}" for d in self.documents())
        return str(hash_text("\n".join(parts)))


def hash_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
