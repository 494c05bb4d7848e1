"""The fact judge against human labels (evals/judge_check.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.fact_judge import answer_fact_present, fact_present
from evals.judge_check import PAIR_FILES, JudgePair, agreement, load_pairs, main


def _pair(fact: str, text: str, present: bool, kind: str = "qa") -> JudgePair:
    return JudgePair(pair_id=fact[:8], kind=kind, fact=fact, text=text, present=present)


def test_agreement_counts_both_kinds_of_error() -> None:
    pairs = [_pair("a", "x", True), _pair("b", "x", True), _pair("c", "x", False),
             _pair("d", "x", False)]
    said = {"a": True, "b": False, "c": True, "d": False}
    a = agreement(lambda fact, text: said[fact], pairs)
    assert (a.n, a.accuracy, a.missed, a.false_present) == (4, 0.5, 1, 1)
    assert (a.judge_rate, a.human_rate) == (0.5, 0.5)
    with pytest.raises(ValueError):
        agreement(lambda f, t: True, [])


def test_a_bad_line_names_its_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    good = _pair("fact", "text", True).model_dump_json()
    path.write_text(good + "\n\n" + '{"pair_id": "x", "kind": "essay"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"pairs\.jsonl:3"):
        load_pairs(path)


def test_the_eval_judges_agree_with_the_committed_human_labels() -> None:
    # The dev pairs chose the thresholds; a judge change that loses agreement shows here.
    pairs = load_pairs(PAIR_FILES[0])
    answers = [p for p in pairs if p.kind == "qa"]
    summaries = [p for p in pairs if p.kind == "summary"]
    assert len(answers) >= 300 and len(summaries) >= 300
    assert agreement(answer_fact_present, answers).accuracy >= 0.9
    assert agreement(fact_present, summaries).accuracy >= 0.83


def test_the_command_prints_one_row_per_file_kind_and_subset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.jsonl"
    rows = [_pair("Ten homes were flooded.", "10 homes were flooded.", True),
            _pair("Six ships sank.", "Six ships sank.", True, kind="summary")]
    path.write_text("".join(r.model_dump_json() + "\n" for r in rows), encoding="utf-8")
    main(["--pairs", str(path)])
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4 and all('"accuracy": 1.0' in line for line in out)
