"""Crash safety of ingest: a stale registry object, a crash in the embedder or either store
after some groups were committed, a half-written document, and (integration: real Chroma +
MiniLM) `kill -9` at random points; every re-run ends where a clean ingest would."""

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
from agent.ingest.corpus import Corpus
from agent.ingest.pipeline import ingest
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


def test_a_crash_before_the_duplicate_refresh_is_made_good_by_the_next_run(
    ingest_env: IngestEnv, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every document committed, then the process dies before marking duplicates: the next
    run finds nothing to embed, yet must still mark them (the registry keeps them pending)."""
    first = sorted(corpus_dir.glob("*.txt"))[0]
    shutil.copyfile(first, corpus_dir / "zz_copy.txt")
    clean = ingest_env.sibling("clean")
    clean.run([corpus_dir])
    assert clean.corpus.duplicate_groups()  # the copy is found on a clean run

    real_refresh = ingest_mod._refresh_duplicates

    def die(corpus: Any) -> int:
        raise RuntimeError("simulated crash before the refresh")

    monkeypatch.setattr(ingest_mod, "_refresh_duplicates", die)
    with pytest.raises(RuntimeError, match="simulated crash"):
        ingest_env.run([corpus_dir])
    monkeypatch.setattr(ingest_mod, "_refresh_duplicates", real_refresh)
    report = ingest_env.run([corpus_dir])
    assert report.ingested == 0
    assert report.duplicate_groups == clean.corpus.duplicate_groups()
    assert report.duplicate_sentences == clean.corpus.summary().duplicate_sentences
