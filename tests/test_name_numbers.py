"""Numbers that name a thing at a sentence's start and in lists (agent.text.quantities):
session 45's newcomer wrote "Route 42 carries about 340 passengers a day" and "Route 42 lost
£180,000 last year"; 42 was read as a count, so no sentence saying "the route carries ..."
could back either claim ("a figure of the claim is not in it"). Invented sentences."""

from __future__ import annotations

import pytest

from agent.generation.differences import story_differences
from agent.text.lexicon import is_noun_only, is_verb_only
from agent.text.quantities import quantities
from agent.types import Sentence
from agent.verification.checks import compare


def _read(text: str) -> list[tuple[str, float, str]]:
    return [(q.kind, q.value, q.head) for q in quantities(text)]


@pytest.mark.unit
@pytest.mark.parametrize(("text", "read"), [
    ("Apollo 11 landed in the sea.", [("label", 11, "apollo")]),
    ("Platform 9 was closed all day.", [("label", 9, "platform")]),
    ("DUNMERE (CSW) — Gate 4 will shut.", [("label", 4, "gate")]),
    # listed after a label, a number names the same kind of thing
    ("Wards 5, 6 and 9 are shut.", [("label", 5, "wards"), ("label", 6, "wards"),
                                    ("label", 9, "wards")]),
    ("The fire reached Blocks 2 and 3 first.", [("label", 2, "blocks"),
                                                ("label", 3, "blocks"),
                                                ("ordinal", 1, "")]),
    # a modifier first, or a noun after the number: a count
    ("About 300 staff were affected.", [("count", 300, "staff")]),
    ("Another 200 homes were evacuated.", [("count", 200, "home")]),
    ("Nearly 90 people came.", [("count", 90, "people")]),
])
def test_a_number_after_a_name_word_is_a_label(text: str, read: list[tuple[str, float, str]],
                                               ) -> None:
    assert _read(text) == read


@pytest.mark.unit
def test_word_classes_come_from_the_lexicon() -> None:
    assert is_noun_only("Platform") and is_noun_only("Apollo")
    assert not is_noun_only("Nearly") and not is_noun_only("About")
    assert is_verb_only("landed") and is_verb_only("will")
    assert not is_verb_only("homes") and not is_verb_only("Apollo")


@pytest.mark.unit
def test_a_claims_label_named_by_its_noun_alone_is_no_missing_figure() -> None:
    claim = "Platform 9 was closed for four hours on Monday."
    sig = compare(claim, "The platform was closed for four hours on Monday after a fire.")
    assert not sig.missing_numbers
    # another platform's number is no backing
    other = compare(claim, "Platform 4 was closed for four hours on Monday after a fire.")
    assert other.missing_numbers or other.conflicts


@pytest.mark.unit
@pytest.mark.parametrize(("text", "read"), [
    # the noun "number" (or "No.") names the house or bus after it (dev ravensholt c06:
    # "went into number 41, although their warrant named number 14" was conflicting, its
    # 41 and 14 read as counts of officers against another outlet's "six officers")
    ("Bailiffs entered number 27 on Mill Lane, though the order named number 72.",
     [("label", 27, "number"), ("label", 72, "number")]),
    ("The couple live at No. 9 Kirk Row.", [("label", 9, "number")]),
    ("The number of homes rose to 300.", [("count", 300, "home")]),
])
def test_the_noun_number_names_the_numeral_after_it(text: str,
                                                    read: list[tuple[str, float, str]]) -> None:
    assert _read(text) == read


@pytest.mark.unit
def test_a_house_number_is_no_rival_of_a_count() -> None:
    sig = compare("Bailiffs entered number 27 on Mill Lane, though the order named number 72.",
                  "The four bailiffs who entered the house were acting on a court order.")
    assert not sig.conflicts


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "Patients can call the helpline on 01632 960412 for advice.",
    "Call 0800 123 4567 to book a new appointment.",
    "Relatives abroad can ring +44 1632 960412.",
])
def test_a_number_to_dial_is_no_figure(text: str) -> None:
    """A newcomer's hospital story (session 57): the story summary printed "Outlets differ
    on the number of patients: nearly 2,500 vs 01632", a helpline's dialling code."""
    assert quantities(text) == ()


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "The alarm was raised when a passer-by dialled 999.",
    "Residents who smell gas should ring 105 at once.",
    "Worried parents phoned 111 for advice.",
])
def test_a_short_number_called_is_no_figure(text: str) -> None:
    """A dev story (session 58): "Ostler dialled 999" rivalled "called out nearly 90 times"
    (number: claim 90 vs source 999)."""
    assert quantities(text) == ()


@pytest.mark.unit
@pytest.mark.parametrize(("text", "value"), [
    ("Police received 999 calls overnight.", 999.0),
    ("The council called 120 residents to the meeting.", 120.0),
    ("Nearly 300 people rang the helpline.", 300.0),
])
def test_a_count_beside_a_verb_of_calling_is_still_a_figure(text: str, value: float) -> None:
    assert [q.value for q in quantities(text)] == [value]


@pytest.mark.unit
def test_a_number_to_dial_gives_no_difference_of_outlets() -> None:
    items = [
        (_sentence("wire", "Figures seen by the Post show nearly 2,500 patients had their "
                           "appointments affected."), "wire"),
        (_sentence("local", "The trust has set up a helpline on 01632 960412 for patients "
                            "whose appointments were affected."), "local"),
    ]
    assert story_differences(items, lambda key: key.title()) == []
    # a figure with a sign or a zero of its own is still read
    assert [q.value for q in quantities("Fares rose +5% and it ended 3-0.")][:1] == [5.0]


def _sentence(article: str, text: str) -> Sentence:
    return Sentence(id=f"{article}:0", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)
