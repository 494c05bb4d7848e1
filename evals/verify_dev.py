"""Claim-verification dev run: (a) the model asked directly vs (b) the full pipeline.

(a) retrieves the same evidence sentences (top 6, hybrid search + sentence selection) and asks
the model for one verdict in one constrained call; (b) is
`agent.verification.verify.Verifier`. Both use the
configured backend (the local default unless told otherwise). Prints one JSON line per mode
and writes everything (per-claim predictions too) to evals/results/verify_dev.json.

    SOURCEBOUND_MODELS_DIR=/work/main/.sourcebound/models \\
        .venv/bin/python -m evals.verify_dev [--modes direct,pipeline,rules] [--limit N]

`rules` is the pipeline with the model never asked (code signals only): the ablation that
shows what the model adds. `--claims evals/data/claims_heldout.jsonl` runs the held-out
claims, written after the rules were tuned on the dev set (use another `--out`).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from agent.app import App
from agent.generation.answer import render_evidence
from agent.llm.prompts import load_prompt
from agent.retrieval.evidence import select_evidence
from agent.settings import load_settings
from evals.datasets import load_claims
from evals.metrics import percentile, verdict_scores

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "evals" / "results" / "verify_dev.json"


class DirectVerdict(BaseModel):
    verdict: Literal["supported", "refuted", "not_enough_info", "conflicting"]
    evidence: list[str] = []


def direct(app: App, claim: str) -> str:
    hits = app.retriever.search(claim, 8)
    ev = select_evidence(claim, hits, app.corpus, app.embedder, max_sentences=6)
    prompt = load_prompt("verify_direct")
    chain = prompt.template | app.llm.structured(DirectVerdict)
    out = chain.invoke({"claim": claim, "evidence": render_evidence(ev.items)})
    return out.verdict


def run(
    modes: list[str], limit: int | None, data_dir: Path, claims: Path | None = None
) -> dict[str, Any]:
    settings = load_settings(data_dir=data_dir)
    app = App(settings)
    t0 = time.perf_counter()
    app.ingest([ROOT / "seeds"])
    ingest_s = time.perf_counter() - t0
    items = load_claims(claims)[:limit]
    report: dict[str, Any] = {"n": len(items), "ingest_s": round(ingest_s, 1), "modes": {}}
    for mode in modes:
        llm = None if mode == "rules" else app.llm
        verifier = app.verifier(use_model=mode != "rules", top_k=8)
        preds, lat, rows = [], [], []
        for item in items:
            t = time.perf_counter()
            if mode == "direct":
                pred = direct(app, item.claim)
                extra: dict[str, Any] = {}
            else:
                v = verifier.verify(item.claim, id=item.id)
                pred = v.verdict
                extra = {
                    "explanation": v.explanation,
                    "model_calls": v.model_calls,
                    "parts": [a.claim for a in v.atomic],
                }
            dt = time.perf_counter() - t
            preds.append(pred)
            lat.append(dt)
            rows.append(
                {
                    "id": item.id,
                    "gold": item.verdict,
                    "pred": pred,
                    "latency_s": round(dt, 2),
                    **extra,
                }
            )
            print(f"{mode} {item.id} gold={item.verdict} pred={pred} {dt:.1f}s", file=sys.stderr)
        sc = verdict_scores([i.verdict for i in items], preds)
        summary = {
            "mode": mode,
            "backend": app.llm.backend if llm else "none",
            "model": app.llm.model_name if llm else "rules-only",
            "n": sc.n,
            "accuracy": round(sc.accuracy, 3),
            "balanced_accuracy": round(sc.balanced_accuracy, 3),
            "per_label_recall": {k: round(v, 3) for k, v in sc.per_label_recall.items()},
            "latency_p50_s": round(percentile(lat, 50), 2),
            "latency_p90_s": round(percentile(lat, 90), 2),
        }
        print(json.dumps(summary), flush=True)
        report["modes"][mode] = {**summary, "confusion": sc.confusion, "items": rows}
    return report


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--modes", default="direct,pipeline")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--data-dir", type=Path, default=None, help="default: a fresh temp dir")
    ap.add_argument(
        "--claims", type=Path, default=None, help="default: evals/data/claims.jsonl"
    )
    args = ap.parse_args()
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    with tempfile.TemporaryDirectory(prefix="verify-dev-") as tmp:
        report = run(modes, args.limit, args.data_dir or Path(tmp), args.claims)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    previous: dict[str, Any] = json.loads(args.out.read_text()) if args.out.exists() else {}
    previous.setdefault("modes", {}).update(report["modes"])
    previous.update({k: v for k, v in report.items() if k != "modes"})
    args.out.write_text(json.dumps(previous, indent=1))


if __name__ == "__main__":
    main()
