"""A share said as any fraction is a percentage (agent.text.quantities): "four-fifths of the
staff", "a tenth of its turnover", "roughly a sixth of services", as "two-thirds" and "a
quarter" were. A newcomer's strike ballot (session 70) had "More than four-fifths of the
staff who voted backed strike action" read as a count of 4 "fifths", so neither "81 per
cent" nor "more than four in five" could support it. Invented wordings in other domains."""

from __future__ import annotations

import pytest

from agent.text.analysis import analyze
from agent.verification.checks import compare


@pytest.mark.parametrize(("text", "value", "low", "high"), [
    ("More than four-fifths of the members backed the merger.", 80.0, 80.0, float("inf")),
    ("About one-fifth of the budget went on fuel.", 20.0, 18.0, 22.0),
    ("Roughly a sixth of scheduled flights were cancelled.", 100 / 6, 15.0, 100 / 6 * 1.1),
    ("The regulator can fine a firm up to a tenth of its turnover.", 10.0, 0.0, 10.0),
    ("Seven-tenths of the vote went to the incumbent.", 70.0, 63.0, 77.0),
    ("Three quarters of pupils passed.", 75.0, 67.5, 82.5),
])
def test_a_fraction_of_a_whole_is_a_share(
        text: str, value: float, low: float, high: float) -> None:
    shares = [q for q in analyze(text).quantities if q.kind == "percent"]
    assert len(shares) == 1
    assert (shares[0].value, shares[0].low, shares[0].high) == pytest.approx((value, low, high))


@pytest.mark.parametrize("text", [
    "They won the cup for a fifth time.",  # a rank
    "The second half of the season was cancelled.",  # a part
    "Five quarters of the loaf were eaten.",  # no share: more than a whole
])
def test_a_rank_a_part_or_more_than_a_whole_is_no_share(text: str) -> None:
    assert not [q for q in analyze(text).quantities if q.kind == "percent"]


@pytest.mark.parametrize("sentence", [
    "Of those voting, 81 per cent backed the merger.",
    "More than four in five members who voted backed the merger.",
])
def test_a_fraction_is_stated_by_its_percentage(sentence: str) -> None:
    signals = compare("More than four-fifths of the members who voted backed the merger.",
                      sentence)
    assert not signals.conflicts
    assert not signals.missing_numbers


def test_another_fraction_is_a_rival() -> None:
    signals = compare("About two-fifths of the members backed the merger.",
                      "Of those voting, 81 per cent backed the merger.")
    assert [c.kind for c in signals.conflicts] == ["number"]
