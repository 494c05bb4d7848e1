"""Ingest throughput vs the raw embedding limit, re-ingest times, and where the time goes.

    python benchmarks/bench_ingest.py [--articles 700 --seed 0] [--corpus DIR] [--keep DIR]

Ingests a synthetic corpus (made with make_corpus.py unless --corpus is given; it is copied,
since the 1% re-ingest edits files) into a fresh temporary data directory with the real App
(Chroma PersistentClient + MiniLM int8), then embeds exactly the sentence texts the ingest
embedded, with the same embedder and batch size, after a warm-up. Prints one JSON line per
figure. The model is warmed up before the ingest too, so both sides exclude model load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import agent.ingest.pipeline as ingest_mod
from agent.app import App
from agent.ingest.corpus import Corpus
from agent.settings import load_settings
from benchmarks.make_corpus import SEEDS_DIR, generate, write_corpus


def emit(figure: str, **values: Any) -> None:
    print(json.dumps({"figure": figure, **values}), flush=True)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


class Timers:
    """Cumulative wall time per label, collected by wrapping functions in place."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._undo: list[Callable[[], None]] = []

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - t0
                self.calls[label] += 1

        setattr(owner, name, timed)
        self._undo.append(lambda: setattr(owner, name, original))

    def restore(self) -> None:
        for undo in reversed(self._undo):
            undo()
        self._undo.clear()


@contextmanager
def profiled(app: App) -> Iterator[Timers]:
    """Time the ingest's stages: the wrapped names are looked up at call time by ingest()."""
    t = Timers()
    t.wrap(ingest_mod, "load_file", "load")  # read, decode, extract, parse (agent.ingest.load)
    t.wrap(ingest_mod, "make_chunks", "chunk")
    t.wrap(ingest_mod, "_refresh_duplicates", "dedup_refresh")
    t.wrap(Corpus, "save", "registry_save")
    t.wrap(Corpus, "put", "registry_put_text")
    t.wrap(app.embedder, "embed", "embed")
    t.wrap(app.store, "upsert", "chroma_upsert_chunks")
    t.wrap(app.store, "delete_where", "chroma_delete_chunks")
    t.wrap(app.sentence_store, "upsert", "chroma_upsert_sentences")
    t.wrap(app.sentence_store, "delete_where", "chroma_delete_sentences")
    try:
        yield t
    finally:
        t.restore()


class HashedEmbedder:
    """A fast stand-in for MiniLM in store-scale benchmarks (not for quality figures): each
    word adds +-1 to one of 384 dimensions chosen by its CRC32 (feature hashing, Weinberger
    et al. 2009), then rows are L2-normalised. Same shape and dtype as MiniLM's output, at a
    small fraction of its CPU, so a 100k-chunk store can be built on a shared 2-core machine;
    store open, registry, memory and re-ingest figures do not depend on the vectors' meaning."""

    dim = 384

    def embed(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                h = zlib.crc32(word.encode("utf-8"))
                out[i, h % self.dim] += 1.0 if h & 0x80000000 else -1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out /= np.clip(norms, 1e-12, None)
        out[norms[:, 0] == 0, 0] = 1.0
        return out

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]


def make_app(data_dir: Path, embedder: str = "minilm") -> App:
    """A fresh App on `data_dir`, store open and embedder warm; `embedder="hashed"` swaps in
    HashedEmbedder (scale runs only)."""
    os.environ["SOURCEBOUND_DATA_DIR"] = str(data_dir)
    fast = HashedEmbedder() if embedder == "hashed" else None
    app = App(load_settings(data_dir=data_dir), embedder=fast)
    _ = app.store, app.sentence_store  # open Chroma outside the timed region
    # Warm up with full batches of news-length sentences: onnxruntime grows its memory arena
    # on the first large shapes, which would otherwise be charged to whichever side runs first.
    gen = generate(20, 12345, 0.0, SEEDS_DIR)
    warm = [ln for d in gen for ln in d.text.splitlines() if len(ln) > 40][:96]
    app.embedder.embed(warm, batch_size=app.settings.embed_batch_size)
    return app


def sentence_texts(corpus: Corpus) -> list[str]:
    """The sentences ingest() embedded, in its order (documents in ingest order)."""
    return [s.text for d in corpus.documents() for a in d.articles for s in a.sentences]


def grouped_texts(corpus: Corpus) -> list[list[str]]:
    """The same sentences, split into the groups ingest() embeds one call at a time."""
    groups: list[list[str]] = []
    cur: list[str] = []
    size = 0
    for rec in corpus.records():
        cur.extend(s.text for a in rec.document.articles for s in a.sentences)
        size += len(rec.chunks)
        if size >= ingest_mod.EMBED_GROUP_CHUNKS:
            groups.append(cur)
            cur, size = [], 0
    if cur:
        groups.append(cur)
    return groups


def change_files(files: list[Path], share: float, seed: int) -> dict[Path, bytes]:
    """Append a sentence, in place, to `share` of the files (at least one); returns each
    edited file's original bytes. Edited copies elsewhere would not do: an input whose
    document id another existing file holds is refused (agent.ingest.pipeline)."""
    rng = random.Random(seed)
    chosen = rng.sample(files, max(1, round(len(files) * share)))
    originals: dict[Path, bytes] = {}
    for f in chosen:
        originals[f] = f.read_bytes()
        extra = f"\n\nOfficials said on {rng.randint(2, 28)} March that talks would resume.\n"
        f.write_text(originals[f].decode("utf-8") + extra, encoding="utf-8")
    return originals


@contextmanager
def files_changed(files: list[Path], share: float, seed: int) -> Iterator[list[Path]]:
    """`change_files`, with the original bytes put back on exit, also on an error: a
    caller's corpus (bench_scale --corpus) ends as it began."""
    originals: dict[Path, bytes] = {}
    try:
        originals = change_files(files, share, seed)
        yield list(originals)
    finally:
        for f, data in originals.items():
            f.write_bytes(data)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=700)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corpus", type=Path, help="an existing corpus directory (copied)")
    ap.add_argument("--keep", type=Path, help="use this data dir and keep it (for retrieval)")
    ap.add_argument(
        "--grouped", action="store_true", help="also embed in the ingest's groups (slower run)"
    )
    args = ap.parse_args(argv)

    emit("environment", cpus=os.cpu_count(), loadavg=[round(x, 2) for x in os.getloadavg()])
    work = Path(tempfile.mkdtemp(prefix="sb-bench-ingest-"))
    try:
        corpus_dir = work / "corpus"
        if args.corpus:
            shutil.copytree(args.corpus, corpus_dir)
        else:
            write_corpus(generate(args.articles, args.seed, 0.05, SEEDS_DIR), corpus_dir)
        data_dir = args.keep or work / "data"
        if data_dir.exists() and any(data_dir.iterdir()):
            sys.exit(f"{data_dir} is not empty: the benchmark needs a fresh data directory")
        app = make_app(data_dir)
        batch = app.settings.embed_batch_size

        with profiled(app) as timers:
            t0 = time.perf_counter()
            report = app.ingest([corpus_dir])
            wall = time.perf_counter() - t0
        n_chunks = report.chunks_embedded
        texts = sentence_texts(app.corpus)
        ingest_cps = n_chunks / wall
        emit(
            "ingest_throughput",
            documents=report.documents,
            articles=report.articles,
            duplicate_groups=len(report.duplicate_groups),
            chunks=n_chunks,
            sentences=len(texts),
            seconds=round(wall, 2),
            chunks_per_s=round(ingest_cps, 1),
            sentences_per_s=round(len(texts) / wall, 1),
            errors=len(report.errors),
            loadavg=round(os.getloadavg()[0], 2),
        )
        other = wall - timers.seconds["embed"]
        stages = sorted(timers.seconds.items(), key=lambda kv: -kv[1])
        emit(
            "ingest_profile",
            total_s=round(wall, 2),
            non_embedding_s=round(other, 2),
            unaccounted_s=round(wall - sum(timers.seconds.values()), 2),
            stages={k: {"s": round(v, 2), "calls": timers.calls[k]} for k, v in stages},
        )

        app.embedder.embed(texts[:batch], batch_size=batch)  # warm-up (already loaded)
        t0 = time.perf_counter()
        app.embedder.embed(texts, batch_size=batch)
        raw = time.perf_counter() - t0
        raw_cps = n_chunks / raw
        emit(
            "raw_embedding",
            texts=len(texts),
            batch_size=batch,
            seconds=round(raw, 2),
            texts_per_s=round(len(texts) / raw, 1),
            chunks_per_s_equivalent=round(raw_cps, 1),
            loadavg=round(os.getloadavg()[0], 2),
        )
        if args.grouped:
            # Same texts in the ingest's groups: padding is sorted within a group only.
            t0 = time.perf_counter()
            for g in grouped_texts(app.corpus):
                app.embedder.embed(g, batch_size=batch)
            grouped = time.perf_counter() - t0
            emit(
                "raw_embedding_grouped_like_ingest",
                seconds=round(grouped, 2),
                chunks_per_s_equivalent=round(n_chunks / grouped, 1),
            )
        emit("ingest_vs_embedding", ratio=round(ingest_cps / raw_cps, 3), target=0.9)
        emit("peak_rss", mb=peak_rss_mb())

        # Re-ingests in a fresh App, as a second CLI run would (registry loaded from disk).
        app2 = make_app(data_dir)
        t0 = time.perf_counter()
        r2 = app2.ingest([corpus_dir])
        emit(
            "reingest_unchanged",
            seconds=round(time.perf_counter() - t0, 2),
            unchanged=r2.unchanged,
            embedded=r2.chunks_embedded,
            documents=r2.documents,
        )
        files = sorted(corpus_dir.glob("*.txt"))
        changed = len(change_files(files, 0.01, args.seed))
        app3 = make_app(data_dir)
        with profiled(app3) as timers:
            t0 = time.perf_counter()
            r3 = app3.ingest([corpus_dir])
            secs = time.perf_counter() - t0
        emit(
            "reingest_1pct_changed",
            seconds=round(secs, 2),
            changed_files=changed,
            ingested=r3.ingested,
            chunks_embedded=r3.chunks_embedded,
            stages={k: round(v, 2) for k, v in sorted(timers.seconds.items(), key=lambda x: -x[1])},
        )
        emit("peak_rss_final", mb=peak_rss_mb())
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
