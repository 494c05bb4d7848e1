"""Regression gate: compare a results.json with a baseline one, metric by metric.

A metric regresses when it moves in its bad direction by more than
max(its CI half-width in either run, its tolerance). Tolerances are absolute (rates in 0..1);
latency and token counts are not gated (they depend on the machine and on the cache).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.errors import InputError

DEFAULT_TOLERANCE = 0.05
# Small suites move in big steps (one claim of 46 is 0.022; one summary fact of 16 is 0.06).
TOLERANCES: dict[str, float] = {
    "summary.fact_recall": 0.07,
    "summary.core_fact_recall": 0.12,
    "summary.citation_recall": 0.1,
    "summary.citation_precision": 0.1,
}
LOWER_IS_BETTER = ("false_abstention_rate",)
NOT_GATED = ("latency", "tokens")


@dataclass(frozen=True)
class Comparison:
    pipeline: str
    metric: str
    baseline: float
    current: float
    allowed: float
    regressed: bool

    @property
    def delta(self) -> float:
        return self.current - self.baseline


def load_results(path: Path) -> dict[str, Any]:
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


def compare(
    current: dict[str, Any], baseline: dict[str, Any], tolerances: dict[str, float] | None = None
) -> list[Comparison]:
    """One Comparison per metric present (with a value) in both runs of the same pipeline."""
    tol = {**TOLERANCES, **(tolerances or {})}
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
            allowed = max(_half_width(bm), _half_width(cm), tol.get(name, DEFAULT_TOLERANCE))
            worse = (c - b) if name.endswith(LOWER_IS_BETTER) else (b - c)
            out.append(Comparison(pipeline, name, b, c, allowed, worse > allowed + 1e-12))
    return out


def regressions(comparisons: list[Comparison]) -> list[Comparison]:
    return [c for c in comparisons if c.regressed]


def describe(c: Comparison) -> str:
    return (f"{c.pipeline}/{c.metric}: {c.baseline:.3f} -> {c.current:.3f} "
            f"({c.delta:+.3f}, allowed {c.allowed:.3f})")
