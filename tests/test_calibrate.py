"""evals/calibrate.py: the threshold choice and its leave-one-story-out estimate, on replayed
pairs built by hand (no model)."""

from __future__ import annotations

from typing import Any

import pytest

from evals import calibrate


def _record(story: str, gold: str, p_sup: float, coverage: float) -> dict[str, Any]:
    """One claim with one judged pair: the model's P(supports) and the claim words covered."""
    signals = {"coverage": coverage, "aligned": True, "matched": 3, "n_terms": 4,
               "relation_coverage": coverage, "score": 0.5}
    pair = {"claim": "c", "outlet": "O", "text": "t", "signals": signals, "speaker": None,
            "probs": {"supports": p_sup, "refutes": 0.0, "silent": 1.0 - p_sup}}
    return {"set": story, "id": f"{story}-{gold}-{coverage}", "gold": gold, "pred": "",
            "parts": [{"part": "c", "attributed": False, "pairs": [pair]}]}


@pytest.fixture
def small_grid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calibrate, "GRID", {"MIN_SUPPORT_COVERAGE": (0.4, 0.5, 0.6)})
    # Ties go to the setting nearest the current one: pin it.
    monkeypatch.setattr(calibrate.stance, "MIN_SUPPORT_COVERAGE", 0.5)


def _stories() -> list[dict[str, Any]]:
    # In every story the model says "supports" (P 0.9) both where the sentence covers 0.55
    # of the claim and the claim is supported, and where it covers 0.45 and the sentence
    # is only on the topic: support coverage 0.5 tells them apart.
    return [r for s in ("a", "b", "c")
            for r in (_record(s, "supported", 0.9, 0.55), _record(s, "not_enough_info", 0.9, 0.45))]


def test_choose_takes_the_setting_with_the_best_balanced_accuracy(small_grid: None) -> None:
    records = _stories()
    grid = calibrate.replay_grid(records)
    assert len(grid) == 3
    chosen, pred = calibrate.choose(records, grid)
    assert chosen == {"MIN_SUPPORT_COVERAGE": 0.5}
    assert pred == [r["gold"] for r in records]


def test_leave_one_story_out_scores_each_story_under_the_others_choice(small_grid: None) -> None:
    records = _stories()
    # Story "c" wants 0.4 (its supported claim covers only 0.45 there) where "a" and "b"
    # want 0.5: chosen without c, 0.5 gets c's supported claim wrong.
    records[4] = _record("c", "supported", 0.9, 0.45)
    records[5] = _record("c", "not_enough_info", 0.9, 0.35)
    report = calibrate.leave_one_story_out(records, calibrate.replay_grid(records))
    assert sum(report["chosen"].values()) == 3
    assert report["scores"]["n"] == 6
    assert report["scores"]["accuracy"] == pytest.approx(5 / 6, abs=1e-3)
