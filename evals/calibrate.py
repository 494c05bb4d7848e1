"""Choose the verifier's combination thresholds on dev data, and measure its vetoes.

The verifier combines the model's label probabilities for each (claim part, sentence) pair
with code signals (agent/verification/stance.py: `combine`). This script runs the verifier
once over the dev claims with the model asked about every relevant pair (no early stop),
records every judged pair (`Verifier.trace`), then replays the verdicts offline for a grid of
thresholds and keeps the setting with the best balanced accuracy (ties: accuracy, then the
setting nearest the defaults). Only dev data is used: the dev stories (`split: dev`) and the seeds'
claim sets. It also reports how precise each veto is: of the pairs a concrete conflict
refutes, how many belong to claims labelled refuted or conflicting.

    SOURCEBOUND_MODELS_DIR=... python -m evals.calibrate --data-dir /tmp/calib \\
        --out evals/results/calibration.json

or, faster, replaying the pairs that `eval` runs traced (dev stories and the seeds' claims):

    python -m evals.calibrate --from-results dev/results.json seeds/results.json

Output: the chosen thresholds, dev figures at the defaults and at the choice, veto precision,
and a leave-one-story-out estimate of what choosing on the other stories gains on an unseen
one (the choice made without each story, scored on that story). The thresholds are then
written into agent/verification/stance.py by hand, with the figures cited there.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from agent.settings import load_settings
from agent.types import Citation
from agent.verification import stance
from agent.verification.claims import attribution_of
from agent.verification.conflict import KINDS
from agent.verification.signals import Signals
from agent.verification.stance import combine
from agent.verification.verdicts import EvidenceItem, aggregate, decide
from agent.verification.verify import passage_counts
from evals.datasets import CLAIMS_FILE, HELDOUT_CLAIMS_FILE, load_claims
from evals.harness import SEEDS_DIR
from evals.metrics import verdict_scores
from evals.stories import load_stories, story_app

GRID: dict[str, tuple[float, ...]] = {
    "SUPPORT_P": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8),
    "REFUTE_P": (0.4, 0.5, 0.6, 0.7, 0.8, 0.9),
    "MIN_SUPPORT_COVERAGE": (0.4, 0.5, 0.6),
    "PARAPHRASE_COVERAGE": (0.2, 0.3, 0.4),
    "MODEL_REFUTE_COVERAGE": (0.4, 0.5, 0.6, 0.7),
    "RELATION_COVERAGE": (0.1, 0.2, 0.3, 0.4),
}


def _dev_sets() -> Iterator[tuple[str, Path, list[Any]]]:
    """(name, articles dir, claims) of every dev set."""
    yield "seeds", SEEDS_DIR, load_claims(CLAIMS_FILE) + load_claims(HELDOUT_CLAIMS_FILE)
    for story in load_stories("dev"):
        yield story.id, story.articles_dir, load_claims(story.claims_file)


def collect(data_root: Path) -> list[dict[str, Any]]:
    """Run the verifier over every dev claim; one record per claim with its traced pairs."""
    records: list[dict[str, Any]] = []
    for name, articles, claims in _dev_sets():
        app = story_app(load_settings(data_dir=data_root), name)
        app.ingest([articles])
        verifier = app.verifier(max_calls=6, enough_support=99)
        for item in claims:
            verifier.trace = []
            v = verifier.verify(item.claim)
            parts = [{"part": a.claim, "attributed": attribution_of(a.claim) is not None,
                      "pairs": [t for t in verifier.trace if t["claim"] == a.claim]}
                     for a in v.atomic]
            records.append({"set": name, "id": item.id, "gold": item.verdict,
                            "pred": v.verdict, "parts": parts})
            print(f"{name} {item.id} gold={item.verdict} pred={v.verdict}", file=sys.stderr)
    return records


def records_from_results(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Records from the claim rows of a results file: dev stories, and the seeds' claims of a
    run on the seeds (set "seeds"). The pairs were traced with the verifier's early stop, so a
    replay is close, not exact."""
    dev = {s.id for s in load_stories("dev")}
    out = []
    for key, run in results["runs"].items():
        pipeline, _, story = key.partition("@")
        story = story or "seeds"
        if pipeline != "sourcebound" or story not in dev | {"seeds"}:
            continue
        for row in run["items"].get("claims", []):
            if "parts" in row:
                out.append({"set": story, "id": row["id"], "gold": row["gold"],
                            "pred": row["pred"], "parts": row["parts"]})
    return out


@contextmanager
def thresholds(values: dict[str, float]) -> Iterator[None]:
    old = {k: getattr(stance, k) for k in values}
    for k, v in values.items():
        setattr(stance, k, v)
    try:
        yield
    finally:
        for k, v in old.items():
            setattr(stance, k, v)


# decide() reads only stances: replayed pairs need no real quote.
_NO_CITATION = Citation(source="x", quote="x", start=0, end=1)


def replay(record: dict[str, Any]) -> str:
    """The claim's verdict from its traced pairs under the current thresholds."""
    verdicts = []
    for part in record["parts"]:
        items = []
        for t in part["pairs"]:
            sig = Signals.from_record(t["signals"])
            stance = combine(t["probs"] or None, sig, claim_speaker=t["speaker"])
            if t.get("joint") and not passage_counts(stance, sig):
                continue  # a passage of two sentences counts only as the verifier counts it
            item = EvidenceItem(citation=_NO_CITATION, stance=stance)
            items.append((t["outlet"], item, sig))
        verdicts.append(decide(part["part"], items, part["attributed"])[0])
    return aggregate(verdicts)


def _scores(gold: list[str], pred: list[str]) -> dict[str, Any]:
    vs = verdict_scores(gold, pred)
    return {"accuracy": round(vs.accuracy, 4), "balanced_accuracy": round(vs.balanced_accuracy, 4),
            "recall": {k: round(v, 3) for k, v in vs.per_label_recall.items()}, "n": vs.n}


def score(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy, balanced accuracy and per-label recall of the replayed verdicts."""
    return _scores([r["gold"] for r in records], [replay(r) for r in records])


def veto_precision(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Of the pairs each veto refutes, the share in claims labelled refuted or conflicting."""
    out: dict[str, Any] = {}
    tests: list[tuple[str, Any]] = [("concrete_conflict", lambda s: bool(s["conflicts"])),
                                    ("negation_flip", lambda s: s["negation_flip"]),
                                    ("polarity_conflict", lambda s: s["polarity_conflict"])]
    # Per kind of conflict ("holder" is the cloze check's: another holder of a role).
    tests += [(f"conflict:{kind}",
               lambda s, kind=kind: any(c.startswith(f"{kind}:") for c in s["conflicts"]))
              for kind in KINDS]
    for name, test in tests:
        hits = [r["gold"] in ("refuted", "conflicting") for r in records
                for p in r["parts"] for t in p["pairs"] if test(t["signals"])]
        out[name] = {"pairs": len(hits),
                     "precision": round(sum(hits) / len(hits), 3) if hits else None}
    return out


Grid = list[tuple[dict[str, float], list[str]]]  # (thresholds, replayed verdict per record)


def replay_grid(records: list[dict[str, Any]]) -> Grid:
    """Every setting of GRID with the verdicts it gives each record (computed once)."""
    out: Grid = []
    for combo in itertools.product(*GRID.values()):
        values = dict(zip(GRID, combo, strict=True))
        with thresholds(values):
            out.append((values, [replay(r) for r in records]))
    return out


def choose(records: list[dict[str, Any]], grid: Grid,
           among: list[int] | None = None) -> tuple[dict[str, float], list[str]]:
    """The setting with the best balanced accuracy on the records `among` (all by default);
    ties go to accuracy, then to the setting nearest the current defaults."""
    idx = among if among is not None else list(range(len(records)))
    gold = [records[i]["gold"] for i in idx]
    defaults = {k: float(getattr(stance, k)) for k in GRID}
    best: tuple[tuple[float, ...], dict[str, float], list[str]] | None = None
    for values, pred in grid:
        vs = verdict_scores(gold, [pred[i] for i in idx])
        distance = sum(abs(values[k] - defaults[k]) for k in values)
        key = (round(vs.balanced_accuracy, 4), round(vs.accuracy, 4), -round(distance, 4))
        if best is None or key > best[0]:
            best = (key, values, pred)
    assert best is not None
    return best[1], best[2]


def leave_one_story_out(records: list[dict[str, Any]], grid: Grid) -> dict[str, Any]:
    """Each set's verdicts under the setting chosen on all the other sets: an estimate of
    what the choice is worth on a story it was not chosen on. Returns the pooled scores of
    those out-of-set verdicts and how often each setting was chosen."""
    sets = sorted({r["set"] for r in records})
    held: list[str] = [""] * len(records)
    chosen: dict[str, int] = {}
    for name in sets:
        rest = [i for i, r in enumerate(records) if r["set"] != name]
        values, pred = choose(records, grid, rest)
        key = json.dumps(values, sort_keys=True)
        chosen[key] = chosen.get(key, 0) + 1
        for i, r in enumerate(records):
            if r["set"] == name:
                held[i] = pred[i]
    return {"scores": _scores([r["gold"] for r in records], held),
            "chosen": dict(sorted(chosen.items(), key=lambda kv: -kv[1]))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, help="where to ingest and run (to collect pairs)")
    ap.add_argument("--out", type=Path, default=Path("evals/results/calibration.json"))
    ap.add_argument("--records", type=Path, help="reuse records written by an earlier run")
    ap.add_argument("--from-results", type=Path, nargs="+",
                    help="replay the pairs `eval` runs traced (results.json of dev stories "
                         "or of the seeds)")
    args = ap.parse_args()
    if args.from_results:
        records = [r for path in args.from_results
                   for r in records_from_results(json.loads(path.read_text("utf-8")))]
    elif args.records:
        records = json.loads(args.records.read_text(encoding="utf-8"))
    elif args.data_dir is None:
        ap.error("give --data-dir to collect pairs, or --records / --from-results to replay")
    else:
        records = collect(args.data_dir)
        (args.data_dir / "calibration-records.json").write_text(json.dumps(records), "utf-8")
    at_defaults = score(records)
    grid = replay_grid(records)
    chosen, pred = choose(records, grid)
    at_choice = _scores([r["gold"] for r in records], pred)
    report = {"n_claims": len(records), "sets": sorted({r["set"] for r in records}),
              "grid": GRID, "defaults": at_defaults, "chosen": chosen, "at_choice": at_choice,
              "leave_one_story_out": leave_one_story_out(records, grid),
              "veto_precision": veto_precision(records)}
    args.out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
