"""A future told in a clause of its own after a day's past verb does not put the day ahead
(agent.text.tense.ahead): "On Saturday, the children spent a freezing night on the lift
because its backup engine would not start" tells a Saturday gone. A newcomer's gondola
story (session 69) was glossed "On Saturday [28 November 2026]" in an article of Tuesday
24 November. Invented wordings in other domains."""

from __future__ import annotations

from datetime import date

import pytest

from agent.text.dates import weekday_date
from agent.text.glosses import date_glossed

TUESDAY = date(2026, 11, 24)  # Tuesday 24 November 2026


@pytest.mark.parametrize(("text", "day", "when"), [
    # the day's own verb is past; "would" / "will" is in a because / after / when clause
    ("On Saturday, dozens of shoppers queued for hours because the new tills would not "
     "work.", "saturday", date(2026, 11, 21)),
    ("The match on Sunday was called off because the pitch will be relaid.", "sunday",
     date(2026, 11, 22)),
    ("On Monday the inspectors closed the kitchen after staff said they would not clean "
     "it.", "monday", date(2026, 11, 23)),
    # the future is the day's own: it stays ahead
    ("On Friday the ferry will sail again because the engine was repaired.", "friday",
     date(2026, 11, 27)),
    ("The museum will reopen on Thursday, when the new wing is expected to be ready.",
     "thursday", date(2026, 11, 26)),
])
def test_a_future_in_a_clause_of_its_own_leaves_the_days_tense(
        text: str, day: str, when: date) -> None:
    assert weekday_date(text, day, TUESDAY) == when


def test_the_gloss_a_reader_sees() -> None:
    text = ("On Saturday, nearly forty climbers spent the night on the ridge because the "
            "rescue helicopter would not fly.")
    assert date_glossed(text, TUESDAY) == text.replace(
        "On Saturday,", "On Saturday [21 November 2026],")
