"""A how-much answer must give the figure of what is asked: a quoted sentence whose sum of
money stands among words of something else (a valuation, not money raised) answers nothing
(agent.generation.asked.figure_beside_other_words). Fake chat model and embedder, in-memory
stores."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from scenarios import draft

from agent.app import App
from agent.generation.answer import MIN_LEXICAL, MIN_SEMANTIC, Answerer

if TYPE_CHECKING:
    from conftest import FakeChatModel

CHALICE = {
    "a_wire.txt": (
        "Silver chalice found in Tolbury field\n\n"
        "A silver chalice found by a farmer near Tolbury has been declared treasure.\n"
        "The chalice has been valued at about £90,000, and the Tolbury Trust hopes to keep it.\n"
        "The Tolbury Trust has launched a public appeal to buy the chalice.\n"
    ),
    "b_gazette.txt": (
        "Tolbury chalice appeal opens\n\n"
        "The Tolbury Trust's public appeal for the chalice opened on Monday.\n"
        "Donations can be made at the town museum.\n"
    ),
}


@pytest.mark.integration
@pytest.mark.parametrize(("extra", "abstains"), [
    ("", True),
    ("The Tolbury Trust's appeal has raised £12,400 so far, the trust said.\n", False),
])
def test_a_sum_beside_other_words_does_not_answer_how_much_was_raised(
    make_app: Callable[..., App], fake_model: FakeChatModel, extra: str, abstains: bool
) -> None:
    from vectorstore.embeddings import MiniLMEmbedder

    # MiniLM embeddings: the fake embedder finds the evidence too weak to ask the model
    app = make_app({**CHALICE, "c_news.txt": "Chalice appeal update\n\n" + (
        extra or "The chalice will go on show at the town museum in spring.\n")},
        embedder=MiniLMEmbedder())
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    question = "How much has the Tolbury Trust's appeal raised so far?"
    ev = answerer.evidence(question)
    assert ev.best_semantic >= MIN_SEMANTIC or ev.best_lexical >= MIN_LEXICAL
    money = [e for e in ev.items if "£" in e.sentence.text]
    assert any("£90,000" in e.sentence.text for e in money)
    # The small model answers with whatever sum of money it was shown.
    fake_model.queue(draft(*[(e.sentence.text, [e.label]) for e in money]))
    ans = answerer.ask(question)
    assert ans.abstained is abstains
    if not abstains:
        assert "£12,400" in ans.answer


@pytest.mark.parametrize(("question", "quote", "beside"), [
    # a newcomer's fraud trial (session 71): the verb the span completes stands beyond its
    # frame, past a court and a date
    ("How long a ban did the gamekeeper get?",
     "The gamekeeper was banned at Kelby Magistrates' Court on 3 March for three years.",
     False),
    ("How long was the road closed?",
     "The A40 was closed at Marsh End on Friday 9 May for 14 hours.", False),
    # a word of what the figure measures comes first: no verb beyond it counts
    ("How much did the petition raise?",
     "The council raised its charges last year and cut the Kelby grant by £600,000.", True),
    ("How much has the appeal raised?",
     "The hoard has been valued at around £185,000 by experts at the museum.", True),
])
def test_the_verb_a_figure_completes_ties_it_to_the_question(
        question: str, quote: str, beside: bool) -> None:
    from agent.generation.asked import figure_beside_other_words

    assert figure_beside_other_words(question, [quote]) is beside
