"""Two days' values of a figure that changes day by day are no versions of one figure.

A takeover newcomer trial (session 56): "Brindlecombe shares ended Monday 23% higher at
398p" was made `conflicting` by an outlet's "390p at the close of trading on Tuesday", and
the story summary printed the two closing prices as a difference between outlets. The
weekday seven words after a figure dates it when nothing nearer does
(agent.text.frames.dating_weekdays), and a figure dated to another day neither contradicts
the claim's figure nor its day (agent.text.measured.days_apart). The variants are invented,
in other domains."""

from __future__ import annotations

import pytest

from agent.text.frames import figure_frames
from agent.text.measured import days_apart, figure_days
from agent.text.quantities import quantities
from agent.verification.checks import compare

CLAIM = "Harrowgate Water said the Elstow reservoir was at 61% of capacity on Wednesday."


@pytest.mark.unit
def test_a_weekday_later_in_the_clause_dates_the_figure() -> None:
    text = "The Elstow reservoir stood at 58% of capacity at the end of the day on Thursday."
    (level,) = quantities(text)
    assert figure_days(text, level) == {"thursday"}
    (frame,) = figure_frames(text, quantities(text))
    assert frame is not None and frame.weekdays == {"thursday"}
    # a nearer weekday wins over a farther one in the same clause
    both = ("Shares in Corvel fell to 205p on Friday before recovering most of the lost "
            "ground by the close on Monday.")
    assert figure_days(both, quantities(both)[0]) == {"friday"}


@pytest.mark.unit
def test_another_days_value_is_neither_a_rival_figure_nor_a_rival_day() -> None:
    sig = compare(CLAIM, "The Elstow reservoir stood at 58% of capacity at the end of the day "
                  "on Thursday, Harrowgate Water said.", score=0.8)
    assert sig.conflicts == [] and sig.missing_numbers and not sig.figures_stated
    claim_q, = quantities(CLAIM)
    other = "The Elstow reservoir stood at 58% of capacity on Thursday."
    assert days_apart(claim_q, CLAIM, quantities(other)[0], other)


@pytest.mark.unit
def test_one_days_values_still_disagree_and_one_value_on_two_days_still_disputes_the_day(
) -> None:
    same_day = compare(CLAIM, "Harrowgate Water said the Elstow reservoir was at 55% of "
                       "capacity on Wednesday.", score=0.8)
    assert [c.describe() for c in same_day.conflicts] == ["number: claim 61% vs source 55%"]
    other_day = compare(CLAIM, "Harrowgate Water said the Elstow reservoir was at 61% of "
                        "capacity on Tuesday.", score=0.8)
    assert [c.describe() for c in other_day.conflicts] == [
        "day: claim wednesday vs source tuesday"]
    # a date of a one-off event is still one date, with or without a figure beside it
    event = compare("The Elstow dam inspection began on Monday.",
                    "The Elstow dam inspection began on Tuesday.", score=0.8)
    assert [c.describe() for c in event.conflicts] == ["day: claim monday vs source tuesday"]
