"""A copy's sentences with words cut from its original's are the original's
(agent.ingest.dedup.mark_trimmed) in a store too: the incremental refresh
(agent/ingest/dedup_scope.py) marks them, and a registry of schema 6, which did not, is
re-marked on opening. A newcomer's syndicated copy (session 69) was counted as a second
outlet for the wire's trimmed sentences."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from agent.ingest.corpus import Corpus, DocumentRecord
from agent.ingest.dedup_scope import refresh_duplicates
from agent.ingest.parse import parse_document
from agent.ingest.pipeline import make_chunks
from agent.ingest.registry_db import SCHEMA_VERSION

WORDS = [f"v{i}" for i in range(300)]


def _record(doc_id: str, sentences: list[str], date: str) -> DocumentRecord:
    doc = parse_document(doc_id, f"{doc_id}.txt", "\n".join(sentences) + "\n")
    for a in doc.articles:
        a.date = date
    return DocumentRecord(document=doc, chunks=[c for a in doc.articles
                                                for c in make_chunks(a, 480)])


def _marks(corpus: Corpus) -> dict[str, str | None]:
    return {s.id: s.duplicate_of for a in corpus.articles() for s in a.sentences}


@pytest.mark.parametrize("version", [4, 6])
def test_an_older_registry_marks_a_copys_trimmed_sentences(tmp_path: Path, version: int) -> None:
    """Schemas 6 and before marked only a copy's sentences repeated word for word; opening
    one re-marks every article, and a sentence the paper reprinted with its last words cut
    is the wire's (dedup.mark_trimmed), as a new store has it. (Schema 4 is migrated
    without migrate_v3, which re-marks the others.)"""
    rng = random.Random(9)
    text = [" ".join(rng.choice(WORDS) for _ in range(10)).capitalize() + "."
            for _ in range(13)]
    trimmed = " ".join(text[5].split()[:-2]) + "."
    corpus = Corpus(tmp_path / "data")
    corpus.put(_record("wire", text[:12], "March 3, 2026"), "text")
    corpus.put(_record("paper", [*text[:5], trimmed, text[12]],
                       "4 March 2026"), "text")
    refresh_duplicates(corpus)
    corpus.save()
    fresh = _marks(Corpus(tmp_path / "data"))
    assert fresh["paper:5"] == "wire:5" and fresh["paper:6"] is None
    conn = sqlite3.connect(tmp_path / "data" / "registry.sqlite3")
    conn.execute("UPDATE sentence_keys SET duplicate_of = NULL WHERE sentence_id = 'paper:5'")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    migrated = Corpus(tmp_path / "data")
    assert migrated.connection().execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert refresh_duplicates(migrated) == 2
    migrated.save()
    reopened = Corpus(tmp_path / "data")
    assert _marks(reopened)["paper:5"] == "wire:5"
    assert reopened.connection().execute(
        "SELECT duplicate_of FROM sentence_keys WHERE sentence_id = 'paper:5'").fetchone() == (
        "wire:5",)
