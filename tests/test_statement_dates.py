"""Dates of a statement against dates of what it tells (a newcomer trial, session 46: "will
close on 31 July 2027" was refuted by "..., the university announced on Monday", and "was
announced on 2 November 2026" by "will take effect on 31 July 2027")."""

from __future__ import annotations

from datetime import date

import pytest

from agent.text.dates import implied_years, weekday_dates
from agent.text.events import other_event_days, tells_a_statement
from agent.text.facts import event_months
from agent.verification.checks import compare

TUESDAY = date(2026, 3, 10)  # the evidence article's date


@pytest.mark.unit
def test_the_day_a_speaker_spoke_does_not_date_what_the_claim_tells() -> None:
    claim = "The Selby ferry service will end on 30 June 2027."
    sentence = "The Selby ferry service will end, the operator announced on Monday."
    assert not tells_a_statement(claim)
    sig = compare(claim, sentence, 0.8, published=TUESDAY)
    assert sig.conflicts == []
    # the day still dates the statement, for a claim about the statement
    assert [q.value for q in weekday_dates(sentence, TUESDAY, (), False)] == []
    assert [q.value for q in weekday_dates(sentence, TUESDAY)] == [9.0]
    assert implied_years(sentence, TUESDAY, False) == ()
    said = "The operator announced the end of the Selby ferry on 2 March 2025."
    assert tells_a_statement(said)
    assert [c.kind for c in compare(said, sentence, 0.8, published=TUESDAY).conflicts]


@pytest.mark.unit
def test_another_events_day_gives_no_rival_year_or_month() -> None:
    claim = "The Harrow Lane depot closure was announced on 9 March 2026."
    later = "The Harrow Lane depot closure will take effect on 30 September 2027."
    assert other_event_days(claim, later, TUESDAY) == {date(2027, 9, 30)}
    sig = compare(claim, later, 0.8, published=TUESDAY)
    assert sig.conflicts == [] and sig.missing_numbers


@pytest.mark.unit
def test_the_claims_own_day_is_no_other_events_day() -> None:
    claim = "The new Harrow Lane timetable takes effect on 14 December 2026."
    sentence = "The operator said the new Harrow Lane timetable takes effect on 14 December 2026."
    assert other_event_days(claim, sentence, TUESDAY) == frozenset()
    sig = compare(claim, sentence, 0.8, published=TUESDAY)
    assert sig.conflicts == [] and not sig.missing_numbers



@pytest.mark.unit
@pytest.mark.parametrize(("sentence", "months"), [
    # a newcomer trial, session 47: "charged twice for October's electricity" refuted
    # "Refunds began reaching customers on 11 November"
    ("Grisdale Water billed 12,000 homes twice for October's water.", set()),
    ("The September inspection found no fault.", set()),
    ("Its March accounts showed a loss of £2m.", set()),
    # a month that dates the event, also beside a naming one
    ("The fault was found in September.", {"september"}),
    ("The board met on 3 October and approved the October budget.", {"october"}),
])
def test_a_month_that_names_a_thing_is_no_month_of_the_event(
    sentence: str, months: set[str],
) -> None:
    assert event_months(sentence) == months


@pytest.mark.unit
def test_a_things_month_gives_no_rival_month() -> None:
    claim = "Grisdale Water began paying refunds on 11 November."
    named = "Grisdale Water began paying refunds for October's double bills."
    assert not [c for c in compare(claim, named, 0.8).conflicts if c.kind == "month"]
    other = "Grisdale Water began paying refunds in October."
    assert [c.kind for c in compare(claim, other, 0.8).conflicts] == ["month"]


@pytest.mark.unit
@pytest.mark.parametrize(("sentence", "day", "dates_the_act"), [
    # a newcomer trial (session 48): "the company announced a hosepipe ban for 1.2m
    # customers on Monday" refuted "The hosepipe ban starts on Friday 7 August 2026"
    ("The trust announced a ward closure for about 900 patients on Monday.", "Monday", True),
    ("The board confirmed the exam leak on Thursday.", "Thursday", True),
    # the start of what was announced, or a day in what it said, is no day of the act
    ("The trust announced a ward closure from Monday.", "Monday", False),
    ("The trust announced that the ward closes on Monday.", "Monday", False),
    ("The trust announced a closure, which takes effect on Monday.", "Monday", False),
])
def test_a_day_after_a_verb_of_making_public_and_its_object_dates_the_act(
    sentence: str, day: str, dates_the_act: bool
) -> None:
    from agent.text.facts import beside_speech

    at = sentence.index(day)
    assert beside_speech(sentence, at, at + len(day)) is dates_the_act


@pytest.mark.unit
def test_an_announcements_day_is_no_rival_of_what_it_announced() -> None:
    claim = "The ward closure takes effect on Friday 13 March 2026."
    sentence = "The trust announced a ward closure for about 900 patients on Monday."
    assert compare(claim, sentence, 0.8, published=TUESDAY).conflicts == []
