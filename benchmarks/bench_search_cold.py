"""First search in a new process on an existing data dir: where its seconds go, and the
process's peak RSS (a search-only process: nothing is ingested).

    python benchmarks/bench_search_cold.py --data-dir DIR [--query "..."] [--repeat 20]

Prints one JSON line `cold_search`: imports_s (App and its stages), registry_open_s (the
document registry opened and one chunk looked up), store_open_s (Chroma), keyword_index_s
(BM25 fingerprint check + load, or a rebuild if stale), first_search_s (query embedding
model load included), total_s (process start to first result, interpreter start excluded),
then search p50/p99 over `--repeat` more searches, and peak_rss_mb (VmHWM of this
process). bench_scale runs it in a subprocess at every step.
"""

from __future__ import annotations

import time

T_START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = [
    "What did the minister say about the budget?",
    "How many people were evacuated after the flood?",
    "When will the new bridge open?",
    "Who won the election in the northern region?",
    "What caused the power outage?",
]


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM). Not ru_maxrss: Linux carries that over from the
    parent across fork + exec, so a child of a 3 GB benchmark would report 3 GB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)  # kB
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--query", default=QUERIES[0])
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()

    from agent.app import App
    from agent.settings import load_settings

    t_imports = time.perf_counter()
    app = App(load_settings(data_dir=args.data_dir))
    corpus = app.corpus
    corpus.chunk("")  # first lookup: whatever opening the registry costs is paid here
    t_registry = time.perf_counter()
    _ = app.store, app.sentence_store
    t_store = time.perf_counter()
    retriever = app.retriever
    t_keywords = time.perf_counter()
    hits = retriever.search(args.query, app.settings.top_k)
    t_first = time.perf_counter()
    times = []
    for i in range(args.repeat):
        t0 = time.perf_counter()
        retriever.search(QUERIES[i % len(QUERIES)] + f" {i}", app.settings.top_k)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    record = {
        "figure": "cold_search",
        "imports_s": round(t_imports - T_START, 3),
        "registry_open_s": round(t_registry - t_imports, 3),
        "store_open_s": round(t_store - t_registry, 3),
        "keyword_index_s": round(t_keywords - t_store, 3),
        "first_search_s": round(t_first - t_keywords, 3),
        "total_s": round(t_first - T_START, 3),
        "hits": len(hits),
        "p50_ms": round(statistics.median(times), 1) if times else None,
        "p99_ms": round(times[min(len(times) - 1, int(0.99 * len(times)))], 1) if times else None,
        "peak_rss_mb": peak_rss_mb(),
        "loadavg": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
