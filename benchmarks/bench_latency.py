"""Where the seconds of one answer go, cold (a new process) and warm (same process).

Each cold run is a new Python process (this script with --child) that answers one question
of `evals/data/qa.jsonl` from an ingested data dir with the configured backend (the local
model by default) and reports, per stage:

- imports: `import agent.cli` (what the `sourcebound` command imports before it runs);
- open: App + Answerer built (settings, corpus registry, Chroma, BM25);
- embedder load: the MiniLM ONNX session and its first embedding;
- model load: the GGUF opened by llama.cpp (plus any prefix state read from disk);
- retrieval: query vector, hybrid search, sentence neighbours (Retriever calls);
- evidence: the rest of gather_evidence (scoring and choosing sentences);
- llm: the model call(s), split by llama.cpp's own counters into prompt processing
  (tokens actually evaluated, tok/s) and decoding (tokens, tok/s); what is left of the call
  is sampling / grammar / Python overhead;
- checks: the rest of `Answerer.ask` (citation checks, versions, repair).

The last cold process then answers `--warm` more questions (model loaded, caches hot).
The "limit" line divides the tokens that must be processed by the measured rates: the
variable part of each prompt (what follows the prefix all prompts share) at the prompt rate,
plus the generated tokens at the decode rate; "limit (whole prompt)" counts every prompt
token, as a process with no reusable prefix must.

    python benchmarks/bench_latency.py --data-dir /tmp/sb-data --cold 3 --warm 8

One JSON line per run on stdout, then a summary table (medians) with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

T_START = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
QA = ROOT / "evals" / "data" / "qa.jsonl"


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def _questions() -> list[str]:
    return [json.loads(line)["question"] for line in QA.read_text().splitlines() if line.strip()]


class _Timer:
    """Adds wall seconds of wrapped calls under a stage name."""

    def __init__(self) -> None:
        self.s: dict[str, float] = {}

    def wrap(self, obj: Any, name: str, stage: str) -> None:
        fn = getattr(obj, name)

        def timed(*a: Any, **kw: Any) -> Any:
            t = time.perf_counter()
            r0 = self.s.get("retrieval", 0.0)
            try:
                return fn(*a, **kw)
            finally:
                self.s[stage] = self.s.get(stage, 0.0) + time.perf_counter() - t
                if stage == "evidence_total":  # retrieval done for the evidence
                    inner = self.s.get("retrieval", 0.0) - r0
                    self.s["retrieval_evidence"] = self.s.get("retrieval_evidence", 0.0) + inner

        setattr(obj, name, timed)


def _perf(llama: Any) -> tuple[float, int, float, int]:
    import llama_cpp

    p = llama_cpp.llama_perf_context(llama._ctx.ctx)
    return float(p.t_p_eval_ms), int(p.n_p_eval), float(p.t_eval_ms), int(p.n_eval)


def child(question_indexes: list[int]) -> None:
    """One process: the first question cold, the rest warm; one JSON line each."""
    t0 = time.perf_counter()
    import agent.cli  # noqa: F401  (the CLI's import set)
    from agent.app import App
    from agent.settings import load_settings

    t_imports = time.perf_counter() - t0
    t0 = time.perf_counter()
    app = App(load_settings())
    answerer = app.answerer()
    t_open = time.perf_counter() - t0
    t0 = time.perf_counter()
    app.embedder.embed(["warm up"])
    t_embedder = time.perf_counter() - t0
    llm = answerer.llm
    t0 = time.perf_counter()
    loaded = llm.chat._loaded() if hasattr(llm.chat, "_loaded") else None
    t_model = time.perf_counter() - t0
    llama = loaded.llama if loaded is not None else None

    timer = _Timer()
    for name in ("query_vector", "search", "similar_sentences"):
        timer.wrap(answerer.retriever, name, "retrieval")
    timer.wrap(answerer, "evidence", "evidence_total")
    # StructuredOutput holds the bound _invoke it was built with: wrap that one.
    timer.wrap(llm._structured, "_invoke", "llm")
    timer.wrap(llm, "stream_text", "llm")
    questions = _questions()
    for n, qi in enumerate(question_indexes):
        timer.s.clear()
        p0 = _perf(llama) if llama is not None else (0.0, 0, 0.0, 0)
        t0 = time.perf_counter()
        ans = answerer.ask(questions[qi])
        wall = time.perf_counter() - t0
        p1 = _perf(llama) if llama is not None else p0
        s = timer.s
        retrieval = s.get("retrieval_evidence", 0.0)
        evidence = s.get("evidence_total", 0.0) - retrieval
        llm_s = s.get("llm", 0.0)
        pp_ms, pp_n = p1[0] - p0[0], p1[1] - p0[1]
        dec_ms, dec_n = p1[2] - p0[2], p1[3] - p0[3]
        row: dict[str, Any] = {
            "kind": "cold" if n == 0 else "warm",
            "question": qi,
            "ask_s": round(wall, 3),
            "retrieval_s": round(retrieval, 3),
            "evidence_s": round(evidence, 3),
            "llm_s": round(llm_s, 3),
            "prompt_tokens": ans.tokens_in,
            "prompt_evaluated": pp_n,
            "prompt_eval_s": round(pp_ms / 1000, 3),
            "prompt_tok_s": round(pp_n / (pp_ms / 1000), 1) if pp_ms > 0 else None,
            "generated_tokens": ans.tokens_out,
            "decode_evals": dec_n,
            "decode_s": round(dec_ms / 1000, 3),
            "decode_tok_s": round(dec_n / (dec_ms / 1000), 1) if dec_ms > 0 else None,
            "llm_other_s": round(llm_s - (pp_ms + dec_ms) / 1000, 3),
            # citation checks, repair, other outlets' versions (their lookups included)
            "checks_s": round(wall - s.get("evidence_total", 0.0) - llm_s, 3),
            "abstained": ans.abstained,
            "answer": ans.answer,
            "load": _load(),
        }
        if n == 0:
            row.update(
                imports_s=round(t_imports, 3),
                open_s=round(t_open, 3),
                embedder_load_s=round(t_embedder, 3),
                model_load_s=round(t_model, 3),
                process_s=round(time.perf_counter() - T_START, 3),
            )
        if llama is not None:
            row["context_ids"] = [int(t) for t in llama.input_ids[: llama.n_tokens]]
        print(json.dumps(row), flush=True)


def _median(rows: list[dict[str, Any]], key: str) -> float | None:
    vals = [r[key] for r in rows if r.get(key) is not None]
    return round(statistics.median(vals), 3) if vals else None


def _shared_prefix(rows: list[dict[str, Any]]) -> int:
    ids = [r["context_ids"] for r in rows if r.get("context_ids") and r["llm_s"] > 0]
    if len(ids) < 2:
        return 0
    n = min(len(x) for x in ids)
    for i in range(n):
        if any(x[i] != ids[0][i] for x in ids[1:]):
            return i
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, help="ingested data dir (SOURCEBOUND_DATA_DIR)")
    ap.add_argument("--cold", type=int, default=3, help="new processes, one question each")
    ap.add_argument("--warm", type=int, default=8, help="questions after the last cold one")
    ap.add_argument("--first", type=int, default=0, help="index of the first question")
    ap.add_argument("--child", type=str, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child is not None:
        child([int(x) for x in args.child.split(",")])
        return
    env = dict(os.environ)
    if args.data_dir:
        env["SOURCEBOUND_DATA_DIR"] = str(args.data_dir)
    n_q = len(_questions())
    rows: list[dict[str, Any]] = []
    for c in range(args.cold):
        idx = [(args.first + c) % n_q]
        if c == args.cold - 1:
            idx += [(args.first + args.cold + w) % n_q for w in range(args.warm)]
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child", ",".join(map(str, idx))],
            env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True,
        )
        assert proc.stdout is not None
        for line in proc.stdout:  # rows as they come: a run stopped early keeps them
            row = json.loads(line)
            if row["kind"] == "cold":
                row["process_wall_s"] = round(time.perf_counter() - t0, 3)
            rows.append(row)
            print(json.dumps({k: v for k, v in row.items() if k != "context_ids"}), flush=True)
        if proc.wait() != 0:
            sys.exit(f"child failed ({proc.returncode})")
    prefix = _shared_prefix(rows)
    cold = [r for r in rows if r["kind"] == "cold"]
    warm = [r for r in rows if r["kind"] == "warm"]
    keys = [
        "process_wall_s", "imports_s", "open_s", "embedder_load_s", "model_load_s", "ask_s",
        "retrieval_s", "evidence_s", "llm_s", "prompt_tokens", "prompt_evaluated",
        "prompt_eval_s", "prompt_tok_s", "generated_tokens", "decode_s", "decode_tok_s",
        "llm_other_s", "checks_s",
    ]
    print(f"\nload average (1/5/15 min) at the end: {_load()}; {os.cpu_count()} CPUs; "
          f"{len(cold)} cold processes, {len(warm)} warm questions; medians")
    print(f"{'stage':<20}{'cold':>10}{'warm':>10}")
    for key in keys:
        cv, wv = _median(cold, key), _median(warm, key)
        print(f"{key:<20}{'' if cv is None else cv:>10}{'' if wv is None else wv:>10}")
    answered = [r for r in rows if r["prompt_tokens"]]
    pp = _median(answered, "prompt_tok_s")
    dec = _median(answered, "decode_tok_s")
    if pp and dec and answered:
        n_prompt = statistics.median(r["prompt_tokens"] for r in answered)
        n_gen = statistics.median(r["generated_tokens"] for r in answered)
        var = max(0.0, n_prompt - prefix)
        lim = var / pp + n_gen / dec
        whole = n_prompt / pp + n_gen / dec
        print(
            f"limit: ({n_prompt:.0f} prompt tokens - {prefix} shared prefix) / {pp} tok/s + "
            f"{n_gen:.0f} generated / {dec} tok/s = {lim:.2f} s per answer; "
            f"limit (whole prompt) {whole:.2f} s"
        )
    print(json.dumps({"summary": True, "load": _load(), "shared_prefix_tokens": prefix,
                      "cold": {k: _median(cold, k) for k in keys},
                      "warm": {k: _median(warm, k) for k in keys}}))


if __name__ == "__main__":
    main()
