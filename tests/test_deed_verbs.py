"""A verb of speech that also states a deed ("claimed", "maintained", "reported",
"confirmed", ...) with only its object after it tells the deed, not words someone said
(dev brackwater c08: "The grounding on Gannet Reef claimed several lives" was checked as
the words of "the grounding", so no sentence could refute it). With "that", a clause or a
quote after it, it still reports words. The sentences are made up for these tests."""

from __future__ import annotations

import pytest

from agent.text.speakers import attribution, is_bare_object
from agent.verification.claims import attribution_of


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "The landslide claimed four lives.",
    "The blizzard claimed several lives on Tuesday night.",
    "Harrowby Athletic claimed the title on Saturday.",
    "The county council maintains the coast road.",
    "Police reported 43 sightings of the bear.",
    "The ministry confirmed the closure on Friday 6 June.",
    "The charity announced a £2 million appeal fund.",
    "The carrier reports a loss of £18m for the year.",
])
def test_a_deed_verb_before_its_bare_object_is_no_speech(text: str) -> None:
    assert attribution_of(text) is None
    assert attribution(text) is None


@pytest.mark.unit
@pytest.mark.parametrize(("text", "speaker"), [
    ("Ms Orme claimed the council had hidden the report.", "Ms Orme"),
    ("The union claimed that drivers were sacked.", "The union"),
    ("Mr Hale maintains the bridge was never safe.", "Mr Hale"),
    ("The club confirmed that its manager had resigned.", "The club"),
    ("The airline claimed passengers love the new seats.", "The airline"),
])
def test_a_deed_verb_before_a_clause_still_reports_words(text: str, speaker: str) -> None:
    reported = attribution_of(text)
    assert reported is not None and reported.speaker == speaker
    assert attribution(text) is not None


@pytest.mark.unit
def test_a_deed_verb_then_a_verb_of_speech_has_the_later_speaker() -> None:
    # the storm took the lives; the police said so
    assert attribution("The storm claimed three lives, police said.") == "someone"
    assert "Jo Reyes" in str(attribution("The storm claimed three lives, Inspector Jo Reyes said."))


@pytest.mark.unit
def test_a_passive_deed_verb_is_no_speech() -> None:
    assert attribution("The harbour wall is maintained by Selby District Council.") is None


@pytest.mark.unit
@pytest.mark.parametrize(("rest", "bare"), [
    ("several lives.", True),
    ("three lives on Sunday", True),
    ("the title on Saturday", True),
    ("a £50 million recovery fund", True),
    ("plans to close the branch", True),
    ("the lives of three people in the town", True),
    ("the plan works", False),
    ("workers love the plan", False),
    ("Mexico would pay", False),
    ("he was innocent", False),
    ("300 job cuts at its Leeds plant", True),
    ("\"We did nothing wrong\"", False),
    ("", False),
])
def test_bare_object_is_a_noun_phrase_and_no_clause(rest: str, bare: bool) -> None:
    assert is_bare_object(rest) is bare
