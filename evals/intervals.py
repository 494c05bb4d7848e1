"""Sampling intervals of eval metrics: how far a metric can move by chance on n items.

Every metric a suite reports is computed from a `Sample`: the per-unit values it averages (an
item, an answer, a citation, a gold fact), so its 95% interval can be derived from the same
data as the figure itself:

- `rate` (every value is 0 or 1, the metric is k/n): the Wilson score interval (Wilson 1927;
  recommended over the normal interval for small n by Brown, Cai & DasGupta 2001). For 5/5 it
  is [0.566, 1.0].
- `mean` (per-item values in [0, 1], e.g. the share of an answer's gold facts it states): a
  percentile bootstrap over items (Efron & Tibshirani 1993, ch. 13; `scipy.stats.bootstrap`,
  fixed seed). When every item has the same value the bootstrap has no spread, which says
  nothing about n; the Wilson interval of the mean is used then (a [0, 1]-bounded variable has
  at most the variance of a Bernoulli one with that mean).
- `balanced` (0/1 per item plus each item's gold label; the metric is the mean per-label
  recall): the same bootstrap, recomputing balanced accuracy on each resample.

`mean_ci` is the Student-t interval over repeated runs of one suite (`--repeat N`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from scipy import stats

NAN = float("nan")
CONFIDENCE = 0.95
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 20261130
SampleKind = Literal["rate", "mean", "balanced"]


@dataclass(frozen=True)
class Interval:
    """A metric's two-sided interval: `low`/`high` in the metric's units, `method` is
    "wilson" or "bootstrap", `n` the number of units it was computed from."""

    low: float
    high: float
    method: str
    n: int


@dataclass(frozen=True)
class Sample:
    """What one metric was computed from.

    values: one number per unit (0/1 for `rate` and `balanced`, [0, 1] for `mean`).
    labels: for `balanced` only, the gold label of each unit (same length as values).
    """

    kind: SampleKind
    values: tuple[float, ...]
    labels: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.kind == "balanced" and len(self.labels) != len(self.values):
            raise ValueError(f"balanced sample: {len(self.values)} values, "
                             f"{len(self.labels)} labels")

    @classmethod
    def rate(cls, hits: Sequence[bool | float]) -> Sample:
        return cls("rate", tuple(float(h) for h in hits))

    @classmethod
    def mean(cls, values: Sequence[float]) -> Sample:
        return cls("mean", tuple(float(v) for v in values))

    @classmethod
    def balanced(cls, hits: Sequence[bool], labels: Sequence[str]) -> Sample:
        return cls("balanced", tuple(float(h) for h in hits), tuple(labels))

    @property
    def n(self) -> int:
        return len(self.values)

    def estimate(self) -> float:
        """The metric itself: the mean of the values (the mean per-label recall for
        `balanced`); nan with no values."""
        if not self.values:
            return NAN
        if self.kind == "balanced":
            return _balanced(np.asarray(self.values), np.asarray(self.labels))
        return sum(self.values) / len(self.values)

    def interval(self, confidence: float = CONFIDENCE) -> Interval | None:
        """The metric's sampling interval, or None with no values."""
        if not self.values:
            return None
        est = self.estimate()
        if self.kind == "rate" or (self.kind == "mean" and len(set(self.values)) == 1):
            low, high = wilson(est * self.n, self.n, confidence)
            return Interval(low, high, "wilson", self.n)
        low, high = self._bootstrap(confidence)
        if high - low <= 0:  # every resample equal (e.g. all correct): no spread to read n from
            low, high = wilson(est * self.n, self.n, confidence)
            return Interval(low, high, "wilson", self.n)
        return Interval(low, high, "bootstrap", self.n)

    def _bootstrap(self, confidence: float) -> tuple[float, float]:
        values = np.asarray(self.values)
        if self.kind == "balanced":
            labels = np.asarray(self.labels)

            def statistic(idx: np.ndarray) -> float:
                return _balanced(values[idx], labels[idx])

            data: tuple[np.ndarray, ...] = (np.arange(self.n),)
            res = stats.bootstrap(data, statistic, n_resamples=BOOTSTRAP_RESAMPLES,
                                  confidence_level=confidence, method="percentile",
                                  vectorized=False, rng=np.random.default_rng(BOOTSTRAP_SEED))
        else:
            res = stats.bootstrap((values,), np.mean, n_resamples=BOOTSTRAP_RESAMPLES,
                                  confidence_level=confidence, method="percentile",
                                  rng=np.random.default_rng(BOOTSTRAP_SEED))
        ci = res.confidence_interval
        return float(ci.low), float(ci.high)


def _balanced(hits: np.ndarray, labels: np.ndarray) -> float:
    recalls = [float(hits[labels == lab].mean()) for lab in np.unique(labels)]
    return sum(recalls) / len(recalls)


def wilson(k: float, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Wilson score interval (low, high) for k successes in n trials, via
    `scipy.stats.binomtest(...).proportion_ci(method="wilson")`. k is rounded to the nearest
    integer (a mean of n values in [0, 1] times n). Raises ValueError for n < 1."""
    if n < 1:
        raise ValueError(f"need n >= 1, got {n}")
    k_int = min(n, max(0, round(k)))
    ci = stats.binomtest(k_int, n).proportion_ci(confidence_level=confidence, method="wilson")
    return float(ci.low), float(ci.high)


def mean_ci(values: Sequence[float], confidence: float = CONFIDENCE) -> tuple[float, float, float]:
    """(mean, low, high): two-sided Student-t confidence interval for the mean over repeated
    runs, mean ± t_{(1+c)/2, n-1} · s/√n with the sample standard deviation s (ddof=1).
    Bounds are nan with fewer than two values; all three are nan with none. Raises ValueError
    for a confidence outside (0, 1)."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    n = len(values)
    if n == 0:
        return NAN, NAN, NAN
    m = sum(values) / n
    if n == 1:
        return m, NAN, NAN
    sd = math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1))
    half = float(stats.t.ppf((1 + confidence) / 2, n - 1)) * sd / math.sqrt(n)
    return m, m - half, m + half
