"""A figure another body's: a how-many or how-much question about one named body is not
answered by a quote whose subject is another body of the articles (a fresh dev question,
session 65: "How many people does Bramwell Consumer Group employ?" was answered "Kestrel
employs about 6,400 people"). The sentences are made up for these tests."""

from __future__ import annotations

import pytest

from agent.generation.answer_checks import figure_of_other_body

NAMES = {"harwell water", "dunmore valley water", "ofwat", "ana ruiz"}
ASKED = "How many customers does Dunmore Valley Water supply?"


@pytest.mark.unit
def test_another_bodys_figure_does_not_answer() -> None:
    assert figure_of_other_body(ASKED, ["Harwell supplies about 1.2 million customers."],
                                NAMES)


@pytest.mark.unit
@pytest.mark.parametrize("quote", [
    "Dunmore supplies about 400,000 customers.",  # the asked body's own word
    "It supplies about 400,000 customers.",  # a pronoun may stand for it
    "Ruiz said 400,000 customers had been cut off.",  # a person may speak for it
    "About 400,000 customers are supplied.",  # no named subject
])
def test_the_asked_bodys_own_figure_or_an_unnamed_subject_answers(quote: str) -> None:
    assert not figure_of_other_body(ASKED, [quote], NAMES)


@pytest.mark.unit
def test_other_questions_are_left_alone() -> None:
    assert not figure_of_other_body("Who runs Dunmore Valley Water?",
                                    ["Harwell supplies about 1.2 million customers."], NAMES)
