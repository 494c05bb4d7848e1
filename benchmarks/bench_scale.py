"""How the ingest and retrieval figures grow with corpus size, in steps of one growing store.

    python benchmarks/bench_scale.py [--steps 1000,10000,100000] [--seed 0] [--server]
        [--corpus DIR] [--keep DIR] [--out bench-out/scale] [--queries 100] [--embedder hashed]

Generates one corpus (make_corpus, deterministic for a seed) just big enough for the largest
step, counting each file's chunks with the ingest's own parse and chunking, so every step
ingests the first files holding at least that many chunks. One data directory grows from step
to step: a step ingests only the files the previous step did not have (the ingest skips
unchanged files), so the embedding work is done once. At each step, one JSON line per figure:
ingest throughput of the new files, re-ingest unchanged, re-ingest with 1% of the files
changed (edited copies swapped in, then reverted), registry load, hybrid search p50/p99 with
its per-stage split in a fresh App (optionally against a `chroma run` server), BM25 build /
load / size, sizes on disk, peak RSS. Writes <out>/scale.jsonl, scale.md and scale.png
(the PNG needs the `bench` extra: matplotlib) after every step, so a long run that stops
early still leaves its finished steps behind.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil

from agent.app import App
from agent.ingest.parse import parse_document
from agent.ingest.pipeline import IngestReport, discover, make_chunks, read_document_text
from agent.settings import load_settings
from benchmarks.bench_ingest import files_changed, make_app, peak_rss_mb, profiled
from benchmarks.bench_retrieval import (
    bench_bm25,
    bench_queries,
    chroma_server,
    collecting,
    emit,
    make_queries,
)
from benchmarks.make_corpus import SEEDS_DIR, iter_generated, write_corpus
from benchmarks.scale_report import write_reports

CHANGE_SHARE = 0.01


def chunk_count(doc_id: str, path: str, text: str, max_chars: int) -> int:
    """Chunks the ingest will make of this text (the same parse and chunking)."""
    doc = parse_document(doc_id, path, text)
    return sum(len(make_chunks(a, max_chars)) for a in doc.articles)


def existing_corpus(corpus_dir: Path, target: int, max_chars: int) -> list[tuple[Path, int]]:
    """(file, chunks) in ingest order, up to the first prefix holding `target` chunks."""
    files, errors = discover([corpus_dir])
    if errors:
        sys.exit(f"{corpus_dir}: {errors[0].error}")
    out: list[tuple[Path, int]] = []
    total = 0
    for f in files:
        n = chunk_count(f.stem, str(f), read_document_text(f), max_chars)
        out.append((f, n))
        total += n
        if total >= target:
            return out
    sys.exit(f"{corpus_dir} holds {total} chunks in {len(files)} files, fewer than {target}")


def generated_corpus(
    corpus_dir: Path, target: int, seed: int, dup_rate: float, seed_sentences: bool, mc: int
) -> list[tuple[Path, int]]:
    """Generate articles until they hold `target` chunks; write them to `corpus_dir`."""
    docs, counts, total = [], [], 0
    for d in iter_generated(seed, dup_rate, SEEDS_DIR, use_seed_sentences=seed_sentences):
        n = chunk_count(d.name, d.name, d.text, mc)
        docs.append(d)
        counts.append(n)
        total += n
        if total >= target:
            break
    write_corpus(docs, corpus_dir)
    return [(corpus_dir / f"{d.name}.txt", n) for d, n in zip(docs, counts, strict=True)]


def files_per_step(counts: list[int], targets: list[int]) -> list[int]:
    """For each target, the number of leading files whose chunks first reach it."""
    sizes: list[int] = []
    total, i = 0, 0
    for t in targets:
        while total < t and i < len(counts):
            total += counts[i]
            i += 1
        sizes.append(i)
    return sizes


def dir_mb(path: Path) -> float:
    if not path.exists():
        return 0.0
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 2**20, 1)


def registry_mb(data_dir: Path) -> float:
    """The registry's size on disk, either format (registry.sqlite3 with its WAL, or the
    registry.json of data dirs from before it)."""
    files = [*data_dir.glob("registry.sqlite3*"), data_dir / "registry.json"]
    return round(sum(dir_mb(p) for p in files), 1)


def load1() -> float:
    return round(os.getloadavg()[0], 2)


def stage_split(timers: Any) -> dict[str, float]:
    return {k: round(v, 2) for k, v in sorted(timers.seconds.items(), key=lambda kv: -kv[1])}


@contextmanager
def timed_ingest(
    data_dir: Path, files: list[Path], embedder: str = "minilm"
) -> Iterator[tuple[IngestReport, float, Any]]:
    """One ingest in a fresh App (registry read from disk, as a new CLI run would), profiled.
    The model is loaded and warmed and Chroma opened before the clock starts."""
    app = make_app(data_dir, embedder)
    with profiled(app) as timers:
        t0 = time.perf_counter()
        report = app.ingest(files)
        secs = time.perf_counter() - t0
    yield report, secs, timers
    del app
    gc.collect()  # drop this App's registry copy before the next one loads its own


def ingest_figures(
    data_dir: Path, files: list[Path], work: Path, step: int, revert: bool, embedder: str
) -> None:
    with timed_ingest(data_dir, files, embedder) as (r, secs, timers):
        emit(
            "ingest_new_files",
            files=len(files),
            new_files=r.ingested,
            chunks_embedded=r.chunks_embedded,
            chunks_total=r.chunks,
            articles=r.articles,
            seconds=round(secs, 2),
            chunks_per_s=round(r.chunks_embedded / secs, 1) if r.chunks_embedded else None,
            embed_s=round(timers.seconds["embed"], 2),
            stages=stage_split(timers),
            errors=len(r.errors),
            loadavg=load1(),
        )
    with timed_ingest(data_dir, files, embedder) as (r, secs, timers):
        emit(
            "reingest_unchanged",
            seconds=round(secs, 2),
            unchanged=r.unchanged,
            chunks_embedded=r.chunks_embedded,
            stages=stage_split(timers),
        )
    # Edited in place and put back afterwards (files_changed): the revert below re-ingests
    # the generated texts, so the next step grows the same corpus.
    with files_changed(files, CHANGE_SHARE, step) as edited, timed_ingest(
        data_dir, files, embedder
    ) as (r, secs, timers):
        emit(
            "reingest_1pct_changed",
            seconds=round(secs, 2),
            changed_files=len(edited),
            ingested=r.ingested,
            chunks_embedded=r.chunks_embedded,
            stages=stage_split(timers),
        )
        if r.ingested != len(edited):  # a figure that re-ingested nothing measures nothing
            raise SystemExit(f"re-ingest took {r.ingested} of {len(edited)} changed files: "
                             f"{[e.error for e in r.errors[:3]]}")
    if revert:  # back to the generated texts, so the next step grows the same corpus
        with timed_ingest(data_dir, files, embedder) as (r, secs, _):
            emit("reingest_revert", seconds=round(secs, 2), ingested=r.ingested)


def cold_search(data_dir: Path) -> None:
    """bench_search_cold in a new process: first search with the registry opened from disk,
    and a search-only process's peak RSS."""
    script = Path(__file__).resolve().parent / "bench_search_cold.py"
    out = subprocess.run(
        [sys.executable, str(script), "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    record = json.loads(out.strip().splitlines()[-1])
    emit(record.pop("figure"), **record)


def retrieval_figures(data_dir: Path, queries: list[str], server: bool, evidence: bool) -> None:
    app = App(load_settings(data_dir=data_dir))
    t0 = time.perf_counter()
    corpus = app.corpus
    t1 = time.perf_counter()
    _ = app.store, app.sentence_store
    t2 = time.perf_counter()
    _ = app.retriever  # the ingest left the BM25 index stale: this builds and saves it
    t3 = time.perf_counter()
    emit(
        "retriever_open",
        seconds=round(t3 - t0, 2),
        registry_load_s=round(t1 - t0, 2),
        chroma_open_s=round(t2 - t1, 2),
        keyword_index_s=round(t3 - t2, 2),
        documents=len(corpus.records()),
        registry_mb=registry_mb(data_dir),
    )
    bench_bm25(app)
    bench_queries(app, queries, "embedded", evidence=evidence)
    del app
    gc.collect()
    cold_search(data_dir)
    if server:
        with tempfile.TemporaryDirectory(prefix="sb-scale-chroma-") as tmp:
            # A copy, so the server never shares files with this process's PersistentClient.
            shutil.copytree(data_dir / "chroma", Path(tmp) / "chroma")
            with chroma_server(Path(tmp) / "chroma", Path(tmp) / "chroma.log") as url:
                remote = App(load_settings(data_dir=data_dir, chroma_url=url))
                bench_queries(remote, queries, "server", evidence=evidence)
                del remote
                gc.collect()


def parse_steps(text: str) -> list[int]:
    try:
        steps = sorted({int(s) for s in text.split(",") if s.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of chunk counts: {text!r}") from None
    if not steps or steps[0] < 1:
        raise argparse.ArgumentTypeError("steps must be positive chunk counts")
    return steps


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--steps", type=parse_steps, default=[1000, 10000, 100000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dup-rate", type=float, default=0.05)
    ap.add_argument("--no-seed-sentences", action="store_true", help="distractor corpus")
    ap.add_argument("--corpus", type=Path, help="reuse this corpus (generated into it if empty)")
    ap.add_argument("--keep", type=Path, help="grow the data dir here and keep it")
    ap.add_argument(
        "--resume",
        action="store_true",
        help="use the non-empty --keep data dir as it is (e.g. one grown by an older version, "
        "whose registry the first ingest then migrates: its time is that step's ingest row)",
    )
    ap.add_argument("--out", type=Path, default=Path("bench-out/scale"))
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--server", action="store_true", help="also time a `chroma run` server")
    ap.add_argument("--evidence", action="store_true", help="also time gather_evidence (slow)")
    ap.add_argument(
        "--embedder",
        choices=["minilm", "hashed"],
        default="minilm",
        help="hashed: a fast feature-hashing stand-in for the ingests (store figures only)",
    )
    args = ap.parse_args(argv)

    preamble = [
        emit(
            "environment",
            cpus=os.cpu_count(),
            loadavg=[round(x, 2) for x in os.getloadavg()],
            embedder=args.embedder,
        )
    ]
    work = Path(tempfile.mkdtemp(prefix="sb-bench-scale-"))
    try:
        data_dir = args.keep or work / "data"
        if data_dir.exists() and any(data_dir.iterdir()) and not args.resume:
            sys.exit(f"{data_dir} is not empty: the benchmark needs a fresh data directory")
        max_chars = load_settings(data_dir=data_dir).chunk_max_chars
        corpus_dir = args.corpus or work / "corpus"
        t0 = time.perf_counter()
        if corpus_dir.exists() and any(corpus_dir.glob("*.txt")):
            planned, generated = existing_corpus(corpus_dir, args.steps[-1], max_chars), False
        else:
            planned = generated_corpus(
                corpus_dir,
                args.steps[-1],
                args.seed,
                args.dup_rate,
                not args.no_seed_sentences,
                max_chars,
            )
            generated = True
        files = [f for f, _ in planned]
        sizes = files_per_step([n for _, n in planned], args.steps)
        preamble.append(
            emit(
                "corpus",
                dir=str(corpus_dir),
                generated=generated,
                files=len(files),
                chunks_counted=sum(n for _, n in planned),
                seconds=round(time.perf_counter() - t0, 2),
                seed=args.seed if generated else None,  # unknown for a given corpus
                seed_sentences=not args.no_seed_sentences if generated else None,
            )
        )
        del planned
        queries = make_queries(args.queries, args.seed)
        rows: list[list[dict[str, Any]]] = []
        for i, (target, n_files) in enumerate(zip(args.steps, sizes, strict=True), start=1):
            last = i == len(args.steps)
            with collecting() as records:
                emit(
                    "step",
                    step=i,
                    target_chunks=target,
                    files=n_files,
                    cpus=os.cpu_count(),
                    loadavg=load1(),
                )
                ingest_figures(
                    data_dir,
                    files[:n_files],
                    work,
                    i,
                    revert=not last or bool(args.keep),
                    embedder=args.embedder,
                )
                retrieval_figures(data_dir, queries, args.server, args.evidence)
                emit(
                    "disk",
                    chroma_mb=dir_mb(data_dir / "chroma"),
                    bm25_mb=dir_mb(data_dir / "bm25"),
                    registry_mb=registry_mb(data_dir),
                    texts_mb=dir_mb(data_dir / "texts"),
                )
                rss = psutil.Process().memory_info().rss
                emit("peak_rss", mb=peak_rss_mb(), current_mb=round(rss / 2**20, 1))
            rows.append([{"step": i, **r} for r in records])
            print(write_reports(rows, args.out, preamble), file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
