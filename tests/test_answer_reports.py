"""Where a comment piece and a report both answer a question, the report's sentence leads
(agent.generation.answer.Answerer._reported_first). Fake chat model, MiniLM embeddings,
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

WIRE = (
    "Orwell Buses to shut Kettle Lane depot\n"
    "Tuesday 3 March 2026\n\n"
    "Orwell Buses will shut its Kettle Lane depot, the company announced on Monday.\n"
    "The depot closure will take effect on 30 June, a company spokesperson said.\n"
    "The 120 Kettle Lane drivers will be moved to the Brook Road depot.\n"
)

COLUMN = {
    "a_wire.txt": WIRE,
    "b_column.txt": (
        "Orwell Buses has abandoned Kettle Lane\n"
        "Wednesday 4 March 2026\n"
        "The Kettle Lane Gazette — Comment\n\n"
        "Why should drivers trust a company that treats them like spare parts?\n"
        "Moving the Kettle Lane drivers to Brook Road is a cynical insult to loyal staff.\n"
        "Orwell Buses must think again.\n"
    ),
}


@pytest.mark.integration
def test_a_comment_pieces_view_is_not_the_only_answer_where_a_report_gives_one(
    make_app: Callable[..., App], fake_model: FakeChatModel,
) -> None:
    """Session 46's newcomer: "What will happen to current music students?" was answered
    only with a column's "a hollow gesture ...", though a report said where they would
    study. The report's sentence leads; the column's stays, told as its outlet's."""
    from vectorstore.embeddings import MiniLMEmbedder

    app = make_app(COLUMN, embedder=MiniLMEmbedder())
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    question = "What will happen to the Kettle Lane drivers?"
    ev = answerer.evidence(question)
    view = next(e for e in ev.items if "cynical insult" in e.sentence.text)
    fake_model.queue(draft((view.sentence.text, [view.label])))
    ans = answerer.ask(question)
    assert ans.sentences[0].text == WIRE.splitlines()[-1]
    assert ans.sentences[-1].text.startswith("According to The Kettle Lane Gazette")
