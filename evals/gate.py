"""Regression gate: compare a results.json with a baseline one, metric by metric.

The tolerance of a metric comes from the baseline's own sample size. Each quality metric in a
results file carries its 95% sampling interval over the units it averages (`interval`, see
evals/intervals.py: Wilson for rates, a bootstrap over items for per-item means). A metric
regresses when the current value falls below the baseline's interval (above it, for
`false_abstention_rate`). On the 5-item CI slice a baseline of 5/5 has the interval
[0.566, 1]: one item changed (0.8) passes, three changed (0.4) fail. On the full suite, with
many items, the interval is narrow and the gate strict.

A baseline metric without an interval (a results file written before intervals existed, or a
metric with no units) falls back to the old absolute rule: a drop larger than
max(the Student-t half-width over repeats, DEFAULT_TOLERANCE). Latency and token counts are
not gated (they depend on the machine and on the cache), nor is the share of claims decided
without a model call (a property of the design, not a quality).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.errors import InputError

DEFAULT_TOLERANCE = 0.05
LOWER_IS_BETTER = ("false_abstention_rate", "flagged_rate")
NOT_GATED = ("latency", "tokens", "no_model_call", "summary.words")
_EPS = 1e-9  # rounding of the stored figures (4 decimals) must not decide a verdict


@dataclass(frozen=True)
class Comparison:
    """One metric of one pipeline: baseline and current values, the drop the gate allows
    (`allowed`, in the metric's units), how that allowance was derived (`rule`: "wilson",
    "bootstrap" or "tolerance") and whether the metric regressed."""

    pipeline: str
    metric: str
    baseline: float
    current: float
    allowed: float
    regressed: bool
    rule: str = "tolerance"

    @property
    def delta(self) -> float:
        return self.current - self.baseline


def load_results(path: Path) -> dict[str, Any]:
    """Parse a results.json; raises InputError naming the file when it is missing or is not a
    results file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InputError(str(path), "results file not found") from e
    except (OSError, json.JSONDecodeError) as e:
        raise InputError(str(path), f"not a results JSON file: {e}") from e
    if not isinstance(data, dict) or "runs" not in data:
        raise InputError(str(path), "not a results JSON file: no 'runs'")
    return data


def _half_width(m: dict[str, Any]) -> float:
    lo, hi, mean = m.get("low"), m.get("high"), m.get("mean")
    if lo is None or hi is None or mean is None:
        return 0.0
    return max(hi - mean, mean - lo)


def _allowance(name: str, bm: dict[str, Any], cm: dict[str, Any]) -> tuple[float, str]:
    """How far the metric may move in its bad direction from the baseline value."""
    lower_better = name.endswith(LOWER_IS_BETTER)
    iv = bm.get("interval")
    if isinstance(iv, dict) and iv.get("low") is not None and iv.get("high") is not None:
        b = float(bm["mean"])
        edge = float(iv["high"]) if lower_better else float(iv["low"])
        return abs(edge - b), str(iv.get("method", "interval"))
    return max(_half_width(bm), _half_width(cm), DEFAULT_TOLERANCE), "tolerance"


def compare(current: dict[str, Any], baseline: dict[str, Any]) -> list[Comparison]:
    """One Comparison per metric present (with a value) in both runs of the same pipeline."""
    out: list[Comparison] = []
    for pipeline, base_run in baseline.get("runs", {}).items():
        cur_run = current.get("runs", {}).get(pipeline)
        if cur_run is None:
            continue
        for name, bm in sorted(base_run.get("metrics", {}).items()):
            cm = cur_run.get("metrics", {}).get(name)
            if cm is None or any(t in name for t in NOT_GATED):
                continue
            b, c = bm.get("mean"), cm.get("mean")
            if b is None or c is None:
                continue
            allowed, rule = _allowance(name, bm, cm)
            worse = (c - b) if name.endswith(LOWER_IS_BETTER) else (b - c)
            out.append(Comparison(pipeline, name, b, c, allowed, worse > allowed + _EPS, rule))
    return out


def regressions(comparisons: list[Comparison]) -> list[Comparison]:
    return [c for c in comparisons if c.regressed]


def describe(c: Comparison) -> str:
    return (f"{c.pipeline}/{c.metric}: {c.baseline:.3f} -> {c.current:.3f} "
            f"({c.delta:+.3f}, allowed {c.allowed:.3f} by {c.rule})")
