"""A "Who heads X?" or "Who is the <office> of X?" question asks who holds an office at X,
and quotes whose every office holder holds one at another named body do not answer it (a
consumer-safety newcomer, session 63: "Who heads the National Consumer Safety Agency?" was
answered with the recalling company's chief executive)."""

from __future__ import annotations

import pytest

from agent.generation.name_context import office_elsewhere
from agent.text.holders import asked_holder

# Words the invented articles write in lower case (Corpus-wide, as name_context reads them).
COMMON = frozenset({"board", "trust", "said", "chair", "chairman", "director", "the",
                    "water", "regulator", "statement"})


@pytest.mark.parametrize(("question", "office", "org"), [
    ("Who heads the Coastal Water Regulator?", "leader", "coastal water regulator"),
    ("Who chairs the Linwood Harbour Trust?", "chair", "linwood harbour trust"),
    ("Who is the finance director of Brell Aviation?", "finance director", "brell aviation"),
    ("Who chaired Ashcombe Rovers' board, and when did he resign?", "chair", "ashcombe rovers"),
])
def test_the_office_a_who_question_asks_the_holder_of(question: str, office: str,
                                                      org: str) -> None:
    asked = asked_holder(question)
    assert asked is not None
    assert (asked.office, asked.org) == (office, org)


@pytest.mark.parametrize("question", [
    "Who found the Marsh hoard?",  # a deed, no office
    "Who runs the Tidemark festival?",  # a company may run it
    "Who replaces Ferrante in goal?",
    "Who is the chairman?",  # no organisation
    "How many members does the Linwood Harbour Trust have?",
])
def test_other_questions_ask_no_office_holder(question: str) -> None:
    assert asked_holder(question) is None


def test_an_office_at_another_named_body_does_not_answer() -> None:
    question = "Who heads the Coastal Water Regulator?"
    rival = ('"We acted as soon as we knew," Pellan Water chief executive Rhys Morden said '
             "in a statement.")
    # (holders reads "Pellan Water chief executive" as a "water chief executive" of Pellan)
    assert office_elsewhere(question, [rival], COMMON) == "pellan"
    # the asked body's own holder, named or by its common noun, answers
    assert office_elsewhere(question, [rival, "Coastal Water Regulator director Ana Firth "
                                       "said fines would follow."], COMMON) is None
    assert office_elsewhere("Who chairs the Linwood Harbour Trust?",
                            ["The trust's chair, Mary Oakes, said the vote was close."],
                            COMMON) is None
    # quotes that name no office holder are left to the other checks
    assert office_elsewhere(question, ["The regulator opened an inquiry in May."],
                            COMMON) is None
