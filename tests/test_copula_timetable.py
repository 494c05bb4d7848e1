"""A present "is" / "are" whose complement is a day tells a timetable, not a day gone by
(agent.text.tense.ahead): "The first day of the strike is 7 December". A newcomer's strike
ballot (session 70) had that claim read as of the past, so the rival outlet's "will be
Tuesday 8 December", after the article's date, was taken for another event and the claim
came out supported. Invented wordings in other domains."""

from __future__ import annotations

from datetime import date

import pytest

from agent.text.tense import ahead
from agent.verification.checks import compare

WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize(("text", "day", "to_come"), [
    ("The first day of the strike is 7 December.", "7 December", True),
    ("The deadline for objections is Friday.", "Friday", True),
    ("The opening matches of the tournament are 12 and 13 June.", "12", True),
    # a past verb in the clause: the day is gone
    ("The vote that was held last week is 3 March.", "3 March", False),
    ("The strike was on 7 December.", "7 December", False),
])
def test_a_day_after_a_present_copula(text: str, day: str, to_come: bool) -> None:
    assert ahead(text, day) is to_come


@pytest.mark.parametrize(("claim", "sentence", "values"), [
    ("The first day of the strike is 7 December.",
     "Union sources say the first of three strike days will be Tuesday 8 December, the "
     "week before the graduation ceremonies.", ("7 december", "8 december")),
    ("The final day for planning objections is 4 December.",
     "Residents have until Friday 11 December to lodge planning objections, the council "
     "said.", ("4 december", "11 december")),
])
def test_another_outlets_day_to_come_is_a_rival(
        claim: str, sentence: str, values: tuple[str, str]) -> None:
    conflicts = compare(claim, sentence, published=WEDNESDAY).conflicts
    assert [(c.claim_values, c.source_values) for c in conflicts] == [
        ((values[0],), (values[1],))]


@pytest.mark.parametrize(("text", "day"), [
    # a past participle after "remain" / "stay" describes, it tells no past (a newcomer's
    # estuary spill, session 70: "until at least Thursday" was dated the Thursday gone)
    ("The harbour master said the channel was expected to remain closed until at least "
     "Thursday.", "Thursday"),
    ("Schools in the valley will stay shut until at least Wednesday.", "Wednesday"),
])
def test_remaining_closed_until_a_day_is_to_come(text: str, day: str) -> None:
    assert ahead(text, day)


def test_a_past_remaining_is_past() -> None:
    assert not ahead("The road remained closed on Friday.", "Friday")
