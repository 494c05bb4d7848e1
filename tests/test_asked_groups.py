"""How-many questions about a part of a group ("How many of Felsham's paying subscribers
were among the users whose data was exposed?", a dev question the articles cannot answer,
was answered with the count of every user): the group after "how many of", its determiner
and its owner, is what the answer must count (agent.generation.asked). The sentences are
made up for these tests."""

from __future__ import annotations

import pytest

from agent.generation.asked_counts import asked_count_noun, counts_what_is_asked
from agent.types import AnswerSentence, Citation


def _quoted(quote: str) -> list[AnswerSentence]:
    return [AnswerSentence(text=quote, citations=[Citation(source="a", quote=quote, start=0,
                                                           end=len(quote))])]


@pytest.mark.parametrize(("question", "noun"), [
    ("How many of the members voted?", "member"),
    ("How many of Ardley Rovers' season-ticket holders renewed?", "holder"),
    ("How many of Nadia Ferris's goats did the dog kill?", "goat"),
    ("How many of the reported bear sightings came from Holm?", "sighting"),
    ("How many of them were rescued?", None),  # a pronoun names no group
])
@pytest.mark.unit
def test_the_group_a_how_many_of_question_counts(question: str, noun: str | None) -> None:
    assert asked_count_noun(question) == noun


@pytest.mark.unit
def test_a_count_of_the_whole_does_not_answer_how_many_of_a_part() -> None:
    paying = "How many of the gym's paying members were among the customers affected?"
    assert not counts_what_is_asked(
        paying, _quoted("The card details of about 4,000 people were exposed."))
    assert counts_what_is_asked(
        paying, _quoted("Some 900 of the 4,000 members affected pay a monthly fee."))
    # "two of the three injured climbers": the count of a part, named after "of"
    assert counts_what_is_asked("How many of the injured climbers were flown out?",
                                _quoted("Two of the three injured climbers were flown out."))


@pytest.mark.unit
def test_a_how_many_answer_needs_a_count_in_figures_or_words() -> None:
    # fresh dev questions (session 65): "How many of the patients who fell ill were on Ward
    # 7?" was answered with when the outbreak began on Ward 7
    asked = "How many of the residents who were moved out were on Mill Lane?"
    assert not counts_what_is_asked(asked, _quoted(
        "The evacuation began on Mill Lane on Sunday, after residents smelt smoke."))
    assert counts_what_is_asked(asked, _quoted("Dozens of residents of Mill Lane were moved."))
    assert counts_what_is_asked(asked, _quoted("No residents of Mill Lane were moved out."))
