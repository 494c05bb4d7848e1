"""A question counting one side of a vote ("How many councillors voted against?") is
answered by a tally (agent.retrieval.evidence.answer_type_match), and the story differences
beside the answer are only those of the vote (agent.generation.answer_differences): a sum
another outlet gives in the sentence of the same tally is no version of its count (a
council newcomer, session 62, got the budget gap first). Invented wordings."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.generation.answer import Answerer
from agent.generation.answer_differences import with_differences
from agent.retrieval.citations import make_citation
from agent.retrieval.evidence import answer_type_match
from agent.types import AnswerSentence

TALLY = "The trustees backed the merger by 11 votes to 5 on Monday."
DECISION = "The trustees voted to close five branch offices."


@pytest.mark.unit
@pytest.mark.parametrize(("question", "tally", "decision"), [
    ("How many trustees voted against the merger?", True, False),
    ("How many members voted in favour of the plan?", True, False),
    # what the vote decided is counted by any figure
    ("How many branch offices did the trustees vote to close?", True, True),
])
def test_a_count_of_one_side_of_a_vote_is_answered_by_a_tally(
        question: str, tally: bool, decision: bool) -> None:
    assert answer_type_match(question, TALLY) is tally
    assert answer_type_match(question, DECISION) is decision


POOL = {
    "a_wire.txt": ("Pool closure approved\nBy Ana Ruiz\nNovember 18, 2026\nShire Wire\n\n"
                   "The county council voted to shut the Kelby pool to fill a budget gap of "
                   "£2.2 million.\n"
                   "The plan passed by 30 votes to 21 after a three-hour meeting.\n"),
    "b_post.txt": ("Kelby pool to go\nBy Tom Hale\nNovember 18, 2026\nThe Kelby Post\n\n"
                   "Councillors voted 30-21 for the closure, which the council says will help "
                   "plug a £2.9m hole in its budget.\n"),
}


@pytest.mark.integration
def test_a_tally_answer_shows_no_sum_as_a_version_of_its_count(
        make_app: Callable[..., App]) -> None:
    app = make_app(POOL)
    question = "How many councillors voted against the closure?"
    ev = Answerer(app.corpus, app.retriever, app.embedder, app.llm).evidence(question)
    quote = "The plan passed by 30 votes to 21 after a three-hour meeting."
    cite = make_citation(app.corpus, "a_wire", quote)
    assert cite is not None
    shown = with_differences(question, [AnswerSentence(text=quote, citations=[cite])], ev,
                             app.corpus)
    assert [s.text for s in shown] == [quote]
    # the sum's own question still gets the other outlet's version
    budget = "The county council voted to shut the Kelby pool to fill a budget gap of £2.2 million."
    cite = make_citation(app.corpus, "a_wire", budget)
    assert cite is not None
    shown = with_differences("How much is the budget gap?",
                             [AnswerSentence(text=budget, citations=[cite])], ev, app.corpus)
    assert any("£2.9m" in s.text for s in shown)
