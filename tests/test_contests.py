"""Who won a contest (agent.text.contests), and the refutation a claim with winner and loser
the other way round gets. Variants of a fresh dev claim's kind (session 67: "Brackley Town
beat Dunmere 2-1" against "Dunmere's 2-1 win over Brackley Town", not_enough_info), in other
sports and an election; none is a dev or seed sentence."""

from __future__ import annotations

import pytest

from agent.text.contests import Result, contest_results, result_reversed
from agent.verification.checks import compare


@pytest.mark.unit
@pytest.mark.parametrize(("text", "expected"), [
    ("Harlow Rovers beat Kelso City 3-0 on Saturday.",
     Result("harlow rovers", "kelso city", "3-0")),
    ("It came a week after Harlow Rovers' 3–0 victory over Kelso City.",
     Result("harlow rovers", "kelso city", "3-0")),
    ("Kelso City were beaten 3-0 by Harlow Rovers.", Result("harlow rovers", "kelso city", "3-0")),
    ("Kelso City lost to Harlow Rovers in the final.", Result("harlow rovers", "kelso city", "")),
    ("Mayor Ines Ward's defeat by Tom Ashe surprised the party.",
     Result("tom ashe", "mayor ines ward", "")),
    ("Grandmaster Ola Berg defeated Pia Lund in 40 moves.",
     Result("grandmaster ola berg", "pia lund", "")),
])
def test_contest_results_read_one_outcome_from_each_wording(text: str,
                                                            expected: Result) -> None:
    assert contest_results(text) == [expected]


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "sentence"), [
    ("Kelso City beat Harlow Rovers 3-0.",
     "The ban followed Harlow Rovers' 3-0 win over Kelso City in March."),
    ("Kelso City's 3-0 victory over Harlow Rovers was their first.",
     "Kelso City were beaten 3-0 by Harlow Rovers."),
    ("Tom Ashe lost to Ines Ward.", "Tom Ashe defeated Ines Ward by 412 votes."),
])
def test_winner_and_loser_the_other_way_round_refute(claim: str, sentence: str) -> None:
    assert result_reversed(claim, sentence) is not None
    sig = compare(claim, sentence)
    assert [c.kind for c in sig.conflicts if c.kind == "result"] == ["result"]


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "sentence"), [
    # the same outcome in other words
    ("Harlow Rovers beat Kelso City 3-0.", "Kelso City lost 3-0 to Harlow Rovers."),
    # another score: maybe another match between the two
    ("Kelso City beat Harlow Rovers 2-1.", "Harlow Rovers beat Kelso City 3-0 in March."),
    # another pair of sides
    ("Kelso City beat Harlow Rovers.", "Harlow Rovers beat Dunley Town."),
    # a side named in short is the same side
    ("Harlow Rovers beat Kelso.", "Kelso City lost to Harlow Rovers."),
])
def test_no_reversal_without_the_same_contest_told_the_other_way(claim: str,
                                                                 sentence: str) -> None:
    assert result_reversed(claim, sentence) is None
