"""Which event a day of a sentence dates (agent.text.events), and what the verifier's checks
make of a day of another event."""

from __future__ import annotations

from datetime import date

import pytest

from agent.generation.extractive import same_event
from agent.text.events import other_event_days
from agent.verification.checks import compare
from agent.verification.conflict import Conflict

TUESDAY = date(2026, 3, 10)  # the evidence article's date


@pytest.mark.parametrize(("evidence", "expected"), [
    # to come when the article was written: weekday, relative day, day of the month
    ("The walkout is due to end at 6am on Friday.", date(2026, 3, 13)),
    ("A court hearing is expected tomorrow.", date(2026, 3, 11)),
    ("The depot will reopen on 21 March after repairs.", date(2026, 3, 21)),
])
def test_a_day_still_to_come_dates_another_event_than_a_past_claim(
    evidence: str, expected: date
) -> None:
    claim = "The walkout started at 6am on Sunday 8 March 2026."
    assert other_event_days(claim, evidence, TUESDAY) == {expected}


@pytest.mark.parametrize(("claim", "evidence"), [
    # the claim's own day, past: a rival date of the same event
    ("The walkout started on Sunday 8 March.", "Staff walked out at 6am on Saturday."),
    ("The depot closed on 2 March.", "The depot shut its doors on 3 March."),
    # a claim about what is to come against a day to come: the same kind of event
    ("The depot is due to reopen on 20 March.", "The depot will reopen on 21 March."),
    ("Pay talks will resume on Friday 13 March.", "Talks are expected to resume on Thursday."),
    # a day of the month written with its year is in that year, not the nearest one
    ("The depot closed on 1 August 2025.", "The depot shut on 8 August 2025."),
])
def test_a_day_of_the_claims_own_time_is_kept(claim: str, evidence: str) -> None:
    assert other_event_days(claim, evidence, TUESDAY) == frozenset()


def test_without_an_article_date_or_a_claim_date_no_day_is_set_aside() -> None:
    evidence = "The walkout is due to end at 6am on Friday."
    assert other_event_days("The walkout started on Sunday 8 March.", evidence, None) == set()
    assert other_event_days("The walkout started after a ballot.", evidence, TUESDAY) == set()


@pytest.mark.parametrize("evidence", [
    "The 48-hour walkout by depot staff is due to end at 6am on Friday.",
    "Depot staff will switch to a reduced rota from Monday 16 March after the walkout.",
])
def test_the_end_of_an_event_does_not_contradict_its_start(evidence: str) -> None:
    """A claim of when something began, against a sentence giving when it (or something
    after it) is to come: no date conflict, as neither the weekday nor the day of the month
    is the claim's event's."""
    signals = compare("The depot staff walkout began at 6am on Sunday 8 March 2026.", evidence,
                      score=0.8, published=TUESDAY)
    assert not [c for c in signals.conflicts if c.kind in ("day", "number")]


def test_a_past_rival_day_of_the_same_event_still_conflicts() -> None:
    signals = compare("The depot staff walkout began at 6am on Sunday 8 March 2026.",
                      "The depot staff walkout began at 6am on Saturday.",
                      score=0.9, published=TUESDAY)
    assert {c.kind for c in signals.conflicts} >= {"day"}


# a newcomer trial: "on Saturday, two days after health chiefs voted" had contradicted a
# Thursday vote with the protest's Saturday
MARCH = ("Hundreds of nurses marched through Dunford on Saturday, two days after the trust "
         "voted to close its stroke unit.")


@pytest.mark.parametrize(("claim", "conflicts"), [
    ("The trust voted on Thursday to close the Dunford stroke unit.", []),
    ("The trust voted on Friday to close the Dunford stroke unit.",
     ["day: claim friday vs source thursday"]),
    # the day still dates the sentence's own event
    ("Hundreds of nurses marched through Dunford on Sunday.",
     ["day: claim sunday vs source saturday"]),
])
def test_a_day_some_days_after_an_event_dates_that_event_by_the_gap(
    claim: str, conflicts: list[str]
) -> None:
    assert [c.describe() for c in compare(claim, MARCH, score=0.8).conflicts] == conflicts


def test_the_date_of_a_day_some_days_after_an_event_is_moved_by_the_gap() -> None:
    sunday = date(2026, 11, 29)  # the march was on Saturday 28 November
    found = compare("The trust voted on Thursday 26 November to close the stroke unit.", MARCH,
                    score=0.8, published=sunday).conflicts
    assert found == []
    found = compare("The trust voted on Friday 27 November to close the stroke unit.", MARCH,
                    score=0.8, published=sunday).conflicts
    assert [c.describe() for c in found] == ["number: claim 27 november vs source 26 november",
                                             "day: claim friday vs source thursday"]


def test_places_of_a_past_and_a_coming_hearing_or_of_two_bodies_are_no_difference() -> None:
    """A crime newcomer (session 61): a past and a coming hearing, and a near-miss body's
    town, were printed as "Outlets differ on the place"."""
    coming = Conflict("place", ("kelby crown court",), ("dunmoor magistrates' court",))
    assert not same_event(coming, "Ross is due to appear at Kelby Crown Court on 4 May.",
                          "Ross appeared at Dunmoor Magistrates' Court on Friday.")
    bodies = Conflict("place", ("tarrow",), ("dunmoor",))
    assert not same_event(bodies, "Orrin Housing Association, a separate landlord based in "
                                  "Tarrow, said it had no link with the trust.",
                          "Orrin Housing Trust, which runs 300 homes in Dunmoor, denied it.")
    # one speaker's two venues of one past speech are a difference
    venues = Conflict("place", ("kelby town hall",), ("dunmoor library",))
    assert same_event(venues, "Ross spoke at Kelby Town Hall on Friday.",
                      "Ross spoke at Dunmoor Library on Friday.")


def test_a_day_gone_by_dates_another_event_than_a_claim_of_what_is_to_come() -> None:
    # a newcomer's strike story (session 66): "The walkout is scheduled to finish on Friday
    # morning" was refuted by "The walkout, which started ... on Tuesday morning, is set to
    # last three days" (Tuesday read as the one to come, in the relative clause's sentence)
    claim = "The stoppage is scheduled to finish on Friday morning."
    evidence = "The stoppage, which started at 6am on Monday, is set to last four days."
    assert other_event_days(claim, evidence, TUESDAY) == {date(2026, 3, 9)}
    assert compare(claim, evidence, 0.6, published=TUESDAY).conflicts == []
    # a day to come in the claim's own event still rivals
    rival = compare(claim, "The stoppage is scheduled to finish on Thursday morning.", 0.6,
                    published=TUESDAY).conflicts
    assert [c.describe() for c in rival] == ["day: claim friday vs source thursday"]
