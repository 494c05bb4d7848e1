"""Which evidence sentence may be quoted as an answer (agent.generation.quotable): a header
line answers only a question about the article's metadata, and a purpose told as a need is
a reason (agent.generation.asked_reason). Invented variants of a council newcomer's
why-question (session 62), answered with "Title: Seven ... libraries to close after stormy
council vote"."""

from __future__ import annotations

import pytest

from agent.generation.asked_reason import gives_reason
from agent.generation.quotable import Quotable
from agent.types import Sentence

WHY = "Why does the county council say the pools must close?"
IDF = {"county": 1.0, "council": 1.0, "pool": 1.0, "close": 1.0, "say": 1.0}


def _sentence(text: str, header: str | None = None) -> Sentence:
    return Sentence(id="a:0", article_id="a", doc_id="a", start=0, end=len(text), text=text,
                    header=header)


@pytest.mark.unit
def test_a_header_line_is_quoted_only_for_a_metadata_question() -> None:
    title = _sentence("Title: County council to close two pools after stormy vote",
                      header="title")
    assert not Quotable(WHY, IDF)(title)
    assert Quotable("What was the headline of the county council pools story?", IDF)(title)


@pytest.mark.unit
def test_a_body_sentence_giving_a_reason_is_quoted() -> None:
    body = _sentence("The county council says the pools must close because its grant was "
                     "cut by a third.")
    assert Quotable(WHY, IDF)(body)


@pytest.mark.unit
@pytest.mark.parametrize(("text", "reason"), [
    ("The council voted to close two pools, saying the closures were needed to fill a "
     "budget gap of £1.2 million.", True),
    ("The cuts are necessary to balance next year's budget, the leader said.", True),
    ("The council voted to close two pools on Tuesday night.", False),
])
def test_a_purpose_told_as_a_need_is_a_reason(text: str, reason: bool) -> None:
    assert gives_reason(WHY, [text]) is reason


@pytest.mark.unit
def test_a_figure_sentence_covers_the_question_in_another_inflection() -> None:
    # "How many kettles does the recall cover?" (a consumer-safety newcomer, session 63):
    # "recalled" is the question's "recall", and "how many" is no word to find. The
    # question's "cover" is in no sentence and weighs most.
    idf = {"kettle": 0.9, "recall": 1.8, "recalled": 2.7, "cover": 2.7, "stand": 2.0}
    question = "How many kettles does the recall cover?"
    quotable = Quotable(question, idf)
    assert "many" not in quotable.terms
    assert quotable(_sentence("About 52,000 steel kettles sold since March are being "
                              "recalled, the maker said."))
    # a count of the thing with nothing else of the question is no answer
    assert not quotable(_sentence("Each of the 52,000 kettles has a plastic stand."))
