""""next Thursday" is no day of the next two (agent.text.dates.weekday_date): a business
newcomer's (session 52) article of Wednesday 9 December had "will start next Thursday",
glossed 10 December where the wire gave 17 December."""

from __future__ import annotations

from datetime import date

import pytest

from agent.text.dates import weekday_date
from agent.text.glosses import date_glossed


@pytest.mark.parametrize(("published", "next_day", "plain_day"), [
    (date(2026, 12, 8), date(2026, 12, 17), date(2026, 12, 10)),  # a Tuesday
    (date(2026, 12, 9), date(2026, 12, 17), date(2026, 12, 10)),  # a Wednesday
    (date(2026, 12, 11), date(2026, 12, 17), date(2026, 12, 17)),  # a Friday
    # said on a Monday, the nearer Thursday may be meant: kept
    (date(2026, 11, 30), date(2026, 12, 3), date(2026, 12, 3)),
])
def test_next_weekday_is_no_day_of_the_next_two(published: date, next_day: date,
                                            plain_day: date) -> None:
    assert weekday_date("Talks will start next Thursday.", "thursday", published) == next_day
    # "on Thursday" of what is to come is the nearest one
    assert weekday_date("Talks will start on Thursday.", "thursday", published) == plain_day


def test_the_gloss_dates_next_weekday_so() -> None:
    assert date_glossed("Talks will start next Thursday.", date(2026, 12, 9)) == (
        "Talks will start next Thursday [17 December 2026].")
