"""The registry's record types: what is stored per document, and the corpus summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import BaseModel, Field

from agent.types import Article, Chunk, Document, Sentence

REGISTRY_VERSION = 1


class DocumentRecord(BaseModel):
    document: Document
    chunks: list[Chunk] = Field(default_factory=list)
    ingested_at: str = Field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds")
    )


class RegistryFile(BaseModel):
    """The pre-SQLite `registry.json` (read once, to migrate it)."""

    version: int = REGISTRY_VERSION
    documents: dict[str, DocumentRecord] = Field(default_factory=dict)


class CorpusSummary(BaseModel):
    documents: int = 0
    articles: int = 0
    duplicate_groups: list[list[str]] = Field(default_factory=list)
    duplicate_sentences: int = 0
    chunks: int = 0


@dataclass
class DocLookups:
    """One parsed record with its articles, sentences and chunks by id."""

    record: DocumentRecord
    articles: dict[str, Article]
    sentences: dict[str, Sentence]
    chunks: dict[str, Chunk]

    @classmethod
    def of(cls, record: DocumentRecord) -> DocLookups:
        arts = {a.id: a for a in record.document.articles}
        return cls(
            record,
            arts,
            {s.id: s for a in arts.values() for s in a.sentences},
            {c.id: c for c in record.chunks},
        )
