"""What the figure-rival scan adds to gathering a claim's evidence (no model call):
`Verifier.gather` per claim with the scan (agent.verification.measures.figure_rivals) and
with it switched off, p50/p90 in milliseconds, and how many rival sentences it added.

    python benchmarks/bench_rivals.py --data-dir DIR --claims FILE [--repeat 3]

DIR holds an ingest of a story (e.g. the one `sourcebound eval --stories dev` makes under
<data_dir>/stories/<id>); FILE is a claims JSONL (`claim` per line). One JSON line per figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.app import App
from agent.settings import load_settings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--claims", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    claims = [json.loads(x)["claim"] for x in args.claims.read_text().splitlines() if x.strip()]
    verifier = App(load_settings(data_dir=args.data_dir)).verifier()
    for c in claims:  # warm: embeddings, sentence analyses, article loads
        verifier.gather(c)
    scan = verifier.evidence._figure_rivals
    for name, off in (("with_scan", False), ("without_scan", True)):
        verifier.evidence._figure_rivals = (  # type: ignore[method-assign]
            (lambda claim, sources: []) if off else scan)
        times, added = [], 0
        for _ in range(args.repeat):
            for c in claims:
                t0 = time.perf_counter()
                got = verifier.gather(c)
                times.append((time.perf_counter() - t0) * 1000)
                added += sum(e.label == "F" for _, e in got)
        q = statistics.quantiles(times, n=10)
        print(json.dumps({"figure": f"gather_ms_{name}", "claims": len(claims),
                          "p50": round(statistics.median(times), 1), "p90": round(q[8], 1),
                          "rival_sentences": added // args.repeat, "cpus": os.cpu_count(),
                          "load": [round(x, 2) for x in os.getloadavg()]}))


if __name__ == "__main__":
    main()
