"""Directions of change (agent.text.directions): a claim that a thing went up, against a
source that says it went down, is a polarity conflict of the verifier's checks."""

from __future__ import annotations

import pytest

from agent.text.directions import changes, opposite_changes
from agent.verification.checks import compare

NAMES = frozenset({"rovers", "united", "harlow", "county"})


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "source"), [
    # dev kestrel c08 and pemberly c11, retold in other domains
    ("Rovers' own share price went up when the deal was announced.",
     "United shares rose 6% by the close, while Rovers shares fell 3%."),
    ("Harlow County is increasing the grant it gives the museum.",
     "The county cut its yearly museum grant by £40,000."),
    ("Harlow County is increasing the grant it gives the museum.",
     "The annual grant paid by Harlow County, which falls from £90,000 to £50,000, ..."),
    ("Turnout rose at this election.", "Turnout was 41.2%, down from 44.1% in 2022."),
    ("Visitor numbers rose last summer.", "Visitor numbers dropped by a tenth last summer."),
])
def test_a_change_told_the_other_way_is_an_opposite_change(claim: str, source: str) -> None:
    assert opposite_changes(claim, source, NAMES)
    assert compare(claim, source, score=0.8, known_names=NAMES).polarity_conflict


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "source"), [
    # another's shares, the same direction, another thing
    ("United shares rose after the deal.",
     "United shares rose 6% by the close, while Rovers shares fell 3%."),
    ("Ticket prices will rise next season.", "Ticket prices will go up from £30 to £34."),
    ("Ticket prices will rise next season.", "The club's wage bill fell by a fifth."),
    # no verb of change: a noun, an adjective, a climb, an illness, a shortfall
    ("Visitor numbers rose last summer.",
     "The museum blamed falling visitor numbers and rising energy costs."),
    ("Visitor numbers rose last summer.", "Eight more visitors fell ill on the tour."),
    ("Visitor numbers rose last summer.", "A sharp rise in visitor complaints followed."),
    ("The fee was raised to £20.", "The fee fell far short of the cost of the repairs."),
])
def test_no_opposite_change_without_one_thing_moving_two_ways(claim: str, source: str) -> None:
    assert not opposite_changes(claim, source, NAMES)


@pytest.mark.unit
def test_the_theme_of_a_change_is_what_it_is_told_of() -> None:
    (cut,) = changes("The county cut its yearly museum grant by £40,000.")
    assert not cut.up and {"museu", "grant"} <= cut.theme
    assert changes("Twenty-two walkers went up the fell in the rain.") == []
    # a capitalised first word is a name only if the articles write it so mid-sentence
    (rose,) = changes("Rovers shares rose 6%.", NAMES)
    assert rose.names and "shar" in rose.theme
    (turnout,) = changes("Turnout rose sharply.", NAMES)
    assert not turnout.names and turnout.theme
