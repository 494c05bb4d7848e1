"""A weekday an infinitive governs has no tense of its own ("said he had asked for the
committee to meet on Thursday"): it is the nearer such day, not the one gone by default. A
science newcomer (session 60) saw "on Thursday [26 February 2026]" in an article of
Tuesday 3 March, where the meeting was still to come."""

from __future__ import annotations

from datetime import date

import pytest

from agent.text.dates import weekday_date
from agent.text.glosses import date_glossed
from agent.text.tense import untensed

TUESDAY = date(2026, 3, 3)  # Tuesday 3 March 2026


@pytest.mark.parametrize(("text", "dated"), [
    # an infinitive after its subject: the nearer day
    ("The councillor said he had asked for the panel to meet on Thursday.",
     "The councillor said he had asked for the panel to meet on Thursday [5 March 2026]."),
    ("The union has called on its members to strike on Friday.",
     "The union has called on its members to strike on Friday [6 March 2026]."),
    ("Police told residents to leave their homes on Sunday night.",
     "Police told residents to leave their homes on Sunday night [1 March 2026]."),
    # after a past verb the day may be that verb's, as told: the one gone
    ("The board voted to close the depot on Friday.",
     "The board voted to close the depot on Friday [27 February 2026]."),
    ("The firm went to court on Friday.", "The firm went to court on Friday [27 February 2026]."),
    ("The panel met on Thursday.", "The panel met on Thursday [26 February 2026]."),
])
def test_an_infinitive_s_weekday_is_the_nearer_one(text: str, dated: str) -> None:
    assert date_glossed(text, TUESDAY) == dated


def test_untensed_reads_the_verb_nearest_the_day() -> None:
    assert untensed("He asked the board to meet on Thursday.", "Thursday")
    # a past verb between the infinitive and the day tells it
    assert not untensed("He wanted to know why the board met on Thursday.", "Thursday")
    # "to" before a noun is no infinitive
    assert not untensed("Two walkers were flown to Westmarch on Thursday.", "Thursday")
    assert weekday_date("He asked the board to meet on Monday.", "monday", TUESDAY) == date(
        2026, 3, 2)  # yesterday is nearer than next Monday
