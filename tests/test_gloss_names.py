"""A day in an outlet's name is no day the answer tells, and a day told in the possessive
is dated after its "'s" (agent.text.glosses.date_glossed): a council newcomer (session 62)
read "According to The Sentinel on Sunday [8 March 2026] — Comment:" and "Tuesday night
[3 March 2026]'s vote". Invented wordings."""

from __future__ import annotations

from datetime import date

import pytest

from agent.text.glosses import date_glossed

SUNDAY = date(2026, 3, 8)


@pytest.mark.unit
def test_a_day_inside_an_outlets_name_is_left_alone() -> None:
    text = "According to The Monday Ledger — Comment: the vote on Tuesday was a farce."
    assert date_glossed(text, SUNDAY, names=["The Monday Ledger — Comment"]) == (
        "According to The Monday Ledger — Comment: the vote on Tuesday [3 March 2026] was a "
        "farce.")
    # without the outlet's name, its "Monday" reads as a day
    assert "Monday [" in date_glossed(text, SUNDAY)


@pytest.mark.unit
@pytest.mark.parametrize(("text", "glossed"), [
    ("Tuesday night's vote was close.", "Tuesday night's [3 March 2026] vote was close."),
    ("Friday's meeting ran late.", "Friday's [6 March 2026] meeting ran late."),
    ("The vote on Tuesday night was close.",
     "The vote on Tuesday night [3 March 2026] was close."),
])
def test_a_possessive_day_is_dated_after_its_s(text: str, glossed: str) -> None:
    assert date_glossed(text, SUNDAY) == glossed
