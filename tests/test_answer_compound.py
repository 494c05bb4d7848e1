"""A question of two parts is answered whole, then each part on its own
(agent.generation.answer.Answerer.ask, agent.generation.asked.compound_parts): the second
part's evidence is searched with the first answer, so "he" in "when did he join the
operator?" is found as the captain that answer named. Fake chat model, MiniLM embeddings,
in-memory stores."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from scenarios import draft

from agent.app import App
from agent.generation.answer import Answerer
from agent.generation.asked import compound_parts

if TYPE_CHECKING:
    from conftest import FakeChatModel

FERRY = {
    "a_wire.txt": (
        "Ferry runs aground off Skelly\n\n"
        "The ferry Skelly Star ran aground on Tuesday night with 120 passengers aboard.\n"
        "Captain Ian Roe was in command of the ferry when it struck the rocks.\n"
        "Coastguards said no one was hurt.\n"
    ),
    "b_post.txt": (
        "Skelly captain's long career\n\n"
        "Ian Roe joined the operator from a salvage firm in 2019.\n"
        "Islanders say the crossing has been rough all winter.\n"
    ),
}


@pytest.mark.parametrize(("question", "parts"), [
    ("Where was Pellow tried, and what was he convicted of?",
     ("Where was Pellow tried?", "What was he convicted of?")),
    ("When and where will the recount take place, and how long will it take?",
     ("When and where will the recount take place?", "How long will it take?")),
    # a preposition may lead the second part (a newcomer's "Which body opened an
    # investigation into the breakdown, and on what day?", session 69, abstained)
    ("Which body opened an inquiry into the pier collapse, and on what day?",
     ("Which body opened an inquiry into the pier collapse?", "On what day?")),
    ("How much was the club fined, and for what?",
     ("How much was the club fined?", "For what?")),
    ("Who will chair the review, and to whom will it report?",
     ("Who will chair the review?", "To whom will it report?")),
    ("Who and what took part in the rescue?", None),  # one question about two kinds
    ("What did the mayor say in which she criticised the plan?", None),  # no "and"
    ("How many trains were cancelled?", None),
])
def test_a_compound_question_is_two_questions(question: str,
                                             parts: tuple[str, str] | None) -> None:
    assert compound_parts(question) == parts


@pytest.fixture
def ferry_answerer(make_app: Callable[..., App]) -> Answerer:
    """An answerer over FERRY with MiniLM embeddings and the test's fake chat model."""
    from vectorstore.embeddings import MiniLMEmbedder

    app = make_app(FERRY, embedder=MiniLMEmbedder())
    return Answerer(app.corpus, app.retriever, app.embedder, app.llm)


@pytest.mark.integration
def test_the_second_part_is_searched_with_the_first_part_s_answer(
    ferry_answerer: Answerer, fake_model: FakeChatModel
) -> None:
    answerer = ferry_answerer
    question = "Who was in command of the ferry, and when did he join the operator?"
    _, second = compound_parts(question) or ("", "")
    ev = answerer.evidence(question)
    command = next(e for e in ev.items if "in command" in e.sentence.text)
    told = "Captain Ian Roe was in command of the ferry when it struck the rocks."
    # the second part alone ("he") ranks nothing about Ian Roe first; with the first answer
    # its evidence holds the sentence that says when he joined
    ev2 = answerer.evidence(f"{second} {told}")
    joined = next(e for e in ev2.items if "2019" in e.sentence.text)
    # the small model answers the first part only, whole and alone
    fake_model.queue(draft((told, [command.label])), draft((told, [command.label])))
    fake_model.queue(draft(("Ian Roe joined the operator in 2019.", [joined.label])))
    ans = answerer.ask(question)
    assert not ans.abstained
    assert "Ian Roe" in ans.answer and "2019" in ans.answer
    assert {c.source for c in ans.citations} == {"a_wire", "b_post"}
    # the model was shown the first part's answer with the second part
    assert "Context: Captain Ian Roe was in command" in str(fake_model.calls[-1])


@pytest.mark.integration
def test_the_second_part_does_not_repeat_a_sentence_of_the_whole_answer(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    """The whole question's draft already answers both parts; the second part's draft says
    the same sentence again, backed by another outlet's (newcomer trial, session 21)."""
    from vectorstore.embeddings import MiniLMEmbedder

    times = ("Skelly ferry aground\n\n"
             "Captain Ian Roe was in command of the ferry when it struck the rocks "
             "off Skelly.\n")
    app = make_app({**FERRY, "c_times.txt": times}, embedder=MiniLMEmbedder())
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    question = "Who was in command of the ferry, and what did it strike?"
    _, second = compound_parts(question) or ("", "")
    said = "Captain Ian Roe was in command of the ferry when it struck the rocks."
    ev = answerer.evidence(question)
    wire = next(e for e in ev.items if e.sentence.article_id == "a_wire"
                and "in command" in e.sentence.text)
    ev2 = answerer.evidence(f"{second} {said}")
    other = next(e for e in ev2.items if e.sentence.article_id == "c_times")
    fake_model.queue(draft((said, [wire.label])), draft((said, [wire.label])))
    fake_model.queue(draft((said, [other.label])))
    ans = answerer.ask(question)
    assert ans.answer.count("in command") == 1


@pytest.mark.integration
def test_the_first_part_is_answered_alone_when_the_whole_answer_tells_the_second(
    ferry_answerer: Answerer, fake_model: FakeChatModel
) -> None:
    # dev brantwick q18: "How many people took part in the search, and what did police use
    # to help?" was answered with the drone alone
    answerer = ferry_answerer
    question = "How many passengers were aboard, and who was in command of the ferry?"
    first, _ = compound_parts(question) or ("", "")
    command = next(e for e in answerer.evidence(question).items
                   if "in command" in e.sentence.text)
    aboard = next(e for e in answerer.evidence(first).items if "120" in e.sentence.text)
    told = "Captain Ian Roe was in command of the ferry when it struck the rocks."
    fake_model.queue(draft((told, [command.label])))  # the whole question: the second part
    fake_model.queue(draft(("The Skelly Star had 120 passengers aboard.", [aboard.label])))
    fake_model.queue(draft((told, [command.label])))
    ans = answerer.ask(question)
    assert "120 passengers" in ans.answer and ans.answer.count("in command") == 1
    # the first part was asked alone, as written
    assert "How many passengers were aboard?" in str(fake_model.calls[1])
