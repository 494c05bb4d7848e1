"""Regression gate on synthetic results: identical passes, a degraded run fails naming the
metrics, the baseline's sampling interval (or, without one, the repeat CI and tolerance) sets
what is allowed, latency is never gated; on a 5-item slice one changed item passes and three
fail."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from agent.errors import InputError
from evals.gate import compare, describe, load_results, regressions
from evals.harness import aggregate
from evals.intervals import Sample

if TYPE_CHECKING:
    from conftest import CliApp


def results(**metrics: float | tuple[float, float, float]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, v in metrics.items():
        mean, low, high = v if isinstance(v, tuple) else (v, None, None)
        out[name.replace("__", ".")] = {"mean": mean, "low": low, "high": high, "values": [mean]}
    return {"meta": {}, "runs": {"sourcebound": {"metrics": out, "suites": {}, "items": {}}}}


BASE = results(qa__fact_recall=0.62, qa__recall_at_4=0.9, qa__recall_at_8=0.95,
               qa__false_abstention_rate=0.1, qa__latency_p50_s=5.0, claims__accuracy=0.6)


def test_identical_results_pass() -> None:
    comps = compare(BASE, BASE)
    assert comps and regressions(comps) == []


def test_degraded_k1_retrieval_fails_and_names_metrics() -> None:
    # What a k=1 retrieval run looks like: recall and fact recall collapse.
    degraded = results(qa__fact_recall=0.41, qa__recall_at_4=0.45, qa__recall_at_8=0.45,
                       qa__false_abstention_rate=0.3, qa__latency_p50_s=2.0,
                       claims__accuracy=0.6)
    bad = {c.metric for c in regressions(compare(degraded, BASE))}
    assert bad == {"qa.fact_recall", "qa.recall_at_4", "qa.recall_at_8",
                   "qa.false_abstention_rate"}
    text = " ".join(describe(c) for c in regressions(compare(degraded, BASE)))
    assert "sourcebound/qa.recall_at_4: 0.900 -> 0.450" in text


def test_small_drop_within_tolerance_passes_and_improvement_passes() -> None:
    slightly = results(qa__fact_recall=0.58, qa__recall_at_4=0.99, qa__recall_at_8=0.99,
                       qa__false_abstention_rate=0.0, qa__latency_p50_s=50.0,
                       claims__accuracy=0.56)
    assert regressions(compare(slightly, BASE)) == []


def test_wide_confidence_interval_allows_a_bigger_drop() -> None:
    base = results(qa__fact_recall=(0.6, 0.45, 0.75))
    cur = results(qa__fact_recall=0.5)
    assert regressions(compare(cur, base)) == []
    narrow = results(qa__fact_recall=(0.6, 0.59, 0.61))
    assert [c.metric for c in regressions(compare(cur, narrow))] == ["qa.fact_recall"]


def _slice(**samples: Sample) -> dict[str, Any]:
    """A results dict as the harness writes it, from per-item samples of one run."""
    per_run = {n.replace("__", "."): s.estimate() for n, s in samples.items()}
    metrics = aggregate([per_run], {n.replace("__", "."): s for n, s in samples.items()})
    return {"meta": {}, "runs": {"sourcebound": {"metrics": metrics, "suites": {}, "items": {}}}}


def _changed(n_changed: int, n: int = 5) -> list[bool]:
    return [False] * n_changed + [True] * (n - n_changed)


def test_five_item_slice_one_changed_item_passes() -> None:
    base = _slice(claims__accuracy=Sample.rate(_changed(0)),
                  qa__citation_precision=Sample.mean([1.0] * 5),
                  qa__fact_recall=Sample.mean([1.0, 0.5, 1.0, 1.0, 0.5]))
    assert base["runs"]["sourcebound"]["metrics"]["claims.accuracy"]["interval"]["low"] == (
        pytest.approx(0.5655, abs=1e-4))
    one = _slice(claims__accuracy=Sample.rate(_changed(1)),
                 qa__citation_precision=Sample.mean([0.0, 1.0, 1.0, 1.0, 1.0]),
                 qa__fact_recall=Sample.mean([1.0, 0.5, 1.0, 0.5, 0.5]))
    comps = compare(one, base)
    assert len(comps) == 3
    assert regressions(comps) == [], [describe(c) for c in comps]
    assert {c.rule for c in comps} == {"wilson", "bootstrap"}


def test_five_item_slice_three_changed_items_fail() -> None:
    base = _slice(claims__accuracy=Sample.rate(_changed(0)),
                  qa__citation_precision=Sample.mean([1.0] * 5),
                  qa__false_abstention_rate=Sample.rate([False] * 5))
    three = _slice(claims__accuracy=Sample.rate(_changed(3)),
                   qa__citation_precision=Sample.mean([0.0, 0.0, 0.0, 1.0, 1.0]),
                   qa__false_abstention_rate=Sample.rate([True] * 3 + [False] * 2))
    bad = {c.metric for c in regressions(compare(three, base))}
    assert bad == {"claims.accuracy", "qa.citation_precision", "qa.false_abstention_rate"}


def test_large_suite_is_strict() -> None:
    # 186 of 200 right: the interval is about ±0.035, so a drop of 0.05 regresses.
    base = _slice(claims__accuracy=Sample.rate([True] * 186 + [False] * 14))
    cur = _slice(claims__accuracy=Sample.rate([True] * 176 + [False] * 24))
    assert [c.metric for c in regressions(compare(cur, base))] == ["claims.accuracy"]


def test_missing_metric_or_pipeline_is_not_compared() -> None:
    assert compare(results(), BASE) == []


def test_load_results_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_results(tmp_path / "nope.json")
    p = tmp_path / "bad.json"
    p.write_text(json.dumps({"x": 1}))
    with pytest.raises(InputError):
        load_results(p)


def test_cli_gate_exit_codes(tmp_path: Path, cli_app: Callable[..., CliApp]) -> None:
    from typer.testing import CliRunner

    from agent.cli.common import app as cli

    cli_app(scripted=True)  # in-memory stores shared by every invocation
    runner = CliRunner()
    args = ["eval", "--suite", "qa", "--limit", "3", "--no-cache"]
    first = runner.invoke(cli, [*args, "--out", str(tmp_path / "a")])
    assert first.exit_code == 0, first.output
    base = tmp_path / "a" / "results.json"
    same = runner.invoke(cli, [*args, "--out", str(tmp_path / "b"), "--compare", str(base),
                               "--fail-on-regression"])
    assert same.exit_code == 0, same.output
    # A baseline that was much better: the current run must fail, naming the metric.
    better = json.loads(base.read_text())
    better["runs"]["sourcebound"]["metrics"]["qa.recall_at_8"].update(
        mean=1.5, interval={"low": 1.4, "high": 1.6, "method": "bootstrap"})
    (tmp_path / "better.json").write_text(json.dumps(better))
    worse = runner.invoke(cli, [*args, "--out", str(tmp_path / "c"), "--compare",
                                str(tmp_path / "better.json"), "--fail-on-regression"])
    assert worse.exit_code == 1
    assert "qa.recall_at_8" in worse.output
