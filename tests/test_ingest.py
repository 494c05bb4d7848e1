"""Ingest orchestration: counts, incrementality, replacement, pruning, bad input, consistency,
crash safety and the writer lock (in-memory stores + the counting fake embedder,
conftest.IngestEnv)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
from reliability import record
from scenarios import chroma_state, make_generated_corpus

import agent.ingest.pipeline as ingest_mod
from agent.app import App
from agent.errors import StoreError
from agent.ingest.corpus import Corpus
from agent.ingest.pipeline import ingest, ingest_lock
from agent.settings import load_settings
from vectorstore.memory_store import InMemoryStore

if TYPE_CHECKING:
    from conftest import FakeEmbedder, IngestEnv

ROOT = Path(__file__).resolve().parent.parent


class CrashingStore(InMemoryStore):
    """Raises after `limit` upserts, like a process killed between two writes."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.upserts = 0

    def upsert(self, *args: Any, **kwargs: Any) -> None:
        if self.upserts >= self.limit:
            raise RuntimeError("simulated crash in the store")
        self.upserts += 1
        super().upsert(*args, **kwargs)


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


def _bad_inputs(d: Path) -> dict[str, Path]:
    d.mkdir()
    bad = {
        "empty": d / "empty.txt",
        "binary": d / "binary.txt",
        "latin1": d / "latin1.txt",
        "huge": d / "huge.txt",
        "loop": d / "loop_a.txt",
        "scriptonly": d / "scriptonly.html",
    }
    bad["empty"].write_bytes(b"")
    bad["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    bad["latin1"].write_bytes(
        "Caf\u00e9 story: the mayor said na\u00efve things.\n".encode("latin-1")
    )
    with open(bad["huge"], "wb") as f:  # sparse: no disk used
        f.truncate(ingest_mod.MAX_FILE_BYTES + 1)
    os.symlink(d / "loop_b.txt", d / "loop_a.txt")
    os.symlink(d / "loop_a.txt", d / "loop_b.txt")
    bad["scriptonly"].write_text(
        "<html><head><script>var secret = 'injected script text';</script></head>"
        "<body></body></html>",
        encoding="utf-8",
    )
    return bad


def test_bad_inputs_each_get_one_error_and_good_files_ingest(
    env: IngestEnv, corpus_dir: Path, tmp_path: Path
) -> None:
    bad = _bad_inputs(tmp_path / "bad")
    missing = tmp_path / "does-not-exist"
    report = env.run([corpus_dir, tmp_path / "bad", missing])
    assert report.documents == 5 and report.ingested == 5
    by_path: dict[str, list[str]] = {}
    for e in report.errors:
        by_path.setdefault(e.path, []).append(e.error)
    expected = [*bad.values(), d_loop_b := tmp_path / "bad" / "loop_b.txt", missing]
    assert d_loop_b.is_symlink()
    for p in expected:
        assert len(by_path.get(str(p), [])) == 1, (p, report.errors)
    assert set(by_path) == {str(p) for p in expected}
    msgs = {name: by_path[str(p)][0] for name, p in bad.items()}
    assert "empty" in msgs["empty"]
    assert "binary" in msgs["binary"] or "NUL" in msgs["binary"]
    assert "UTF-8" in msgs["latin1"]
    assert "limit" in msgs["huge"]
    assert "symbolic link" in msgs["loop"].lower() or "loop" in msgs["loop"].lower()
    assert "no such file" in by_path[str(missing)][0]
    env.assert_consistent()


def test_html_script_text_never_reaches_the_store(env: IngestEnv, tmp_path: Path) -> None:
    d = tmp_path / "html"
    d.mkdir()
    body = " ".join(
        f"The council approved budget item {i} after a long debate on Tuesday." for i in range(6)
    )
    (d / "page.html").write_text(
        f"<html><head><script>alert('SCRIPTMARKER');</script><style>p{{color:red}}</style>"
        f"</head><body><p>{body}</p></body></html>",
        encoding="utf-8",
    )
    report = env.run([d])
    assert report.errors == [] and report.documents == 1
    texts = [r.text for r in env.store.get()] + [r.text for r in env.sentences.get()]
    assert texts and not any("SCRIPTMARKER" in t or "color:red" in t for t in texts)
    assert any("council approved" in t for t in texts)


def test_unreadable_file(env: IngestEnv, corpus_dir: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    locked = corpus_dir / "locked.txt"
    locked.write_text("Some article text that nobody may read.\n", encoding="utf-8")
    locked.chmod(0)
    report = env.run([corpus_dir])
    assert [e.path for e in report.errors] == [str(locked)]
    assert report.documents == 5


def test_directory_symlink_loop_does_not_hang(env: IngestEnv, corpus_dir: Path) -> None:
    os.symlink(corpus_dir, corpus_dir / "again")
    report = env.run([corpus_dir])
    assert report.documents == 5
    env.assert_consistent()


def test_stale_corpus_object_does_not_lose_other_writers_documents(
    tmp_path: Path, corpus_dir: Path, fake_embedder: type[FakeEmbedder]
) -> None:
    """Two writers open the registry, then ingest one after the other (the lock serialises
    them): the second must not write back the registry it read before the first finished."""
    data = tmp_path / "data"
    store, sentences = InMemoryStore(), InMemoryStore()
    files = sorted(corpus_dir.glob("*.txt"))
    a, b = Corpus(data), Corpus(data)
    ingest(files[:2], a, store, fake_embedder(), sentence_store=sentences)
    ingest(files[2:], b, store, fake_embedder(), sentence_store=sentences)
    final = Corpus(data)
    assert len(final.records()) == 5
    assert set(store.get_ids()) == {c.id for c in final.chunks()}


@pytest.mark.parametrize("where", ["embedder", "store", "sentence_store"])
@pytest.mark.parametrize("after", [1, 2])
def test_crash_then_rerun_matches_clean_ingest(
    ingest_env: IngestEnv,
    corpus_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    fake_embedder: type[FakeEmbedder],
    where: str,
    after: int,
) -> None:
    monkeypatch.setattr(ingest_mod, "EMBED_GROUP_CHUNKS", 8)  # several commits per run
    clean = ingest_env.sibling("clean")
    clean.run([corpus_dir])

    env = ingest_env.sibling("crashy")
    if where == "embedder":
        env.embedder = fake_embedder(fail_on_call=after + 1)
    elif where == "store":
        env.store = CrashingStore(after)
    else:
        env.sentences = CrashingStore(after)
    with pytest.raises(RuntimeError, match="simulated crash"):
        env.run([corpus_dir])
    partial = env.corpus
    assert 0 < len(partial.records()) < 5  # some groups were committed, some not

    # The "restarted process": same stores, working parts.
    store, sentences = InMemoryStore(), InMemoryStore()
    for src, dst in ((env.store, store), (env.sentences, sentences)):
        recs = src.get()
        if recs:
            dst.upsert(
                [r.id for r in recs],
                [r.text for r in recs],
                np.stack([src._vecs[r.id] for r in recs]),
                [r.metadata for r in recs],
            )
    env.store, env.sentences, env.embedder = store, sentences, fake_embedder()
    report = env.run([corpus_dir])
    assert report.errors == []
    assert sorted(env.store.get_ids()) == sorted(clean.store.get_ids())
    assert sorted(env.sentences.get_ids()) == sorted(clean.sentences.get_ids())
    assert env.store.count() == len(set(env.store.get_ids()))
    assert report.duplicate_groups == clean.corpus.duplicate_groups()
    env.assert_consistent()


def test_prune_sweeps_chunks_of_a_half_written_document(
    ingest_env: IngestEnv, corpus_dir: Path
) -> None:
    """Crash after a new document's chunks were stored but before the registry recorded it,
    then the file is deleted: --prune must still leave no orphan chunks."""
    env = ingest_env
    sentences = env.sentences = CrashingStore(10**9)
    env.run([corpus_dir])
    extra = corpus_dir / "zz_new.txt"
    extra.write_text(
        "Officials confirmed the new bridge opens next spring after two years of work.\n" * 3,
        encoding="utf-8",
    )
    sentences.limit = sentences.upserts  # the next sentence upsert "kills" the process
    with pytest.raises(RuntimeError):
        env.run([corpus_dir])
    assert env.store.get_ids({"doc_id": "zz_new"})  # the orphan exists
    extra.unlink()
    env.run([corpus_dir], prune=True)
    assert env.store.get_ids({"doc_id": "zz_new"}) == []
    env.assert_consistent()


_HOLDER = """
import sys, time
from pathlib import Path
from agent.ingest.pipeline import ingest_lock
with ingest_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(30)
"""


def test_second_ingest_fails_clearly_while_lock_held(
    env: IngestEnv, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_mod, "LOCK_WAIT_S", 0.5)
    env.data_dir.mkdir(parents=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(env.data_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        t0 = time.monotonic()
        with pytest.raises(StoreError, match=r"ingest\.lock"):
            env.run([corpus_dir])
        assert time.monotonic() - t0 < 5
        assert env.store.count() == 0
    finally:
        holder.kill()
        holder.wait(timeout=10)
    report = env.run([corpus_dir])  # the lock dies with its holder
    assert report.documents == 5


def test_lock_is_reentrant_free_after_release(tmp_path: Path) -> None:
    with ingest_lock(tmp_path, wait_s=0.1):
        pass
    with ingest_lock(tmp_path, wait_s=0.1):
        pass


# --- integration: real Chroma PersistentClient + real MiniLM ---------------------------------

_KILLABLE = """
import sys
from pathlib import Path
import agent.ingest.pipeline as m
m.EMBED_GROUP_CHUNKS = 24  # many commits, so a kill lands between them as well as inside
from agent.app import App
from agent.settings import load_settings
print("start", flush=True)


def progress(stage, done, total):
    if stage == "embed":  # one line per committed group: the test picks its kill point
        print("committed", done, total, flush=True)


App(load_settings()).ingest([Path(sys.argv[1])], progress=progress)
print("done", flush=True)
"""


@pytest.mark.integration
def test_kill_minus_9_then_rerun_matches_clean_ingest(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = make_generated_corpus(tmp_path / "gen", seeds_dir)
    clean_dir = tmp_path / "clean"
    monkeypatch.setenv("SOURCEBOUND_DATA_DIR", str(clean_dir))
    t0 = time.monotonic()
    App(load_settings()).ingest([corpus])
    clean_s = time.monotonic() - t0
    clean = chroma_state(clean_dir)
    assert clean[0] == clean[2] and len(clean[0]) > 50

    rng = random.Random(7)
    killed = 0
    # Run 1 is killed early (model load / first group); the others after a random number of
    # committed groups plus a random delay, so the kill lands inside a later group.
    for run_no in range(4):
        data = tmp_path / f"crash{run_no}"
        proc = subprocess.Popen(
            [sys.executable, "-c", _KILLABLE, str(corpus)],
            cwd=ROOT,
            env={**os.environ, "SOURCEBOUND_DATA_DIR": str(data)},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "start"
        groups = 0 if run_no == 0 else rng.randint(1, 6)
        for _ in range(groups):
            line = proc.stdout.readline()
            if not line.startswith("committed"):
                break
        delay = rng.uniform(0.5, 0.3 * clean_s) if run_no == 0 else rng.uniform(0.0, 0.4)
        time.sleep(delay)
        was_running = proc.poll() is None
        if was_running:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait(timeout=60)
        committed = len(Corpus(data).records())
        monkeypatch.setenv("SOURCEBOUND_DATA_DIR", str(data))
        report = App(load_settings()).ingest([corpus])
        assert report.errors == []
        assert chroma_state(data) == clean, f"run {run_no}"
        record(
            "crash safety",
            f"kill -9 ingest {delay:.2f} s after "
            + (f"commit #{groups}" if groups else "start")
            + f" (run {run_no + 1}, 60 files)",
            (f"killed with {committed}/60 documents committed" if was_running
             else "finished before the kill")
            + f"; re-run embedded {report.ingested}; store identical to a clean ingest "
            f"({len(clean[0])} chunks, {len(clean[1])} sentences, same ids)",
        )  # fmt: skip
    assert killed >= 1  # at least one run was really interrupted


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
