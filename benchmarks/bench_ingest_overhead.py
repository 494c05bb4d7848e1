"""The ingest's non-embedding cost alone, and candidate fixes, measured with a free embedder.

    python benchmarks/bench_ingest_overhead.py [--articles 700 --seed 0]

The embedding model is replaced by hashed bag-of-words vectors (near-zero cost), so what remains is
everything the ingest adds on top of the embedding limit: reading, parsing, registry writes,
Chroma deletes/upserts, duplicate refresh. That share is what keeps ingest below the raw
embedding throughput, and it is measured here without the noise of a loaded CPU running the
model. Each variant runs on the same corpus into a fresh data directory:

- baseline: agent.ingest.pipeline.ingest as it is;
- batched_deletes: the per-document `delete_where` calls of a group become one `$in` delete
  issued just before the group's upsert (same order of effects, so same crash safety);
- batched_deletes_no_text_fsync: also writes text snapshots without a per-file fsync (shows
  what the fsyncs cost; not a proposal on its own).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import agent.ingest.corpus as corpus_mod
from agent.app import App
from agent.settings import load_settings
from benchmarks.bench_ingest import Timers, emit
from benchmarks.make_corpus import SEEDS_DIR, generate, write_corpus
from vectorstore.embeddings import DIM


class FreeEmbedder:
    """Hashed bag-of-words vectors: near-zero cost, yet clustered like real embeddings (pure
    random vectors are HNSW's worst case and would overstate Chroma's insert cost)."""

    dim = DIM

    def __init__(self) -> None:
        self._table = np.random.default_rng(0).standard_normal((4096, DIM)).astype(np.float32)

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            rows = [zlib.crc32(w.encode()) % 4096 for w in t.lower().split()] or [0]
            out[i] = self._table[rows].sum(axis=0)
        return out / np.clip(np.linalg.norm(out, axis=1, keepdims=True), 1e-9, None)


class DeferredDeleteStore:
    """Proxy: collects `delete_where({"doc_id": X})` and issues one `$in` delete right
    before the next upsert (which is where ingest() needs the old entries gone)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.pending: list[str] = []

    def delete_where(self, where: dict[str, Any]) -> int:
        doc = where.get("doc_id")
        if len(where) == 1 and isinstance(doc, str):
            self.pending.append(doc)
            return 0
        return int(self.inner.delete_where(where))

    def upsert(self, *args: Any, **kwargs: Any) -> None:
        if self.pending:
            self.inner.delete_where({"doc_id": {"$in": self.pending}})
            self.pending = []
        self.inner.upsert(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _write_no_fsync(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(data, encoding="utf-8")
    os.replace(tmp, path)


def run_variant(name: str, corpus_dir: Path, work: Path) -> None:
    data_dir = work / f"data-{name}"
    app = App(load_settings(data_dir=data_dir), embedder=FreeEmbedder())
    if name.startswith("batched_deletes"):
        app._store = DeferredDeleteStore(app.store)
        app._sentence_store = DeferredDeleteStore(app.sentence_store)
    else:
        _ = app.store, app.sentence_store  # open Chroma outside the timed region
    original_write = corpus_mod._atomic_write
    if name.endswith("no_text_fsync"):
        # Only text snapshots skip the fsync; registry saves keep theirs.
        def write(path: Path, data: str) -> None:
            if path.parent.name == "texts":
                _write_no_fsync(path, data)
            else:
                original_write(path, data)

        corpus_mod._atomic_write = write
    timers = Timers()
    timers.wrap(corpus_mod.Corpus, "put", "registry_put_text")
    timers.wrap(corpus_mod.Corpus, "save", "registry_save")
    inner_chunks = getattr(app.store, "inner", app.store)
    inner_sents = getattr(app.sentence_store, "inner", app.sentence_store)
    timers.wrap(inner_chunks, "delete_where", "chroma_delete")
    timers.wrap(inner_sents, "delete_where", "chroma_delete")
    timers.wrap(inner_chunks, "upsert", "chroma_upsert")
    timers.wrap(inner_sents, "upsert", "chroma_upsert")
    try:
        t0 = time.perf_counter()
        report = app.ingest([corpus_dir])
        secs = time.perf_counter() - t0
    finally:
        timers.restore()
        corpus_mod._atomic_write = original_write
    emit(
        "ingest_overhead",
        variant=name,
        documents=report.documents,
        chunks=report.chunks_embedded,
        non_embedding_s=round(secs, 2),
        ms_per_chunk=round(1000 * secs / max(report.chunks_embedded, 1), 2),
        stages={k: round(v, 2) for k, v in sorted(timers.seconds.items(), key=lambda x: -x[1])},
        chroma_count=app.store.count(),
        loadavg=round(os.getloadavg()[0], 2),
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=700)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="sb-bench-overhead-"))
    try:
        corpus_dir = work / "corpus"
        write_corpus(generate(args.articles, args.seed, 0.05, SEEDS_DIR), corpus_dir)
        for name in ("baseline", "batched_deletes", "batched_deletes_no_text_fsync"):
            run_variant(name, corpus_dir, work)
        print(json.dumps({"figure": "done"}), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
