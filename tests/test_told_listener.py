"""A day after "told" and its listener dates the telling, not what was told: "A safety
inspector told an inquest on Monday that the last check was made in July" does not date the
check to Monday's year (a newcomer's quarry story, session 59: "The quarry face was last
inspected on 11 August 2025" met "claim 2025 vs source 2026" from the inquest's Monday).
The sentences are made up for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from agent.text.dates import weekday_dates
from agent.text.facts import speech_weekdays
from agent.verification.checks import compare


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "A surveyor told an inquest on Monday that the bridge was last checked in May.",
    "The driver told the jury on Tuesday that the brakes had failed.",
    "The manager told staff last Friday that the depot would close.",
    "Ms Orme told reporters Thursday that the ferry had been sold.",
])
def test_a_day_after_told_and_its_listener_dates_the_telling(text: str) -> None:
    assert speech_weekdays(text)


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    # the day is inside what was told
    "The firm told staff the depot would close on Monday.",
    "The council said the bridge reopened on Monday after repairs.",
])
def test_a_day_of_what_was_told_is_not_the_tellings(text: str) -> None:
    assert not speech_weekdays(text)


SENTENCE = ("A surveyor told an inquest on Monday that the bridge had last been checked more "
            "than two weeks before it fell.")


@pytest.mark.unit
def test_the_tellings_day_is_no_date_of_the_claims_event() -> None:
    published = date(2026, 3, 3)
    assert weekday_dates(SENTENCE, published, statements=False) == ()
    sig = compare("The bridge was last checked on 11 August 2025.", SENTENCE, 0.7,
                  published=published)
    assert not sig.conflicts
