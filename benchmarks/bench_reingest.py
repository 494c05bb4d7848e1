"""Re-ingest of an unchanged corpus into an existing data dir, as a new process sees it.

    python benchmarks/bench_reingest.py --data-dir /tmp/sb-scale-data \
        --corpus /tmp/sb-scale-corpus [--repeat 3]

Each repeat is a fresh `App` (what `sourcebound ingest` does), timed in two parts: opening
the app plus the ingest call (`total_s`), and the ingest call alone (`ingest_s`, the report's
own seconds). The first repeat of a data dir made before `registry-index.json` existed also
writes that sidecar, so read the later repeats. Nothing is embedded unless files changed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.app import App
from agent.settings import load_settings
from benchmarks.bench_ingest import emit


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    emit("environment", cpus=os.cpu_count(), loadavg=[round(x, 2) for x in os.getloadavg()])
    for i in range(args.repeat):
        t0 = time.perf_counter()
        report = App(load_settings(data_dir=args.data_dir)).ingest([args.corpus])
        emit(
            "reingest_unchanged",
            repeat=i + 1,
            files=report.unchanged + report.ingested,
            unchanged=report.unchanged,
            ingested=report.ingested,
            total_s=round(time.perf_counter() - t0, 3),
            ingest_s=report.seconds,
            loadavg=round(os.getloadavg()[0], 2),
        )


if __name__ == "__main__":
    main()
