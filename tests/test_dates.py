"""Weekdays as dates of the month, relative to the article's date (agent.text.dates), and
what the verifier's checks make of them."""

from __future__ import annotations

from datetime import date

import pytest

from agent.text.dates import (
    ahead,
    implied_years,
    named_periods,
    publication_date,
    relative_days,
    relative_periods,
    strip_dates,
    weekday_dates,
)
from agent.verification.checks import compare


@pytest.mark.parametrize(("raw", "expected"), [
    ("Thursday, 19 November 2026", date(2026, 11, 19)),
    ("19/11/2026 13:20", date(2026, 11, 19)),
    ("03/04/2025", date(2025, 4, 3)),  # day first, as the outlets write it
    ("June 2, 2025 6:20 PM", date(2025, 6, 2)),
    ("2026-11-19", date(2026, 11, 19)),
    ("", None),
    ("no date here at all", None),
])
def test_publication_dates_are_read_as_written(raw: str, expected: date | None) -> None:
    assert publication_date(raw) == expected


THURSDAY = date(2026, 11, 19)


def test_a_past_weekday_is_the_latest_before_the_article_and_a_future_one_the_next() -> None:
    (sunday,) = weekday_dates("The first patient fell ill on Sunday.", THURSDAY)
    assert (sunday.kind, sunday.value, sunday.head) == ("day", 15, "november")
    (monday,) = weekday_dates("The ward will reopen on Monday.", THURSDAY)
    assert (monday.value, monday.head) == (23, "november")
    (same,) = weekday_dates("The authority said on Thursday it was contained.", THURSDAY)
    assert same.value == 19
    # across a month's end
    (friday,) = weekday_dates("It began on Friday.", date(2026, 12, 2))
    assert (friday.value, friday.head) == (27, "november")


def test_no_dates_without_an_article_date_or_where_the_sentence_gives_its_own() -> None:
    assert weekday_dates("The first patient fell ill on Sunday.", None) == ()
    assert weekday_dates("The first patient fell ill on Sunday 15 November.", THURSDAY) == ()
    # a day that names a thing dates no event ("a Friday report")
    assert weekday_dates("She responded to a Friday report.", THURSDAY) == ()


def test_a_weekday_states_the_claims_date_and_another_weekday_contradicts_it() -> None:
    claim = "The first patients fell ill on Sunday 15 November."
    same = compare(claim, "The outbreak began after the first patient fell ill on Sunday.",
                   0.7, published=THURSDAY)
    assert same.figures_stated and not same.missing_numbers and not same.conflicts
    other = compare(claim, "The first patients fell ill on Friday, tests showed.", 0.7,
                    published=THURSDAY)
    assert "number: claim 15 november vs source 13 november" in [
        c.describe() for c in other.conflicts]
    # without the article's date the weekday does not give the date of the month
    assert compare(claim, "The outbreak began after the first patient fell ill on Sunday.",
                   0.7).missing_numbers


@pytest.mark.unit
def test_periods_named_relative_to_the_article_date() -> None:
    published = date(2026, 1, 8)  # a Thursday
    assert relative_periods("It offered $4 a share last year.", published) == {(2025, 0)}
    assert relative_periods("Staff accepted 6% last month.", published) == {(2025, 12)}
    assert relative_periods("Staff accepted 6% last month.", None) == frozenset()
    told = named_periods("Talks failed in March 2024; on Monday the union, which may strike, "
                         "met again.", published)
    # the year and month written, the year alone, Monday's month; "may" is no month
    assert told == {(2024, 3), (2024, 0), (2026, 1)}
    # a weekday back across the turn of the year falls in December
    assert (2025, 12) in named_periods("The pipe burst on Saturday.", date(2026, 1, 1))


@pytest.mark.unit
def test_a_part_of_the_day_after_the_weekday_still_dates_the_event() -> None:
    from agent.text.facts import event_weekdays

    assert event_weekdays("The leak started on the Saturday night.") == {"saturday"}
    assert event_weekdays("The Monday meeting was cancelled.") == set()
    # a claim of Saturday night against a source of Sunday night: another day
    sig = compare("The ammonia started leaking on the Saturday night.",
                  "The ammonia leak began late on Sunday night.", score=0.8)
    assert [c.kind for c in sig.conflicts] == ["day"]


@pytest.mark.unit
def test_a_future_clause_does_not_move_a_past_weekday() -> None:
    thursday = date(2025, 11, 20)
    (q,) = weekday_dates("The journal retracted four of them on Tuesday, and the rest are "
                         "expected to follow in the coming weeks.", thursday)
    assert (q.value, q.head) == (18, "november")
    (q,) = weekday_dates("The rest are expected to be withdrawn on Tuesday.", thursday)
    assert (q.value, q.head) == (25, "november")
    # The future of a reported clause is not the saying's (found by a newcomer on a dev
    # story: "said on Tuesday [25 November]" in a paper of Wednesday 19 November).
    wednesday = date(2025, 11, 19)
    (q,) = weekday_dates("The university said on Tuesday that seven papers will be "
                         "retracted.", wednesday)
    assert (q.value, q.head) == (18, "november")
    (q,) = weekday_dates("The university said that the papers will be retracted on Tuesday.",
                         wednesday)
    assert (q.value, q.head) == (25, "november")


@pytest.mark.unit
def test_a_reported_future_is_to_come_and_a_past_verb_dates_the_day_after_it() -> None:
    tuesday = date(2026, 11, 17)
    # newcomer trial (kettering): "said it would announce compensation ... on Wednesday"
    # in a paper of Tuesday 17 November was dated Wednesday 11 November
    (q,) = weekday_dates("The firm said it would announce refunds on Wednesday.", tuesday)
    assert (q.value, q.head) == (18, "november")
    (q,) = weekday_dates("The firm would have announced refunds on Wednesday.", tuesday)
    assert (q.value, q.head) == (11, "november")
    # the day of a past verb after the future word is past (dev dunmere: "will be without
    # ... after the league banned him ... on Thursday")
    (q,) = weekday_dates("The club will be without its keeper after the league banned him "
                         "on Thursday.", tuesday)
    assert (q.value, q.head) == (12, "november")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The break-in happened early on Sunday 9 November 2025.", "The break-in happened ."),
        ("Pickets went up at 4am on Monday 14 September.", "Pickets went up ."),
        ("It was founded on March 3, 2001 in a garage.", "It was founded in a garage."),
        # "may" in lower case is a verb, not the month
        ("The council may vote in May.", "The council may vote ."),
        ("Nothing here is a date.", "Nothing here is a date."),
    ],
)
def test_strip_dates_leaves_what_happened(text: str, expected: str) -> None:
    assert strip_dates(text) == expected


@pytest.mark.unit
def test_a_day_named_relative_to_the_article_is_its_date_unless_it_dates_a_speech() -> None:
    friday = date(2025, 10, 17)
    text = "The water company lifted its notice yesterday afternoon after tests."
    assert relative_days(text, friday) == [("yesterday", date(2025, 10, 16))]
    assert relative_days("The company said yesterday that homes should not drink.", friday) == []
    assert relative_days(text, None) == []
    claim = "The notice was lifted on Thursday 16 October."
    # "yesterday" names the claim's Thursday: nothing is missing, and the date agrees
    signals = compare(claim, text, 0.5, published=friday)
    assert (signals.missing_numbers, signals.conflicts) == (False, [])
    found = compare(claim.replace("16", "15").replace("Thursday", "Wednesday"), text, 0.5,
                    published=friday).conflicts
    assert [(c.claim_values, c.source_values) for c in found] == [
        (("15 october",), ("16 october",)), (("wednesday",), ("thursday",))]


@pytest.mark.unit
def test_a_relative_day_is_a_weekday_of_the_event_that_another_weekday_contradicts() -> None:
    # a newcomer trial: "began running this morning", in an article of Thursday, against
    # a claim's Wednesday
    thursday = date(2026, 11, 26)
    text = "Replacement ferries began sailing this morning, two days after the strike began."
    (c,) = compare("Replacement ferries began sailing on Wednesday.", text, 0.7,
                   published=thursday).conflicts
    assert c.describe() == "day: claim wednesday vs source thursday"
    assert not compare("Replacement ferries began sailing on Thursday.", text, 0.7,
                       published=thursday).conflicts
    # "a week ago today" is an anniversary, a week before: no relative day
    assert relative_days("A week ago today, the first ferry was cancelled.", thursday) == []


@pytest.mark.unit
def test_a_day_of_the_month_gives_its_weekday() -> None:
    """Found on a dev story: "on Thursday 26 March" against "on March 26" was missing its
    Thursday, though 26 March 2026 is one."""
    march = date(2026, 3, 10)
    text = "The board will meet to decide the fares on March 26."
    claim = "The board will meet on Thursday 26 March to decide the fares."
    assert not compare(claim, text, 0.5, published=march).missing_numbers
    # another weekday is not in the sentence; and without the article's date none is
    assert compare(claim.replace("Thursday", "Friday"), text, 0.5,
                   published=march).missing_numbers
    assert compare(claim, text, 0.5).missing_numbers


@pytest.mark.unit
def test_a_date_without_a_year_is_in_the_year_nearest_the_article() -> None:
    may = date(2026, 5, 20)
    assert [q.value for q in implied_years("Services resume from 1 June.", may)] == [2026.0]
    assert [q.value for q in implied_years("It closed on 28 December.", date(2026, 1, 3))] \
        == [2025.0]
    assert implied_years("It closed on 28 December 2019.", date(2026, 1, 3)) == ()
    assert implied_years("Services resume from 1 June.", None) == ()
    claim = "Ferry services to Skelly will resume from 1 June 2026."
    said = "The operator said ferry services to Skelly would resume from 1 June."
    assert not compare(claim, said, 0.7, published=may).missing_numbers
    assert compare(claim, said, 0.7).missing_numbers  # no article date: the year is unknown
    a_year_on = compare(claim, said, 0.7, published=date(2027, 5, 20))
    assert "number: claim 2026 vs source 2027" in [c.describe() for c in a_year_on.conflicts]


def test_next_marks_the_future_only_for_its_own_day() -> None:
    monday = date(2026, 11, 30)
    (voted,) = weekday_dates("The board voted 8-4 on Thursday to open the centre from next "
                             "September.", monday)
    assert (voted.value, voted.head) == (26, "november")
    (meets,) = weekday_dates("The board meets on Thursday next week.", monday)
    assert (meets.value, meets.head) == (3, "december")
    (coming,) = weekday_dates("The board will decide next Thursday.", monday)
    assert (coming.value, coming.head) == (3, "december")


@pytest.mark.parametrize(("text", "word", "to_come"), [
    # dev brenford: "a temporary, reduced timetable" describes the timetable, no past verb
    ("The operator will switch to a temporary, reduced timetable from Monday.", "Monday", True),
    ("The club will play a newly extended season from Saturday.", "Saturday", True),
    # a past participle after its noun still dates the day it names
    ("The board would consider a review of the warnings issued on Friday.", "Friday", False),
    ("The council will consider the plans it rejected on Monday.", "Monday", False),
])
def test_an_ed_word_that_describes_a_noun_is_no_past_verb(
        text: str, word: str, to_come: bool) -> None:
    assert ahead(text, word) is to_come


@pytest.mark.parametrize(("text", "year"), [
    # what is to come falls on the next such day, however far ("will close ... on 31 July"
    # in November: a newcomer trial, session 46, saw "on 31 July 2027" refuted by 2026)
    ("The conservatoire will close its opera school on 31 July, the board said.", 2027.0),
    ("The new stand is due to open on 14 August.", 2027.0),
    # what was falls on the last such day
    ("The old stand was demolished on 14 August.", 2026.0),
    ("The festival ended on 28 December.", 2025.0),
    # neither: the nearest
    ("Tickets for 3 December are sold out.", 2026.0),
])
def test_the_year_of_a_date_follows_its_tense(text: str, year: float) -> None:
    published = date(2026, 11, 2)
    assert [q.value for q in implied_years(text, published)] == [year]


@pytest.mark.parametrize(("text", "to_come"), [
    # what someone means to do is to come (an education newcomer, session 53: "wants to
    # shut the school in August 2027" rivalled another school's "rated good in 2023")
    ("The trust wants to shut the school in August 2027.", True),
    ("The council intends to sell the site in 2028.", True),
    ("The firm is set to open the plant in 2027.", True),
    ("The trust shut the school in August 2023.", False),
])
def test_what_someone_means_to_do_is_to_come(text: str, to_come: bool) -> None:
    year = text.rstrip(".").split()[-1]
    assert ahead(text, year) is to_come


@pytest.mark.parametrize(("text", "day"), [
    # a newcomer's football story: "will go into the final third of the season ... after a
    # panel on Tuesday trimmed the penalty", in a paper of Wednesday 4 March, was dated the
    # Tuesday to come (10 March)
    ("The club will go into the run-in outside the drop zone after an appeal panel on Tuesday "
     "trimmed the penalty to six points.", 3),
    ("The striker will miss the cup final because the referee on Tuesday showed him a red card.",
     3),
    # the clause opened after the future word tells what is to come: the day is to come
    ("The club will appeal once the league on Tuesday publishes its reasons.", 10),
    ("The ward will reopen after repairs are finished on Tuesday.", 10),
])
def test_a_clause_opened_after_a_future_word_dates_its_own_day(text: str, day: int) -> None:
    wednesday = date(2026, 3, 4)
    (q,) = weekday_dates(text, wednesday)
    assert (q.value, q.head) == (day, "march")


def test_a_future_joined_after_a_past_verb_leaves_its_day_past() -> None:
    tuesday = date(2026, 3, 3)
    # a newcomer's planning story: "had been received on Friday and said it would be
    # assessed", in a paper of Tuesday 3 March, was dated Friday 6 March
    (q,) = weekday_dates("The officer confirmed that a complaint had been received on Friday and "
                         "said it would be assessed within 20 working days.", tuesday)
    assert (q.value, q.head) == (27, "february")
    # a future after "and" with no past verb before the day is still to come
    (q,) = weekday_dates("The panel meets on Friday and will decide then.", tuesday)
    assert (q.value, q.head) == (6, "march")


@pytest.mark.unit
def test_a_year_a_tenure_runs_from_is_no_year_of_the_days_event() -> None:
    """A fresh dev claim (session 67): "Gordon Pryce, who had run the society since 2019,
    stepped down on 22 November 2026" lacked its year in "..., who had been chief executive
    since 2019, stepped down yesterday". Invented variants."""
    monday = date(2026, 11, 23)
    tenure = "Ana Ruiz, who has chaired the trust since 2019, resigned yesterday."
    assert [q.value for q in implied_years(tenure, monday)] == [2026.0]
    assert [q.value for q in implied_years("Ruiz, head since 2021, quit on Sunday.", monday)] \
        == [2026.0]
    # a year of the sentence's own event still gives the day its year
    assert implied_years("In 2019 Ana Ruiz resigned on 3 May.", monday) == ()
    claim = "Ana Ruiz, who had chaired the trust since 2019, resigned on 22 November 2026."
    assert not compare(claim, tenure, 0.7, published=monday).missing_numbers
    assert compare(claim, tenure.replace("yesterday", "on 3 May"), 0.7,
                   published=monday).missing_numbers  # 3 May is no 22 November
