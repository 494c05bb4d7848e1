"""A bare o'clock names no half of the day (agent.text.clock_times): "stopped shortly before
a quarter to three" is either 2.45am or 2.45pm, so it neither contradicts "about 2:40 pm" nor
is shown as "2.45am". A newcomer's gondola story (session 69): its summary and outlet matrix
printed "Outlets differ on the time: about 2:40 pm vs shortly before 2.45am". Invented
wordings in other domains."""

from __future__ import annotations

import pytest

from agent.text.quantities import quantities
from agent.types import Sentence
from agent.verification.checks import compare
from agent.verification.measures import measure_conflicts


def _s(article: str, text: str) -> Sentence:
    return Sentence(id=f"{article}:0", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


@pytest.mark.parametrize(("text", "low", "high"), [
    # no half of the day named: either hour
    ("The pumps failed shortly before a quarter to three.", 2.25, 14.75),
    ("The doors opened at nine o'clock.", 9, 21),
    # a half of the day named, after the hour or after its day: that one
    ("The doors opened at nine o'clock in the morning.", 9, 9),
    ("The hikers set off at half past nine on Friday morning.", 9.5, 9.5),
    ("The doors opened at nine o'clock on Friday evening.", 21, 21),
    ("The doors opened at 9pm.", 21, 21),
])
def test_a_bare_o_clock_is_either_half_of_the_day(text: str, low: float, high: float) -> None:
    (q,) = [q for q in quantities(text) if q.kind == "time"]
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))


def test_a_bare_o_clock_contradicts_no_time_of_the_afternoon() -> None:
    claim = "The pumps at the Harlow station failed at about 2:40 pm."
    sentence = "The pumps at the Harlow station failed shortly before a quarter to three."
    assert compare(claim, sentence, 0.9).conflicts == []
    assert measure_conflicts(_s("wire", claim), _s("paper", sentence)) == []
    # a time of the other half of the day still does
    (c,) = compare(claim, "The pumps at the Harlow station failed at about 9:10 pm.",
                   0.9).conflicts
    assert c.detail == "time"


def test_the_time_is_shown_as_said_without_a_half_of_the_day() -> None:
    (q,) = quantities("The pumps failed shortly before a quarter to three.")
    assert q.said == "shortly before 2:45"
