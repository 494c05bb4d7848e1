"""Concurrent `ask --file` throughput against an OpenAI-compatible server with fixed latency.

    python benchmarks/bench_concurrency.py [--latency 0.5] [--questions 24] [--levels 1,2,4,8]

Starts the fake OpenAI-compatible server of the tests (tests/faultserver.py, 127.0.0.1) with
every reply held for `--latency` seconds (its responder plays a well-behaved model), ingests
seeds/ into a fresh temporary data directory with the real App (Chroma PersistentClient +
MiniLM int8), and answers the same questions (the first N of evals/data/qa.jsonl, written to
a JSONL file and read back as `ask --file` reads it) through `ask --file`'s own batch path
(`answer_items`) at each concurrency level. One warm-up question first (model load, BM25
index), then one run with no latency at one worker: the time that is not the model's, which
is what caps the speed-up on a small machine. Prints one JSON line per figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the fake server

from faultserver import FaultServer, running, slow

from agent.app import App
from agent.cli.ask_cmds import answer_items, read_items
from agent.generation.answer import Answerer
from agent.generation.batch import batch_workers
from agent.settings import load_settings
from benchmarks.bench_ingest import emit

ROOT = Path(__file__).resolve().parent.parent
QA = ROOT / "evals" / "data" / "qa.jsonl"
SEEDS = ROOT / "seeds"


def machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "loadavg": round(os.getloadavg()[0], 2)}


def write_questions(path: Path, n: int) -> int:
    rows = [json.loads(line) for line in QA.read_text(encoding="utf-8").splitlines() if line]
    rows = rows[:n]
    path.write_text(
        "".join(json.dumps({"id": r["id"], "question": r["question"]}) + "\n" for r in rows),
        encoding="utf-8",
    )
    return len(rows)


def timed_batch(answerer: Answerer, app: App, qfile: Path, workers: int) -> tuple[float, list[Any]]:
    items = read_items(qfile, "question")
    t0 = time.perf_counter()
    results = list(answer_items(answerer, items, batch_workers(app.settings, workers)))
    return time.perf_counter() - t0, results


def answers(results: list[Any]) -> dict[str, str]:
    return {str(r.id): r.answer for r in results if not isinstance(r, dict)}


def errors(results: list[Any]) -> int:
    return sum(1 for r in results if isinstance(r, dict) or r.error is not None)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--latency", type=float, default=0.5, help="seconds per model request")
    ap.add_argument("--questions", type=int, default=24)
    ap.add_argument("--levels", default="1,2,4,8", help="concurrency levels, comma-separated")
    args = ap.parse_args(argv)
    levels = [int(x) for x in args.levels.split(",")]

    emit("environment", cpus=os.cpu_count(), loadavg=[round(x, 2) for x in os.getloadavg()])
    work = Path(tempfile.mkdtemp(prefix="sb-bench-concurrency-"))
    try:
        with running() as server:
            bench(server, work, args.latency, args.questions, levels)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench(server: FaultServer, work: Path, latency: float, n: int, levels: list[int]) -> None:
    settings = load_settings(
        data_dir=work / "data",
        backend="openai-compatible",
        openai_base_url=server.base_url,
        openai_api_key="not-needed",
        max_retries=0,  # a failure is an error figure, not a hidden retry
        request_timeout_s=max(30.0, latency * 4),
    )
    app = App(settings)
    report = app.ingest([SEEDS])
    emit("ingest", documents=report.documents, chunks=report.chunks_embedded)
    answerer = app.answerer()
    qfile = work / "questions.jsonl"
    questions = write_questions(qfile, n)
    warm = work / "warm.jsonl"
    write_questions(warm, 1)
    timed_batch(answerer, app, warm, 1)  # ONNX session, tokenizer, Chroma segments

    server.default = slow(0.0)
    server.clear()
    secs, _ = timed_batch(answerer, app, qfile, 1)
    requests = len(server.requests)
    emit(
        "ask_without_model_latency",
        concurrency=1,
        questions=questions,
        wall_s=round(secs, 2),
        s_per_question=round(secs / questions, 3),
        model_requests=requests,
        **machine(),
    )

    server.default = slow(latency)
    first: dict[str, Any] = {}
    for j in levels:
        server.clear()
        secs, results = timed_batch(answerer, app, qfile, j)
        first = first or {"wall_s": secs, "answers": answers(results)}
        emit(
            "ask_concurrency",
            concurrency=j,
            questions=questions,
            latency_s=latency,
            wall_s=round(secs, 2),
            questions_per_s=round(questions / secs, 2),
            speedup_vs_1=round(first["wall_s"] / secs, 2),
            server_max_in_flight=server.max_in_flight,
            model_requests=len(server.requests),
            errors=errors(results),
            same_answers_as_first=answers(results) == first["answers"],
            **machine(),
        )


if __name__ == "__main__":
    main()
