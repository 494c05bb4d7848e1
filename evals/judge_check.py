"""How often the lexical fact judge agrees with a human reader.

QA fact recall and summary key-fact recall both count gold facts that `fact_present` finds in
a text. Its errors are those metrics' errors, so they are measured: a helper that never saw
the judge read pairs of (fact, answer or summary) and marked each fact present or not
(`evals/data/judge_pairs_dev.jsonl`, from the dev stories' answers and floor summaries;
`judge_pairs_heldout.jsonl`, from the held-out stories', used only to measure). Each line:

    {"pair_id": "...", "kind": "qa" | "summary", "fact": "...", "text": "...",
     "present": true, "unsure": false}

`unsure` marks pairs a careful reader could judge either way; agreement is reported with
them and without them.

    python -m evals.judge_check [--pairs FILE ...] [--threshold T]

Without --threshold each kind is judged as the eval judges it: answers at
ANSWER_FACT_THRESHOLD, summaries at FACT_THRESHOLD (evals/metrics.py says why).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from evals.fact_judge import ANSWER_FACT_THRESHOLD, FACT_THRESHOLD, fact_present

DATA = Path(__file__).parent / "data"
PAIR_FILES = (DATA / "judge_pairs_dev.jsonl", DATA / "judge_pairs_heldout.jsonl")


class JudgePair(BaseModel):
    """One human judgement: does `text` (an answer or a whole summary) state `fact`?"""

    model_config = ConfigDict(extra="forbid")
    pair_id: str
    kind: Literal["qa", "summary"]
    fact: str
    text: str
    present: bool
    unsure: bool = False


class Agreement(BaseModel):
    """A judge against the human labels of `n` pairs: accuracy, pairs the human found the fact
    in and the judge did not (`missed`) and the reverse (`false_present`), and the share of
    pairs each calls present (the judge's recall bias is judge_rate - human_rate)."""

    n: int
    accuracy: float
    missed: int
    false_present: int
    judge_rate: float
    human_rate: float


def load_pairs(path: Path) -> list[JudgePair]:
    """The pairs of one JSONL file. Raises ValueError naming the file and line on bad input."""
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            pairs.append(JudgePair.model_validate_json(line))
        except ValueError as e:
            raise ValueError(f"{path}:{number}: not a judge pair: {e}") from e
    return pairs


def agreement(judge: Callable[[str, str], bool], pairs: Sequence[JudgePair]) -> Agreement:
    """`judge(fact, text)` against the human label of each pair. Raises ValueError if empty."""
    if not pairs:
        raise ValueError("no judge pairs to compare")
    said = [judge(p.fact, p.text) for p in pairs]
    n = len(pairs)
    return Agreement(
        n=n,
        accuracy=sum(s == p.present for s, p in zip(said, pairs, strict=True)) / n,
        missed=sum(p.present and not s for s, p in zip(said, pairs, strict=True)),
        false_present=sum(s and not p.present for s, p in zip(said, pairs, strict=True)),
        judge_rate=sum(said) / n,
        human_rate=sum(p.present for p in pairs) / n,
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", nargs="*", type=Path, default=list(PAIR_FILES))
    parser.add_argument("--threshold", type=float, default=None,
                        help="fact_present's share of content words (default: the eval's)")
    args = parser.parse_args(argv)
    default = {"qa": ANSWER_FACT_THRESHOLD, "summary": FACT_THRESHOLD}
    for path in args.pairs:
        pairs = load_pairs(path)
        for kind in ("qa", "summary"):
            threshold = args.threshold if args.threshold is not None else default[kind]

            def judge(fact: str, text: str, t: float = threshold) -> bool:
                return fact_present(fact, text, threshold=t)

            of_kind = [p for p in pairs if p.kind == kind]
            for label, chosen in (("all", of_kind), ("sure", [p for p in of_kind if not p.unsure])):
                if chosen:
                    a = agreement(judge, chosen)
                    print(json.dumps({"file": path.name, "kind": kind, "pairs": label,
                                      "threshold": threshold, **a.model_dump()}))


if __name__ == "__main__":
    main()
