"""A figure that opens its clause as its subject is told of by the whole clause: "Three
hundred tonnes of limestone buried him in the cab of his excavator" answers "How much rock
fell onto his excavator?", though the words beside the figure share none of the question's
(a newcomer's quarry story, session 59: the answer abstained). A figure inside its clause is
still told of by the words around it. The sentences are made up for these tests."""

from __future__ import annotations

import pytest

from agent.generation.asked import figure_beside_other_words


@pytest.mark.unit
@pytest.mark.parametrize(("question", "quote"), [
    ("How much rock fell onto the digger?",
     "Two hundred tonnes of sandstone buried the cab of the digger."),
    ("How much water flooded the tunnel?",
     "About 4 million litres poured into the tunnel overnight."),
    ("How many people were evacuated from the estate?",
     "Some 300 residents left their homes on the estate before dawn."),
])
def test_a_figure_opening_its_clause_is_told_of_by_the_clause(question: str, quote: str) -> None:
    assert not figure_beside_other_words(question, [quote])


@pytest.mark.unit
@pytest.mark.parametrize(("question", "quote"), [
    # the figure stands late in its clause, among other words
    ("How much has the appeal raised?", "The hoard has been valued at around £185,000."),
    # more than one word before it: not its clause's subject
    ("How much rock fell onto the digger?",
     "The firm said that 200 tonnes of stone were moved last week, near the digger."),
    # its clause shares no word of the question
    ("How much rock fell onto the digger?", "Forty tonnes of salt were spread on the roads."),
])
def test_otherwise_its_frame_decides(question: str, quote: str) -> None:
    assert figure_beside_other_words(question, [quote])
