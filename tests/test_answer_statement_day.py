"""A when-question about making something public is answered with the day of the statement,
not of what it announced (agent.generation.asked_setting.dates_asked_statement; a newcomer
trial, session 46: "When did the university announce the closure?" was answered "The
closure will take effect on 31 July 2027, ..."). Fake chat model, MiniLM embeddings,
in-memory stores; an invented story."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from scenarios import draft

from agent.app import App
from agent.generation.answer import Answerer

if TYPE_CHECKING:
    from conftest import FakeChatModel

DEPOT = {
    "a_wire.txt": (
        "Orwell Buses to shut Kettle Lane depot\n"
        "Tuesday 3 March 2026\n\n"
        "Orwell Buses will shut its Kettle Lane depot, the company announced on Monday.\n"
        "The depot closure will take effect on 30 June, a company spokesperson said.\n"
        "About 120 drivers are based at the depot.\n"
    ),
}


@pytest.mark.integration
def test_the_day_of_the_closure_does_not_answer_when_it_was_announced(
    make_app: Callable[..., App], fake_model: FakeChatModel,
) -> None:
    from vectorstore.embeddings import MiniLMEmbedder

    app = make_app(DEPOT, embedder=MiniLMEmbedder())
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    question = "When did Orwell Buses announce the depot closure?"
    ev = answerer.evidence(question)
    effective = next(e for e in ev.items if "30 June" in e.sentence.text)
    assert any("announced on Monday" in e.sentence.text for e in ev.items)
    # the small model answers with the date it sees first
    fake_model.queue(draft((effective.sentence.text, [effective.label])))
    ans = answerer.ask(question)
    assert not ans.abstained
    assert "announced on Monday" in ans.answer and "30 June" not in ans.answer
