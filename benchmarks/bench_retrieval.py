"""Retrieval latency on an ingested corpus: hybrid search and gather_evidence p50/p99, BM25
index build/load time and memory; optionally the same against a `chroma run` server.

    python benchmarks/bench_retrieval.py --data-dir DIR [--queries 100] [--server]

DIR is a data directory that already holds an ingest (e.g. `bench_ingest.py --keep DIR`).
Queries: the hand-written eval questions plus templated questions in the synthetic corpus's
vocabulary, so both seed-like and corpus-like wording are timed. One JSON line per figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil

from agent.app import App
from agent.retrieval.evidence import gather_evidence
from agent.retrieval.retrieve import keyword_index
from agent.settings import load_settings
from benchmarks.make_corpus import MONTH_LIST, ORG_LIST, PLACE_LIST, TOPIC_LIST
from vectorstore.keyword import BM25Index

SERVER_START_TIMEOUT_S = 45.0
QUESTION_TEMPLATES = [
    "What did {org} decide about {topic}?",
    "How much will be spent on {topic} in {place}?",
    "Who criticised the plan for {topic}?",
    "When will work on {topic} in {place} begin?",
    "{topic} {place} complaints",
    "How many households in {place} were affected?",
    "What did officials say in {month} about {topic}?",
    "Why did protesters gather in {place}?",
]


_SINKS: list[Callable[[dict[str, Any]], None]] = []


def emit(figure: str, **values: Any) -> dict[str, Any]:
    record = {"figure": figure, **values}
    print(json.dumps(record), flush=True)
    for sink in _SINKS:
        sink(record)
    return record


@contextmanager
def collecting() -> Iterator[list[dict[str, Any]]]:
    """Also collect the figures emitted inside the block, for a script that tabulates them
    (bench_scale) while the functions here keep printing their lines as they go."""
    records: list[dict[str, Any]] = []
    _SINKS.append(records.append)
    try:
        yield records
    finally:
        _SINKS.remove(records.append)


def percentiles(samples_s: list[float]) -> dict[str, float]:
    ms = sorted(x * 1000 for x in samples_s)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 1),
        "p90_ms": round(q[89], 1),
        "p99_ms": round(q[98], 1),
        "max_ms": round(ms[-1], 1),
    }


def make_queries(n: int, seed: int) -> list[str]:
    queries: list[str] = []
    try:
        from evals.datasets import load_qa

        queries = [item.question for item in load_qa()]
    except Exception as e:  # the eval set is optional here; templated queries suffice
        print(f"eval questions unavailable ({e}); using templates only", file=sys.stderr)
    rng = random.Random(seed)
    while len(queries) < n:
        queries.append(
            rng.choice(QUESTION_TEMPLATES).format(
                org=rng.choice(ORG_LIST),
                topic=rng.choice(TOPIC_LIST),
                place=rng.choice(PLACE_LIST),
                month=rng.choice(MONTH_LIST),
            )
        )
    rng.shuffle(queries)
    return queries[:n]


def time_each(queries: list[str], fn: Callable[[str], object], warm: int = 3) -> list[float]:
    for q in queries[:warm]:
        fn(q)
    out: list[float] = []
    for q in queries:
        t0 = time.perf_counter()
        fn(q)
        out.append(time.perf_counter() - t0)
    return out


def bench_bm25(app: App) -> None:
    chunks = app.corpus.chunks()
    ids, texts = [c.id for c in chunks], [c.text for c in chunks]
    proc = psutil.Process()
    rss0 = proc.memory_info().rss
    t0 = time.perf_counter()
    index = BM25Index.from_corpus(ids, texts)
    build = time.perf_counter() - t0
    rss1 = proc.memory_info().rss
    # A second build for the allocation peak: tracemalloc slows the build ~3x, so the timed
    # build above runs without it.
    tracemalloc.start()
    BM25Index.from_corpus(ids, texts)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        index.save(tmp + "/bm25")
        save = time.perf_counter() - t0
        size = sum(f.stat().st_size for f in Path(tmp, "bm25").iterdir())
        t0 = time.perf_counter()
        BM25Index.load(tmp + "/bm25")
        load = time.perf_counter() - t0
    # What a new process pays before its first search: fingerprint check + load.
    t0 = time.perf_counter()
    keyword_index(app.corpus, app.settings.data_dir / "bm25")
    first_use = time.perf_counter() - t0
    emit(
        "bm25_index",
        chunks=len(ids),
        build_s=round(build, 3),
        build_peak_traced_mb=round(peak / 2**20, 1),
        rss_delta_mb=round((rss1 - rss0) / 2**20, 1),
        save_s=round(save, 3),
        load_s=round(load, 3),
        on_disk_mb=round(size / 2**20, 2),
        keyword_index_first_use_s=round(first_use, 3),
        persisted=True,
    )


def bench_queries(app: App, queries: list[str], label: str, evidence: bool = True) -> None:
    retriever = app.retriever
    k = app.settings.top_k
    emit(
        f"hybrid_search_{label}",
        k=k,
        chunks=app.store.count(),
        loadavg=round(os.getloadavg()[0], 2),
        **percentiles(time_each(queries, lambda q: retriever.search(q, k))),
    )
    vecs = {q: retriever.query_vector(q) for q in queries}
    n = max(k * 4, 20)
    emit(
        f"stage_vector_query_{label}",
        **percentiles(time_each(queries, lambda q: app.store.query(vecs[q], n))),
    )
    emit(
        f"stage_bm25_search_{label}",
        **percentiles(time_each(queries, lambda q: retriever.keywords.search(q, n))),
    )
    emit(
        f"stage_query_embedding_{label}",
        **percentiles(time_each(queries, retriever.query_vector)),
    )
    if not evidence:
        return
    emit(
        f"gather_evidence_{label}",
        loadavg=round(os.getloadavg()[0], 2),
        **percentiles(
            time_each(
                queries,
                lambda q: gather_evidence(
                    q, retriever, k=k, max_sentences=app.settings.evidence_sentences
                ),
            )
        ),
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def chroma_server(path: Path, log: Path) -> Iterator[str]:
    """`chroma run` on loopback over `path`; always terminated, startup wait bounded."""
    chroma = Path(sys.executable).parent / "chroma"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as fh:
        proc = subprocess.Popen(
            [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
            stdout=fh,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        t0 = time.perf_counter()
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"chroma exited with {proc.returncode}: see {log}")
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"chroma not up after {SERVER_START_TIMEOUT_S}s") from None
                time.sleep(0.2)
        emit("chroma_server_start", seconds=round(time.perf_counter() - t0, 2))
        yield url
        server = psutil.Process(proc.pid)
        cpu = server.cpu_times()
        # CPU time too: a server busy in the background (loading, compacting) competes with
        # the client's query embedding for the same cores.
        emit(
            "chroma_server_rss",
            mb=round(server.memory_info().rss / 2**20, 1),
            cpu_s=round(cpu.user + cpu.system, 2),
        )
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--server", action="store_true", help="also time a `chroma run` server")
    args = ap.parse_args(argv)
    if not any((args.data_dir / n).exists() for n in ("registry.sqlite3", "registry.json")):
        sys.exit(f"{args.data_dir} holds no ingest (no registry)")
    emit("environment", cpus=os.cpu_count(), loadavg=[round(x, 2) for x in os.getloadavg()])
    os.environ["SOURCEBOUND_DATA_DIR"] = str(args.data_dir)
    queries = make_queries(args.queries, args.seed)

    app = App(load_settings(data_dir=args.data_dir))
    t0 = time.perf_counter()
    _ = app.retriever
    emit("retriever_open", seconds=round(time.perf_counter() - t0, 2))
    bench_bm25(app)
    bench_queries(app, queries, "embedded")

    if args.server:
        with tempfile.TemporaryDirectory(prefix="sb-bench-chroma-") as tmp:
            # A copy, so the server never shares files with this process's PersistentClient.
            shutil.copytree(args.data_dir / "chroma", Path(tmp) / "chroma")
            with chroma_server(Path(tmp) / "chroma", Path(tmp) / "chroma.log") as url:
                remote = App(load_settings(data_dir=args.data_dir, chroma_url=url))
                bench_queries(remote, queries, "server")


if __name__ == "__main__":
    main()
