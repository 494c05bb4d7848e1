"""A why-question's answer gives a reason (agent.generation.asked_reason): a restatement of
the event asked about gives way to a quoted sentence that tells its cause. Invented variants
of an environment newcomer's "Why did sewage escape from the Pennock Lane works?" (session
53), answered "The sewage came from ... Pennock Lane treatment works"."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from scenarios import ask_with_draft

from agent.app import App
from agent.generation.answer import Answerer
from agent.generation.asked import about_another_subject
from agent.generation.asked_reason import asks_reason, gives_reason
from agent.types import Answer

if TYPE_CHECKING:
    from conftest import FakeChatModel

WHY = "Why did the chemical leak from the Kettle Lane plant?"


@pytest.mark.unit
@pytest.mark.parametrize(("text", "reason"), [
    ("The chemical came from Orwell Chemicals' Kettle Lane plant.", False),
    ("The leak happened on Saturday night and lasted two hours.", False),
    ("Two days after the leak began, the plant was shut.", False),  # "after" a span: when
    ("The tank failed because a valve had corroded.", True),
    ("Orwell blamed a corroded valve.", True),
    ("The leak began after a power cut knocked out a pump.", True),
    ("A corroded valve caused the leak.", True),
    # what an inquiry asks is why it looks (a dev answer, session 66)
    ("The agency said it will look at whether the valve was maintained.", True),
])
def test_a_reason_is_told_by_a_causal_connective(text: str, reason: bool) -> None:
    assert gives_reason(WHY, [text]) is reason


@pytest.mark.unit
def test_only_one_part_why_questions_ask_for_a_reason() -> None:
    assert asks_reason(WHY)
    assert asks_reason("What caused the leak at the Kettle Lane plant?")
    assert not asks_reason("When did the chemical leak from the plant?")
    assert not asks_reason("Why did it leak, and who was fined?")
    restated = ["The chemical came from the Kettle Lane plant."]
    assert gives_reason("How much chemical leaked?", restated)
    assert gives_reason(WHY, [])  # no answer: nothing to check


@pytest.mark.unit
def test_a_sentence_naming_the_question_names_is_about_them() -> None:
    # the question names a place; the sentence's subject is the owner that names it too
    assert not about_another_subject(
        WHY, "Orwell Chemicals has admitted that acid from its Kettle Lane plant reached "
             "the brook after a pump failed.")
    # a sentence of another named subject, without the question's names, is still apart
    assert about_another_subject(
        WHY, "Marl Valley Water has admitted that acid reached the brook after a pump failed.")


PLANT = {
    "a_wire.txt": (
        "Acid leak at Kettle Lane\n\n"
        "The chemical came from Orwell Chemicals' Kettle Lane plant, the agency said.\n"
        "Orwell Chemicals has admitted that acid from its Kettle Lane plant reached the "
        "brook after a power cut knocked out a pump.\n"
    ),
}
NO_CAUSE = {
    "a_wire.txt": (
        "Acid leak at Kettle Lane\n\n"
        "The chemical came from Orwell Chemicals' Kettle Lane plant, the agency said.\n"
        "The leak was found on Saturday night and lasted two hours.\n"
    ),
}


def _asked_with_restatement(articles: dict[str, str], make_app: Callable[..., App],
                            fake_model: FakeChatModel) -> Answer:
    """WHY asked over `articles`, the model's draft restating where the chemical came from."""
    from vectorstore.embeddings import MiniLMEmbedder

    app = make_app(articles, embedder=MiniLMEmbedder())
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    ans, _ = ask_with_draft(answerer, fake_model, WHY, "The chemical came from",
                            "The chemical came from Orwell Chemicals' Kettle Lane plant.")
    return ans


@pytest.mark.integration
def test_a_restatement_gives_way_to_the_sentence_with_the_cause(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    ans = _asked_with_restatement(PLANT, make_app, fake_model)
    assert not ans.abstained
    assert "after a power cut knocked out a pump" in ans.answer


@pytest.mark.integration
def test_a_restatement_with_no_cause_anywhere_abstains(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    # fresh dev why-questions (session 66): three unanswerable ones had been answered with
    # a restatement of the event asked about
    assert _asked_with_restatement(NO_CAUSE, make_app, fake_model).abstained
