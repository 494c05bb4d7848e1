"""Places a claim and a sentence give for one event, from two newcomers (session 71): "held
at Pennick Crown Court" against "convicted ... at Strathmere Crown Court ... following a
three-week trial" (two courts, no word beside them shared) and "found at Kettle Weir"
against "spotted near Abbot's Bridge" (a possessive name) and "below Kettle Weir" (a
preposition not read) were not_enough_info, or supported by one side. Invented wordings."""

from __future__ import annotations

from datetime import date

import pytest

from agent.text.facts import places
from agent.text.place_frames import place_frames, place_substitutions
from agent.verification.checks import compare


@pytest.mark.parametrize(("text", "found"), [
    ("Dead fish were found below Harrow Lock on Sunday.", {"harrow lock"}),
    ("The trawler sank off Kelby Head in 2019.", {"kelby head"}),
    ("Oil washed up along the Tamble Estuary.", {"tamble estuary"}),
    ("The dye was traced to a pipe upstream of Corrie Mill.", {"corrie mill"}),
    # a phrasal verb's "off the ..." names no place; a name stops at its line's end
    ("The board called off the Paper 2 sitting.", set()),
    ("Barge sinks off Kelby Head\nBy Ana Ruiz", {"kelby head"}),
])
def test_places_after_prepositions_of_position(text: str, found: set[str]) -> None:
    assert places(text) == found


def test_a_possessive_place_name_has_a_frame() -> None:
    frames = place_frames("The first oiled birds were seen near St Anne's Pier on Friday.")
    assert frames == {"st anne pier": frozenset({"first", "oil", "bird", "seen", "near"})}


@pytest.mark.parametrize(("claim", "sentence", "moved"), [
    # two places of one kind, the sentence about the claim's event in other words
    ("Harland's trial was held at Kelby Crown Court.",
     "Pia Harland, 44, was convicted on Friday at Marwood Crown Court of theft after a "
     "two-week trial.", [("kelby crown court", "marwood crown court")]),
    # the same words placed elsewhere
    ("The first oiled birds were seen at Tamble Quay.",
     "The first oiled birds were seen near St Anne's Pier on Friday.",
     [("tamble quay", "st anne pier")]),
    # what a "that" clause places is its own: the hearing was not at Orlam
    ("The coroner ruled at a hearing that the brooch found near Orlam is treasure.",
     "The coroner made the ruling at a hearing at Castermere Coroner's Court.", []),
])
def test_what_the_claim_places_the_sentence_places_elsewhere(
        claim: str, sentence: str, moved: list[tuple[str, str]]) -> None:
    assert place_substitutions(claim, sentence) == moved


def test_a_place_of_this_week_is_no_rival_of_a_past_year() -> None:
    # a sister ship's grounding in 2023 against this week's
    claim = "The Kelby Star had run aground before, off Marwood Head in 2023."
    sentence = "The Kelby Star grounded off Tamble Point at 18:40 on Sunday."
    told = compare(claim, sentence, published=date(2026, 11, 16))
    assert not [c for c in told.conflicts if c.kind == "place"]
    # the same sentence against a claim of this week's grounding
    now = compare("The Kelby Star grounded off Marwood Head on Sunday.", sentence,
                  published=date(2026, 11, 16))
    assert [c.describe() for c in now.conflicts] == [
        "place: claim marwood head vs source tamble point"]
