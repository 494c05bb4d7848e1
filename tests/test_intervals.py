"""Sampling intervals of eval metrics (evals/intervals.py): Wilson for rates, bootstrap for
per-item means and balanced accuracy, Student-t over repeats."""

from __future__ import annotations

import math

import pytest

from evals.intervals import Sample, mean_ci, wilson


def test_wilson_matches_the_published_formula() -> None:
    # Wilson (1927): centre (k + z²/2) / (n + z²), half z·sqrt(k(n-k)/n + z²/4) / (n + z²)
    z = 1.959964
    for k, n in [(5, 5), (4, 5), (0, 5), (43, 46), (7, 20)]:
        centre = (k + z * z / 2) / (n + z * z)
        half = z * math.sqrt(k * (n - k) / n + z * z / 4) / (n + z * z)
        low, high = wilson(k, n)
        assert low == pytest.approx(centre - half, abs=1e-5)
        assert high == pytest.approx(centre + half, abs=1e-5)
    assert wilson(5, 5)[0] == pytest.approx(0.566, abs=1e-3)  # the 5/5 example


def test_wilson_rejects_an_empty_sample() -> None:
    with pytest.raises(ValueError):
        wilson(0, 0)


def test_rate_sample_uses_wilson_and_narrows_with_n() -> None:
    small = Sample.rate([True] * 4 + [False]).interval()
    large = Sample.rate([True] * 80 + [False] * 20).interval()
    assert small is not None and large is not None
    assert small.method == large.method == "wilson"
    assert (small.n, large.n) == (5, 100)
    assert small.low < 0.8 < small.high
    assert large.high - large.low < small.high - small.low


def test_mean_sample_bootstrap_is_seeded_and_contains_the_mean() -> None:
    values = [1.0, 0.5, 0.0, 1.0, 0.67, 1.0, 0.33, 1.0]
    a, b = Sample.mean(values).interval(), Sample.mean(values).interval()
    assert a == b and a is not None
    assert a.method == "bootstrap"
    assert a.low < Sample.mean(values).estimate() < a.high


def test_constant_mean_falls_back_to_wilson() -> None:
    # five answers all scoring 1.0: the bootstrap has no spread, n still says 0.57
    iv = Sample.mean([1.0] * 5).interval()
    assert iv is not None and iv.method == "wilson"
    assert iv.low == pytest.approx(wilson(5, 5)[0])


def test_balanced_sample_recomputes_per_label_recall() -> None:
    s = Sample.balanced([True, True, False, True], ["a", "a", "b", "b"])
    assert s.estimate() == pytest.approx((1.0 + 0.5) / 2)
    iv = s.interval()
    assert iv is not None and iv.low <= s.estimate() <= iv.high
    perfect = Sample.balanced([True] * 5, ["a", "b", "b", "c", "d"]).interval()
    assert perfect is not None and perfect.low == pytest.approx(wilson(5, 5)[0])
    with pytest.raises(ValueError):
        Sample.balanced([True], ["a", "b"])


def test_empty_sample_has_no_interval() -> None:
    assert Sample.rate([]).interval() is None
    assert math.isnan(Sample.mean([]).estimate())


def test_mean_ci_hand_computed() -> None:
    # mean 2, sample sd 1, n = 3: half-width = t(0.975, 2) * 1 / sqrt(3) = 4.302653 / 1.732051
    m, lo, hi = mean_ci([1.0, 2.0, 3.0])
    assert m == 2.0
    assert hi - m == pytest.approx(2.484138, abs=1e-6)
    assert m - lo == pytest.approx(hi - m)
    # two values 0 and 2: sd sqrt(2), half = t(0.975, 1) = 12.7062 (printed tables)
    assert mean_ci([0.0, 2.0])[2] - 1.0 == pytest.approx(12.7062, abs=5e-4)
    # a constant sample has a zero-width interval; wider confidence, wider interval
    assert mean_ci([0.5] * 4) == (0.5, 0.5, 0.5)
    _, lo90, hi90 = mean_ci([1.0, 2.0, 3.0], confidence=0.9)
    assert lo < lo90 < hi90 < hi


def test_mean_ci_small_samples() -> None:
    assert all(math.isnan(x) for x in mean_ci([]))
    m, lo, hi = mean_ci([0.7])
    assert m == 0.7 and math.isnan(lo) and math.isnan(hi)
    with pytest.raises(ValueError):
        mean_ci([1.0, 2.0], confidence=1.0)
