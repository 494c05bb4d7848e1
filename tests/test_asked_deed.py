"""A "Who <did> <what>?" question asks the doer of a deed (the answerer adds the sentences
that say the deed to its evidence), and an answer whose quotes never say it answers nothing (a
science newcomer, session 60: "Who led the Halbrook University study?" was answered with a
trust chairman's remark about meeting the Halbrook researchers)."""

from __future__ import annotations

import pytest

from agent.generation.name_context import asked_deed, deed_unstated


@pytest.mark.parametrize(("question", "deed"), [
    ("Who led the Orvale University survey?", ("led", "the Orvale University survey")),
    ("Who founded the Marsh Lane food bank?", ("founded", "the Marsh Lane food bank")),
    ("Who won the Eastgate seat?", ("won", "the Eastgate seat")),
    # no deed: an auxiliary, a verb of speech, a present tense
    ("Who was the chairman of the trust?", None),
    ("Who said the survey was flawed?", None),
    ("Who runs the food bank?", None),
])
def test_the_deed_a_who_question_asks(question: str, deed: tuple[str, str] | None) -> None:
    assert asked_deed(question) == deed


def test_an_answer_whose_quotes_never_say_the_deed_answers_nothing() -> None:
    question = "Who led the Orvale University survey?"
    assert deed_unstated(question, [
        "Its chairman, Ian Rook, said the trust would meet the Orvale researchers."])
    # the verb in any form, or a word made from it, says it
    assert not deed_unstated(question, ['"The numbers are stark," said Dr Ada Finch, who led '
                                        "the survey."])
    assert not deed_unstated(question, ["The survey's leader, Dr Ada Finch, said so."])
    assert not deed_unstated("Who was the chairman of the trust?", ["Ian Rook spoke."])
    # a doer after a past verb's "by" tells the deed in another verb
    assert not deed_unstated("Who found the Marsh hoard?", [
        "A hoard of 300 coins unearthed by two detectorists near Marsh End was declared "
        "treasure."])
    assert deed_unstated("Who found the Marsh hoard?", [
        "The museum had raised £9,000 by last night to buy the Marsh hoard."])
