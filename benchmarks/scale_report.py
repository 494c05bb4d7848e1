"""bench_scale's outputs: scale.jsonl, a markdown table (rows = figure, columns = step) and a
PNG of the figures against corpus size (log x), the PNG only with matplotlib installed
(`pip install -e '.[bench]'`).

    python benchmarks/scale_report.py OUT_DIR   # re-render scale.md / scale.png from scale.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

Records = Sequence[dict[str, Any]]  # one step's JSON lines

# (row label, figure, keys): several keys share a cell as "a / b"; "a.b" reads a nested key,
# "other_figure:key" a key of another figure.
ROWS: list[tuple[str, str, tuple[str, ...]]] = [
    ("chunks in the store", "ingest_new_files", ("chunks_total",)),
    ("articles / files", "ingest_new_files", ("articles", "files")),
    ("ingest of the new files, chunks/s", "ingest_new_files", ("chunks_per_s",)),
    ("ingest of the new files, s / of which embedding, s", "ingest_new_files",
     ("seconds", "embed_s")),
    ("ingest: registry saves, s / dedup refresh, s", "ingest_new_files",
     ("stages.registry_save", "stages.dedup_refresh")),
    ("re-ingest unchanged, s", "reingest_unchanged", ("seconds",)),
    ("re-ingest, 1% of files changed, s / files", "reingest_1pct_changed",
     ("seconds", "changed_files")),
    ("re-ingest 1%: dedup refresh, s / registry saves, s", "reingest_1pct_changed",
     ("stages.dedup_refresh", "stages.registry_save")),
    ("registry load, s / registry on disk, MB", "retriever_open",
     ("registry_load_s", "registry_mb")),
    ("retriever open, s / of which BM25 build + save, s", "retriever_open",
     ("seconds", "keyword_index_s")),
    ("hybrid search p50 / p99, ms", "hybrid_search_embedded", ("p50_ms", "p99_ms")),
    ("new process: first search, s / of which registry open, s", "cold_search",
     ("total_s", "registry_open_s")),
    ("new process: imports / store open / BM25 ready / first search, s", "cold_search",
     ("imports_s", "store_open_s", "keyword_index_s", "first_search_s")),
    ("new process: peak RSS, MB / search p50 / p99, ms", "cold_search",
     ("peak_rss_mb", "p50_ms", "p99_ms")),
    ("query embedding p50 / p99, ms", "stage_query_embedding_embedded", ("p50_ms", "p99_ms")),
    ("vector query p50 / p99, ms", "stage_vector_query_embedded", ("p50_ms", "p99_ms")),
    ("BM25 search p50 / p99, ms", "stage_bm25_search_embedded", ("p50_ms", "p99_ms")),
    ("server: hybrid search p50 / p99, ms", "hybrid_search_server", ("p50_ms", "p99_ms")),
    ("server: vector query p50 / p99, ms", "stage_vector_query_server", ("p50_ms", "p99_ms")),
    ("server: start, s / RSS, MB / CPU time, s", "chroma_server_start",
     ("seconds", "chroma_server_rss:mb", "chroma_server_rss:cpu_s")),
    ("gather_evidence p50 / p99, ms", "gather_evidence_embedded", ("p50_ms", "p99_ms")),
    ("BM25 build, s", "bm25_index", ("build_s",)),
    ("BM25 load, s / first use in a new process, s", "bm25_index",
     ("load_s", "keyword_index_first_use_s")),
    ("BM25 build: RSS delta / traced peak, MB", "bm25_index",
     ("rss_delta_mb", "build_peak_traced_mb")),
    ("BM25 on disk, MB", "bm25_index", ("on_disk_mb",)),
    ("Chroma dir, MB", "disk", ("chroma_mb",)),
    ("text snapshots, MB", "disk", ("texts_mb",)),
    ("peak RSS / RSS at step end, MB", "peak_rss", ("mb", "current_mb")),
    ("load average at step start", "step", ("loadavg",)),
]  # fmt: skip

NOTES = """Targets: re-ingest of the unchanged corpus <= 2 s for 10k articles; hybrid search p50
<= 30 ms at 100k chunks on 2 cores. Each column is one step of one growing data directory:
the ingest row covers only the files new at that step. Peak RSS is this benchmark process's
(it also builds the BM25 index twice and runs the searches), so it bounds a CLI run's from
above. The machine may be shared: read the load average row next to the times."""


def value(records: Records, figure: str, key: str) -> Any:
    if ":" in key:
        figure, key = key.split(":", 1)
    rec = next((r for r in records if r.get("figure") == figure), None)
    for part in key.split("."):
        if not isinstance(rec, dict):
            return None
        rec = rec.get(part)
    return rec


def fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}"
    return str(v)


def markdown(steps: Sequence[Records]) -> str:
    head = [f"{fmt(value(s, 'ingest_new_files', 'chunks_total'))} chunks" for s in steps]
    lines = [
        "# Scale: figures by corpus size",
        "",
        "| figure | " + " | ".join(head) + " |",
        "|---|" + "---:|" * len(steps),
    ]
    for label, figure, keys in ROWS:
        cells = [" / ".join(fmt(value(s, figure, k)) for k in keys) for s in steps]
        if all(value(s, figure, keys[0]) is None for s in steps):
            continue  # e.g. the server rows without --server
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", NOTES.replace("\n", " ")]
    if steps:
        lines.append(f"\nCPUs: {value(steps[0], 'step', 'cpus')}.")
    return "\n".join(lines) + "\n"


# (subplot title, y label, log y, [(legend, figure, key)], [(target label, y)])
PANELS: list[tuple[str, str, bool, list[tuple[str, str, str]], list[tuple[str, float]]]] = [
    ("Hybrid search latency", "ms", False, [
        ("p50 embedded", "hybrid_search_embedded", "p50_ms"),
        ("p99 embedded", "hybrid_search_embedded", "p99_ms"),
        ("p50 server", "hybrid_search_server", "p50_ms"),
        ("p99 server", "hybrid_search_server", "p99_ms"),
    ], [("target p50 30 ms", 30.0)]),
    ("Search stages (p50)", "ms", True, [
        ("query embedding", "stage_query_embedding_embedded", "p50_ms"),
        ("vector query", "stage_vector_query_embedded", "p50_ms"),
        ("BM25 search", "stage_bm25_search_embedded", "p50_ms"),
        ("vector query, server", "stage_vector_query_server", "p50_ms"),
    ], []),
    ("Ingest throughput (new files)", "chunks/s", False, [
        ("ingest", "ingest_new_files", "chunks_per_s"),
    ], []),
    ("Re-ingest", "s", True, [
        ("unchanged", "reingest_unchanged", "seconds"),
        ("1% of files changed", "reingest_1pct_changed", "seconds"),
    ], [("target unchanged 2 s (10k articles)", 2.0), ("target 1% changed 15 s (100k)", 15.0)]),
    ("Open / build / load", "s", True, [
        ("registry load", "retriever_open", "registry_load_s"),
        ("new process: first search", "cold_search", "total_s"),
        ("new process: registry open", "cold_search", "registry_open_s"),
        ("BM25 build", "bm25_index", "build_s"),
        ("BM25 load", "bm25_index", "load_s"),
        ("BM25 first use (fingerprint + load)", "bm25_index", "keyword_index_first_use_s"),
    ], [("target first search 3 s (100k)", 3.0), ("target registry 0.5 s", 0.5)]),
    ("Memory and disk", "MB", True, [
        ("peak RSS", "peak_rss", "mb"),
        ("peak RSS, search-only process", "cold_search", "peak_rss_mb"),
        ("Chroma dir", "disk", "chroma_mb"),
        ("registry on disk", "disk", "registry_mb"),
        ("BM25 on disk", "bm25_index", "on_disk_mb"),
    ], [("target search-only RSS 1.5 GB", 1536.0)]),
]  # fmt: skip


def plot(steps: Sequence[Records], path: Path) -> bool:
    """Write the PNG; False when matplotlib is not installed (the `bench` extra)."""
    try:
        import matplotlib

        matplotlib.use("Agg")  # no display on a benchmark machine
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter
    except ImportError:
        return False
    xs = [value(s, "ingest_new_files", "chunks_total") for s in steps]
    fig, axes = plt.subplots(2, 3, figsize=(15, 8.5))
    for ax, (title, unit, log_y, series, targets) in zip(axes.flat, PANELS, strict=True):
        for legend, figure, key in series:
            pts = [(x, value(s, figure, key)) for x, s in zip(xs, steps, strict=True)]
            pts = [(x, y) for x, y in pts if x and isinstance(y, int | float) and y > 0]
            if pts:
                ax.plot(*zip(*pts, strict=True), marker="o", label=legend)
        for label, y in targets:
            ax.axhline(y, color="grey", linestyle="--", linewidth=1, label=label)
        ax.set_xscale("log")
        # Ticks at the measured sizes, in plain numbers (not 3x10^2).
        ticks = [x for x in xs if x]
        ax.set_xticks(ticks, [f"{x:,}" for x in ticks])
        ax.minorticks_off()
        if log_y:
            ax.set_yscale("log")
            ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
            ax.yaxis.set_minor_formatter(NullFormatter())
        else:
            ax.set_ylim(bottom=0)  # a linear axis from zero, so a small change looks small
        ax.set_title(title)
        ax.set_xlabel("chunks in the store")
        ax.set_ylabel(unit)
        ax.grid(True, which="both", alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=8)
    loads = [value(s, "step", "loadavg") for s in steps]
    fig.suptitle(f"sourcebound at scale (load average per step: {loads})")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True


def write_reports(steps: Sequence[Records], out: Path, preamble: Records = ()) -> str:
    """Write scale.jsonl (the `preamble` lines, e.g. environment and corpus, then each step's),
    scale.md and scale.png to `out`; returns what was written."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "scale.jsonl").open("w", encoding="utf-8") as fh:
        for records in [preamble, *steps]:
            for r in records:
                fh.write(json.dumps(r) + "\n")
    (out / "scale.md").write_text(markdown(steps), encoding="utf-8")
    if plot(steps, out / "scale.png"):
        return f"wrote {out}/scale.jsonl, scale.md, scale.png"
    return f"wrote {out}/scale.jsonl, scale.md; skipped scale.png: matplotlib is not installed"


def read_steps(path: Path) -> tuple[list[Records], Records]:
    """(steps, preamble) from a scale.jsonl: lines without a step are the preamble."""
    by_step: dict[int, list[dict[str, Any]]] = {}
    preamble: list[dict[str, Any]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            if "step" in r:
                by_step.setdefault(int(r["step"]), []).append(r)
            else:
                preamble.append(r)
    return [by_step[k] for k in sorted(by_step)], preamble


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="bench_scale's --out directory")
    args = ap.parse_args(argv)
    steps, preamble = read_steps(args.out / "scale.jsonl")
    print(write_reports(steps, args.out, preamble))


if __name__ == "__main__":
    main()
