"""An undated question about an act going on or just done ("Which product is being
recalled?") is not answered by a sentence that tells the same act in an earlier year: a
rival's recall of 2023 is another occasion (a consumer-safety newcomer, session 63).
Invented variants in other domains."""

from __future__ import annotations

from datetime import date

import pytest

from agent.generation.asked_setting import tells_earlier_occasion

PUBLISHED = date(2026, 11, 3)
EARLIER = ("The closure is the second in three years: in 2023, the neighbouring Arden Road "
           "bridge was closed for eight months after a lorry strike.")
NOW = "Hexley Bridge has been closed to all traffic after cracks were found in two piers."


@pytest.mark.parametrize("question", [
    "Why has the bridge been closed?",
    "Which bridge is being closed, and for how long?",
])
def test_an_earlier_occasion_of_the_act_does_not_answer(question: str) -> None:
    assert tells_earlier_occasion(question, [(EARLIER, PUBLISHED)])
    # a quote that may tell the present one answers
    assert not tells_earlier_occasion(question, [(EARLIER, PUBLISHED), (NOW, PUBLISHED)])


def test_questions_and_quotes_the_check_leaves_alone() -> None:
    # a question dated to the year asks about that occasion
    assert not tells_earlier_occasion("Why was the bridge closed in 2023?",
                                      [(EARLIER, PUBLISHED)])
    # another act in the earlier year ("joined ... in 2023") is background, not the act
    assert not tells_earlier_occasion("Why is the keeper being rested?", [
        ("Ferrante joined Dunmere from Kessock Rovers in 2023.", PUBLISHED)])
    # the year of the article's own time, or an undated article
    assert not tells_earlier_occasion("Why has the bridge been closed?", [
        ("The bridge was closed in 2026 after a lorry strike.", PUBLISHED)])
    assert not tells_earlier_occasion("Why has the bridge been closed?", [(EARLIER, None)])
    # a question about no act going on
    assert not tells_earlier_occasion("What links Hexley to Arden Road?",
                                      [(EARLIER, PUBLISHED)])
