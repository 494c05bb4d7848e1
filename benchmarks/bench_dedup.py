"""Duplicate detection against the generator's manifest: recall and precision of copy marks.

    python benchmarks/bench_dedup.py --sizes 300,1000,10000 --seed 1 --dup-rate 0.05

For each size, a corpus from make_corpus.py with --wire-copies (exact copies, near copies,
rewritten wire copies: new lede, footer, trim, rewrite, combined; and `related` articles that
quote two sentences of another but are not copies) is parsed as ingest parses it
(agent.ingest.parse.parse_document) and marked by agent.ingest.dedup.mark_duplicates in
ingest's order (document id). A file counts as marked when one of its articles is; the mark is
right when it points into the file's true group (its original, or another copy of it).

    recall    = right marks / copies in the manifest
    precision = right marks / all marks

`--classic` also scores the corpus without --wire-copies (exact and near copies only).
Each size is run twice: the shipped detector, and with containment off (Jaccard >= 0.8 only,
the detector before containment) for comparison. Per-kind recall shows what is missed.
Prints one JSON line per (size, detector); notes CPU count and load average.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import agent.ingest.dedup as dedup
from agent.ingest.parse import parse_document
from agent.types import Article
from benchmarks.make_corpus import SEEDS_DIR, Generated, generate


def score(docs: list[Generated], marked: list[Article]) -> dict[str, object]:
    """Recall/precision of file-level copy marks against the manifest (see module doc)."""
    root = {d.name: d.duplicate_of or d.name for d in docs}
    kind = {d.name: d.kind for d in docs}
    predicted: dict[str, str] = {}
    for a in marked:
        if a.duplicate_of and a.doc_id not in predicted:
            predicted[a.doc_id] = a.duplicate_of.split("#", 1)[0]
    copies = [d.name for d in docs if d.duplicate_of]
    right = {n for n, target in predicted.items() if root[n] == root[target] and n != target}
    per_kind: dict[str, list[int]] = {}
    for n in copies:
        hit = per_kind.setdefault(kind[n], [0, 0])
        hit[0] += n in right
        hit[1] += 1
    wrong = sorted(set(predicted) - right)
    return {
        "copies": len(copies),
        "marked": len(predicted),
        "right": len(right),
        "recall": round(len(right) / len(copies), 4) if copies else None,
        "precision": round(len(right) / len(predicted), 4) if predicted else None,
        "recall_by_kind": {k: f"{h}/{t}" for k, (h, t) in sorted(per_kind.items())},
        "false_marks_by_kind": {
            k: sum(1 for n in wrong if kind[n] == k) for k in sorted({kind[n] for n in wrong})
        },
    }


def run(size: int, seed: int, dup_rate: float, wire: bool = True) -> list[dict[str, object]]:
    docs = generate(size, seed, dup_rate, SEEDS_DIR, wire_copies=wire)
    t0 = time.perf_counter()
    articles = [
        a
        for d in sorted(docs, key=lambda d: d.name)
        for a in parse_document(d.name, d.name, d.text).articles
    ]
    parse_s = time.perf_counter() - t0
    rows = []
    for detector, threshold in (
        ("containment", dedup.CONTAINMENT_THRESHOLD),
        ("jaccard_only", 2.0),
    ):
        saved = dedup.CONTAINMENT_THRESHOLD
        dedup.CONTAINMENT_THRESHOLD = threshold
        try:
            t1 = time.perf_counter()
            marked = dedup.mark_duplicates(articles)
            dedup_s = time.perf_counter() - t1
        finally:
            dedup.CONTAINMENT_THRESHOLD = saved
        rows.append(
            {
                "figure": "dedup_manifest",
                "corpus": "wire-copies" if wire else "classic",
                "articles": size,
                "seed": seed,
                "dup_rate": dup_rate,
                "detector": detector,
                **score(docs, marked),
                "related_not_copies": sum(1 for d in docs if d.kind == "related"),
                "parse_s": round(parse_s, 2),
                "dedup_s": round(dedup_s, 2),
                "cpus": os.cpu_count(),
                "loadavg": [round(x, 2) for x in os.getloadavg()],
            }
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="300,1000,10000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dup-rate", type=float, default=0.05)
    ap.add_argument(
        "--classic",
        action="store_true",
        help="also score the generator's classic corpus (exact and near copies only)",
    )
    args = ap.parse_args(argv)
    for size in (int(x) for x in args.sizes.split(",")):
        for wire in (True, False) if args.classic else (True,):
            for row in run(size, args.seed, args.dup_rate, wire):
                print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
