"""Answerable questions the answerer gave up on although a sentence answers them word for
word (session 44's newcomer trial: "Who has accused the company of ignoring complaints about
lorry noise?" and "How many staff are affected by the end of the night shift?" both came back
"The sources do not say."): a draft that turned its quote's doer and done-to around, now
repaired to the quote, and a question that names no one answered by a sentence whose subject
is a name. Invented variants in another domain; fake
chat model, MiniLM embeddings, in-memory stores."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from scenarios import ask_with_draft, draft

from agent.app import App
from agent.generation.answer import Answerer
from agent.generation.asked import about_another_subject
from agent.retrieval.citations import is_valid

if TYPE_CHECKING:
    from conftest import FakeChatModel

WARD = {
    "a_post.txt": (
        "Ward closure angers nurses\n"
        "By Ruth Abbey\n"
        "Monday 2 November 2026\n"
        "The Fenwick Post\n\n"
        "Harrow Vale Health Trust will close the children's ward at Northby Hospital, "
        "where about 40 beds are affected by the closure.\n"
        "Striking nurses have accused the trust of ignoring staffing warnings for a year.\n"
        "The trust said the ward would reopen when more nurses were hired.\n"
    ),
    "b_star.txt": (
        "Northby ward to shut\n"
        "By Tom Iles\n"
        "Monday 2 November 2026\n"
        "The Fenwick Star\n\n"
        "The children's ward at Northby Hospital is to close next month.\n"
        "Parents said the nearest other ward was an hour away by car.\n"
    ),
}


def _answerer(make_app: Callable[..., App]) -> Answerer:
    """MiniLM embeddings: the fake embedder does not find these sentences."""
    from vectorstore.embeddings import MiniLMEmbedder

    app = make_app(WARD, embedder=MiniLMEmbedder())
    return Answerer(app.corpus, app.retriever, app.embedder, app.llm)


@pytest.mark.integration
def test_a_draft_that_turns_its_quote_around_is_repaired_to_the_quote(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    answerer = _answerer(make_app)
    question = "Who has accused the trust of ignoring staffing warnings?"
    # The small model turns who accused whom around.
    ans, item = ask_with_draft(answerer, fake_model, question, "Striking nurses",
                               "The trust has accused the trust of ignoring staffing warnings.")
    assert not ans.abstained
    assert ans.answer.startswith("Striking nurses have accused the trust")
    assert item.sentence.text in [c.quote for c in ans.citations]
    assert all(is_valid(answerer.corpus, c) for c in ans.citations)


@pytest.mark.integration
def test_a_question_naming_no_one_is_answered_by_a_named_subjects_sentence(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    question = "How many beds are affected by the closure of the children's ward?"
    sentence = ("Harrow Vale Health Trust will close the children's ward at Northby Hospital, "
                "where about 40 beds are affected by the closure.")
    assert not about_another_subject(question, sentence)
    # a question that names someone else still is about another subject
    assert about_another_subject("How many beds will Kestrel Care close?", sentence)
    answerer = _answerer(make_app)
    # the draft gives no figure, so a sentence with one is quoted instead
    ans, _ = ask_with_draft(answerer, fake_model, question, "Parents said",
                            "Parents said the nearest other ward was an hour away by car.")
    assert not ans.abstained
    assert "about 40 beds" in ans.answer


@pytest.mark.integration
def test_a_draft_that_repeats_its_quote_or_a_tail_of_it_says_it_once(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    """An environment newcomer (session 53): the quote twice, then "and pledged £1.2m ..."."""
    answerer = _answerer(make_app)
    question = "What did the trust say about reopening the ward?"
    item = next(e for e in answerer.evidence(question).items if "reopen" in e.sentence.text)
    quote = "The trust said the ward would reopen when more nurses were hired."
    fake_model.queue(draft((quote, [item.label]), (quote, [item.label]),
                           ("would reopen when more nurses were hired.", [item.label])))
    ans = answerer.ask(question)
    assert [s.text for s in ans.sentences] == [quote]


AGENCY = {
    "a_post.txt": (
        "Care agency data leak\nBy Ruth Abbey\nMonday 2 November 2026\nThe Fenwick Post\n\n"
        "Kellaway Homecare has admitted that the records of 9,000 clients were left open "
        "on the internet.\n"
        "Meanwhile Kelloway Nursing, a Leeds agency with a similar name, said it had been "
        "flooded with calls from worried families.\n"
        "Kellaway Homecare said the records were secured on Friday.\n"
    ),
}


@pytest.mark.integration
def test_a_draft_that_renames_the_asked_look_alike_is_repaired_to_its_quote(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    """A data-breach newcomer (session 54): "What did Corvana Telecoms say?" was answered
    "Corvane Telecom said ...", the breached firm's name on the look-alike's quote."""
    from agent.generation.support import respelled_names
    from agent.text.actors import speaker_terms
    from vectorstore.embeddings import MiniLMEmbedder

    app = make_app(AGENCY, embedder=MiniLMEmbedder())
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    question = "What did Kelloway Nursing say about the leak?"
    renamed = "Kellaway Homecare said it had been flooded with calls from worried families."
    assert respelled_names(renamed, question) == {"kelloway"}
    assert respelled_names("Kelloway Nursing said so.", question) == set()
    # the speaker of an appositive's sentence is its subject, not the words after "said"
    quote = AGENCY["a_post.txt"].splitlines()[6]
    assert speaker_terms(quote) == {"kelloway", "nursing"}
    ans, _ = ask_with_draft(answerer, fake_model, question, "Kelloway", renamed)
    assert ans.answer.startswith("Meanwhile Kelloway Nursing, a Leeds agency")
    assert "Kellaway" not in ans.answer


@pytest.mark.integration
def test_a_sentence_attributed_at_its_end_backs_its_own_words(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    """A transport newcomer (session 60): "The train came off the rails at 8.14am, according
    to residents ..." was read as spoken by "rails" and "am", which its article never names,
    so the answer quoting it was dropped and "At what time ...?" abstained."""
    from agent.text.actors import speaker_terms
    from vectorstore.embeddings import MiniLMEmbedder

    said = ("The ferry ran aground at 9.40pm, according to passengers and a harbour log seen "
            "by the Courier.")
    assert speaker_terms(said) == {"passengers"}
    app = make_app({"a.txt": "Ferry aground\n\nThe Orla ferry ran aground off Kelby on "
                             "Sunday.\n" + said + "\nNo one was hurt.\n"},
                   embedder=MiniLMEmbedder())
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    ans, _ = ask_with_draft(answerer, fake_model, "At what time did the ferry run aground?",
                            "9.40pm", said)
    assert ans.answer.startswith("The ferry ran aground at 9.40pm")
