"""Ingest orchestration: counts, incrementality, replacement, pruning, and the registry's
SQLite registry (in-memory stores + the counting fake embedder, conftest.IngestEnv). Bad input:
test_ingest_inputs.py; crashes: test_ingest_crash.py; the writer lock: test_ingest_lock.py."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from agent.errors import StoreError
from agent.ingest.corpus import Corpus, RegistryFile
from agent.ingest.pipeline import ingest

if TYPE_CHECKING:
    from conftest import FakeEmbedder, IngestEnv


@pytest.fixture
def env(ingest_env: IngestEnv) -> IngestEnv:
    return ingest_env


def test_seeds_counts(env: IngestEnv, seeds_dir: Path) -> None:
    report = env.run([seeds_dir])
    assert report.errors == []
    assert report.documents == 5
    assert report.articles == 7
    assert len(report.duplicate_groups) == 1
    assert len(report.duplicate_groups[0]) == 2
    assert report.chunks == env.store.count() == report.chunks_embedded > 0
    assert env.sentences.count() == sum(len(a.sentences) for a in env.corpus.articles())
    env.assert_consistent()


def test_chunk_vectors_are_means_of_sentence_vectors(
    env: IngestEnv, seeds_dir: Path, fake_embedder: type[FakeEmbedder]
) -> None:
    env.run([seeds_dir])
    corpus = env.corpus
    chunk = max(corpus.chunks(), key=lambda c: len(c.sentence_ids))
    assert len(chunk.sentence_ids) > 1
    sent = fake_embedder(0).embed([corpus.sentence(s).text for s in chunk.sentence_ids])
    want = sent.mean(axis=0)
    want /= np.linalg.norm(want)
    (hit,) = env.store.query(want, 1)
    assert hit.id == chunk.id
    assert hit.distance == pytest.approx(0.0, abs=1e-5)


def test_reingest_unchanged_embeds_nothing(
    env: IngestEnv, corpus_dir: Path, fake_embedder: type[FakeEmbedder]
) -> None:
    env.run([corpus_dir])
    ids_before = sorted(env.store.get_ids())
    env.embedder = fake_embedder()
    report = env.run([corpus_dir])
    assert env.embedder.texts == 0
    assert report.ingested == 0 and report.unchanged == 5 and report.updated == []
    assert sorted(env.store.get_ids()) == ids_before


def test_changed_file_replaces_its_chunks(
    env: IngestEnv, corpus_dir: Path, fake_embedder: type[FakeEmbedder]
) -> None:
    env.run([corpus_dir])
    target = sorted(corpus_dir.glob("*.txt"))[0]
    doc_id = target.stem
    old_ids = set(env.store.get_ids({"doc_id": doc_id}))
    # Keep only the first lines: fewer chunks, so leftovers of the old version would show.
    lines = target.read_text(encoding="utf-8").splitlines()
    target.write_text("\n".join(lines[: max(4, len(lines) // 3)]) + "\n", encoding="utf-8")
    env.embedder = fake_embedder()
    report = env.run([corpus_dir])
    assert report.ingested == 1 and report.unchanged == 4
    assert report.updated == [str(target)]  # the report names what changed
    new_ids = set(env.store.get_ids({"doc_id": doc_id}))
    assert new_ids and len(new_ids) < len(old_ids)
    rec = env.corpus.record(doc_id)
    assert rec is not None and {c.id for c in rec.chunks} == new_ids
    assert env.embedder.texts == len(env.sentences.get_ids({"doc_id": doc_id}))
    snapshot = env.corpus.text(doc_id)
    assert snapshot == target.read_text(encoding="utf-8")
    env.assert_consistent()


def test_prune_removes_deleted_file(env: IngestEnv, corpus_dir: Path) -> None:
    env.run([corpus_dir])
    gone = sorted(corpus_dir.glob("*.txt"))[1]
    gone.unlink()
    report = env.run([corpus_dir], prune=True)
    assert report.pruned == 1 and report.documents == 4
    assert report.removed == [str(gone)] and report.updated == []
    assert env.store.get_ids({"doc_id": gone.stem}) == []
    assert env.sentences.get_ids({"doc_id": gone.stem}) == []
    assert env.corpus.record(gone.stem) is None
    env.assert_consistent()


def test_without_prune_deleted_file_stays(env: IngestEnv, corpus_dir: Path) -> None:
    env.run([corpus_dir])
    gone = sorted(corpus_dir.glob("*.txt"))[1]
    gone.unlink()
    report = env.run([corpus_dir])
    assert report.pruned == 0 and report.documents == 5


def test_duplicate_marks_move_when_canonical_is_pruned(env: IngestEnv, corpus_dir: Path) -> None:
    """A copy under another name is marked a duplicate; pruning the original un-marks it."""
    first = sorted(corpus_dir.glob("*.txt"))[0]
    shutil.copyfile(first, corpus_dir / "zz_copy.txt")
    report = env.run([corpus_dir])
    assert ["zz_copy" in g for grp in report.duplicate_groups for g in grp].count(True) == 1
    first.unlink()
    report = env.run([corpus_dir], prune=True)
    assert not any("zz_copy" in g for grp in report.duplicate_groups for g in grp)


def test_noop_reingest_parses_no_record_and_reload_rereads_only_changes(
    env: IngestEnv, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing records is what made opening the registry slow: a no-op re-ingest must parse
    none, a real one only what it touches; yet a registry saved by someone else since, or
    unsaved changes of our own, are never kept."""
    files = sorted(corpus_dir.glob("*.txt"))
    first = env.run(files[:2])
    parsed: list[int] = []
    real_parse = Corpus._parse

    def counting_parse(self: Corpus, raw: str) -> Any:
        parsed.append(1)
        return real_parse(self, raw)

    monkeypatch.setattr(Corpus, "_parse", counting_parse)
    noop = env.run(files[:2])
    assert noop.unchanged == 2 and parsed == []
    assert (noop.documents, noop.articles, noop.chunks) == (2, first.articles, first.chunks)
    mine = env.corpus
    report = ingest(files, mine, env.store, env.embedder, sentence_store=env.sentences)
    assert report.unchanged == 2 and report.ingested == 3
    mine.record(files[0].stem)
    count = len(parsed)
    mine.reload()
    mine.record(files[0].stem)
    assert len(parsed) == count  # nothing changed since its own save: the cache stays
    other = env.corpus  # another writer saves a change
    other.remove(files[4].stem)
    other.save()
    mine.reload()
    assert files[4].stem not in {r.document.id for r in mine.records()}
    mine.remove(files[3].stem)  # unsaved: a reload discards it
    mine.reload()
    assert files[3].stem in {r.document.id for r in mine.records()}


def test_a_registry_json_data_dir_is_migrated_once(env: IngestEnv, corpus_dir: Path) -> None:
    """A data dir written before the SQLite registry opens with the same content, and an
    unchanged re-ingest embeds nothing."""
    files = sorted(corpus_dir.glob("*.txt"))
    first = env.run(files)
    before = env.corpus
    legacy = RegistryFile(documents={r.document.id: r for r in before.records()})
    summary, idf = before.summary(), before.term_idf()
    for p in env.data_dir.glob("registry.sqlite3*"):
        p.unlink()
    (env.data_dir / "registry.json").write_text(legacy.model_dump_json(), encoding="utf-8")
    after = env.corpus
    assert [r.document.id for r in after.records()] == list(legacy.documents)
    assert after.summary() == summary and after.term_idf() == pytest.approx(idf)
    assert not (env.data_dir / "registry.json").exists()
    assert (env.data_dir / "registry.json.migrated").exists()
    embedded = env.embedder.calls
    report = env.run(files)
    assert report.unchanged == len(files) and env.embedder.calls == embedded
    assert report.duplicate_groups == first.duplicate_groups


def test_a_damaged_registry_is_a_clear_store_error(env: IngestEnv, corpus_dir: Path) -> None:
    env.run(sorted(corpus_dir.glob("*.txt")))
    for p in env.data_dir.glob("registry.sqlite3*"):
        p.unlink()
    (env.data_dir / "registry.sqlite3").write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match=r"registry\.sqlite3"):
        env.corpus.summary()
