"""Ingest orchestration: counts, incrementality, replacement, pruning, and the registry's
sidecar index (in-memory stores + the counting fake embedder, conftest.IngestEnv). Bad input:
test_ingest_inputs.py; crashes: test_ingest_crash.py; the writer lock: test_ingest_lock.py."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from agent.ingest.corpus import Corpus
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
    assert report.ingested == 0 and report.unchanged == 5
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


def test_noop_reingest_reads_only_the_sidecar_and_reload_rereads_only_changes(
    env: IngestEnv, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing the registry is most of a no-op re-ingest's time: it must not happen at all
    then, and only once in a real ingest; yet a registry saved by someone else since, or
    unsaved changes of our own, are never kept."""
    files = sorted(corpus_dir.glob("*.txt"))
    first = env.run(files[:2])
    loads: list[int] = []
    real_load = Corpus._load

    def counting_load(self: Corpus) -> Any:
        loads.append(1)
        return real_load(self)

    monkeypatch.setattr(Corpus, "_load", counting_load)
    noop = env.run(files[:2])
    assert noop.unchanged == 2 and loads == []
    assert (noop.documents, noop.articles, noop.chunks) == (2, first.articles, first.chunks)
    mine = env.corpus
    report = ingest(files, mine, env.store, env.embedder, sentence_store=env.sentences)
    assert report.unchanged == 2 and report.ingested == 3
    assert len(loads) == 1  # parsed once, not re-read after its own saves
    mine.reload()
    assert len(loads) == 1  # the file is the one it wrote
    other = env.corpus  # another writer saves a change
    other.remove(files[4].stem)
    other.save()
    mine.reload()
    assert files[4].stem not in {r.document.id for r in mine.records()}
    mine.remove(files[3].stem)  # unsaved: a reload discards it
    mine.reload()
    assert files[3].stem in {r.document.id for r in mine.records()}


@pytest.mark.parametrize("damage", ["missing", "garbage", "stale"])
def test_a_missing_or_stale_sidecar_falls_back_to_the_registry(
    env: IngestEnv, corpus_dir: Path, damage: str
) -> None:
    files = sorted(corpus_dir.glob("*.txt"))
    env.run(files)
    index = env.data_dir / "registry-index.json"
    if damage == "missing":
        index.unlink()
    elif damage == "garbage":
        index.write_text("{not json")
    else:  # the registry changed behind the sidecar's back (a crash between the two writes)
        corpus = env.corpus
        corpus.remove(files[0].stem)
        corpus.save(index=False)
    report = env.run(files)
    expected_unchanged = 4 if damage == "stale" else 5
    assert report.unchanged == expected_unchanged
    assert report.documents == 5 and not report.errors
    assert env.corpus.summary().documents == 5  # and the sidecar is current again
