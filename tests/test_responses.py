"""A reported charge goes into an article's summary with the denial that follows it
(agent.text.responses), and a verdict on such a charge shows that denial
(agent.verification.replies): session 44's newcomer saw `summarize --doc` print a union's
accusation as the article's point and leave out the company's denial two lines below, and
`verify` show the denial nowhere.
Invented article in another domain; fake chat model and embedder."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from agent.app import App
from agent.generation.key_sentences import key_sentences
from agent.generation.summarize import Summarizer
from agent.retrieval.citations import is_valid, make_citation
from agent.text.polarity import denied_within, denies_a_statement
from agent.text.responses import denial_after
from agent.verification.replies import REPLY, denials
from agent.verification.verdicts import EvidenceItem

if TYPE_CHECKING:
    from conftest import FakeChatModel

ACCUSED = ("Parents' group Safe Pitches accused Harlow Council of hiding a survey that "
           "found lead in the playing fields.")
DENIAL = "The council strongly denied this, calling the claim \"baseless\"."
ARTICLE = {
    "a_post.txt": (
        "Playing fields shut for soil tests\n"
        "By Ann Cole\n"
        "Monday 2 November 2026\n"
        "The Fenwick Post\n\n"
        "Harlow Council has closed the Eastway playing fields while the soil is tested for "
        "lead.\n"
        "About 40 junior football teams use the fields every weekend.\n"
        f"{ACCUSED}\n"
        f"{DENIAL}\n"
        "Results of the new tests are expected within three weeks.\n"
        "The league said its matches would move to Northby Park until then.\n"
    ),
}


@pytest.mark.unit
@pytest.mark.parametrize(("text", "denial"), [
    (DENIAL, True),
    ("Ashworth denied that, saying the company had paid no dividend.", True),
    ("He denied it.", True),
    # "deny it" inside a longer clause is no denial of what was said before
    ("She did not deny it was a mistake.", False),
    # a clause denied is a denial too (session 59: "denies it was ever told about a crack")
    ("Police denied that the road had been closed.", True),
    # session 54's newcomers: a denial and what it goes on to say, a reply to someone's
    # account
    ("The trust denies this and says the land was never for sale.", True),
    ("The firm rejects that account, saying it moved within hours.", True),
    ("The union claims the company denied workers their breaks.", False),
    ("The claims that the mayor denied the permit were wrong.", False),
])
def test_a_denial_of_the_words_just_before_is_a_denial(text: str, denial: bool) -> None:
    assert denies_a_statement(text) is denial


@pytest.mark.unit
def test_a_charge_denied_in_its_own_sentence_is_no_denial_but_is_denied() -> None:
    """"Wardle Homes claims the mayor took gifts, an accusation he firmly rejects" supports
    "Wardle Homes accused the mayor ..." (dev: hallam-river-spill c05 was lost when it was
    read as a denial); the charge it reports is contested all the same."""
    text = "Wardle Homes claims the mayor took gifts, an accusation he firmly rejects."
    assert denied_within(text) and not denies_a_statement(text)
    assert not denied_within("The union claims the company denied workers their breaks.")
    assert not denied_within("The claims that the mayor denied the permit were wrong.")


def test_an_articles_summary_quotes_a_charge_with_the_denial_that_follows(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    app = make_app(ARTICLE)
    art = next(iter(app.corpus.articles()))
    shown = [s for s, _ in key_sentences(art, app.embedder)]
    accused = next(s for s in shown if s.text == ACCUSED)
    assert denial_after(art, accused).text == DENIAL  # type: ignore[union-attr]
    # a sentence reporting no one's words has no denial to bring
    opening = art.body_sentences[0]
    assert denial_after(art, opening) is None
    labels = {s.text: f"S{i}" for i, s in enumerate(shown, start=1)}
    fake_model.queue(json.dumps({"sentences": [
        {"text": shown[0].text, "cite": [labels[shown[0].text]]},
        {"text": ACCUSED, "cite": [labels[ACCUSED]]},
        {"text": shown[-1].text, "cite": [labels[shown[-1].text]]},
    ]}))
    summary = Summarizer(app.corpus, app.embedder, app.llm).article(art.id)
    texts = [s.text for s in summary.sentences]
    assert texts[texts.index(ACCUSED) + 1] == DENIAL
    denial = summary.sentences[texts.index(DENIAL)]
    assert [c.quote for c in denial.citations] == [DENIAL]
    assert all(is_valid(app.corpus, c) for c in denial.citations)


def test_a_verdict_on_a_reported_charge_shows_the_denial_printed_after_it(
    make_app: Callable[..., App],
) -> None:
    app = make_app(ARTICLE)
    art = next(iter(app.corpus.articles()))
    cite = make_citation(app.corpus, art.id, ACCUSED)
    assert cite is not None
    reported = EvidenceItem(citation=cite, stance="supports", outlet="The Fenwick Post")
    (reply,) = denials(app.corpus, [reported])
    assert reply.citation.quote == DENIAL and reply.stance == "silent"
    assert reply.signals == [REPLY] and is_valid(app.corpus, reply.citation)
    # shown once; and a silent or refuting sentence brings no reply
    assert denials(app.corpus, [reported, reply]) == []
    assert denials(app.corpus, [reported.model_copy(update={"stance": "silent"})]) == []


def test_a_story_line_that_reports_a_charge_is_followed_by_its_denial(
    make_app: Callable[..., App],
) -> None:
    """Session 46's newcomer: the story summary printed a union's accusation without the
    denial its article prints next. The floor's line is followed by that denial, cited."""
    from agent.generation.extractive import Cluster
    from agent.generation.story_points import Point
    from agent.generation.story_summary import StoryWriter

    app = make_app(ARTICLE)
    art = next(iter(app.corpus.articles()))
    accused = next(s for s in art.body_sentences if s.text == ACCUSED)
    other = art.body_sentences[0]
    summarizer = Summarizer(app.corpus, app.embedder, app.llm)
    denial = summarizer._reported_denial(accused)
    assert denial is not None and denial.text == DENIAL
    assert summarizer._reported_denial(other) is None
    writer = StoryWriter(app.llm, str, lambda a, b: 0.0, denial=summarizer._reported_denial)
    clusters = [Cluster(Point(members=[(other, "A", 1.0)]), other, 0),
                Cluster(Point(members=[(accused, "A", 0.9)]), accused, 1)]
    lines = writer.floor(clusters).lines
    texts = [line.text for line in lines]
    assert texts[texts.index(ACCUSED) + 1] == DENIAL
    assert [s.text for s in lines[texts.index(DENIAL)].cited] == [DENIAL]


def test_an_opinion_pieces_denial_is_its_writers_view(make_app: Callable[..., App]) -> None:
    """The same denial in a comment piece is not brought beside a charge: there it is the
    writer's ("The ministry denies dragging its feet, but its bungling ...", a dev column)."""
    from agent.text.opinion import opinion_piece

    column = ARTICLE["a_post.txt"].replace("The Fenwick Post\n", "The Fenwick Post — Comment\n")
    app = make_app({"a_column.txt": column})
    art = next(iter(app.corpus.articles()))
    assert opinion_piece(art)
    accused = next(s for s in art.body_sentences if s.text == ACCUSED)
    assert denial_after(art, accused) is not None
    assert Summarizer(app.corpus, app.embedder, app.llm)._reported_denial(accused) is None


@pytest.mark.integration
def test_an_answer_that_quotes_a_charge_shows_the_denial_printed_after_it(
    make_app: Callable[..., App], fake_model: FakeChatModel,
) -> None:
    """Session 47's newcomer: "Did Halverd know about the fault in September?" was answered
    with a consumer group's accusation, the company's denial right after it left out."""
    from scenarios import draft

    from agent.generation.answer import Answerer
    from vectorstore.embeddings import MiniLMEmbedder

    app = make_app(ARTICLE, embedder=MiniLMEmbedder())
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    question = "Did Harlow Council hide a survey that found lead in the playing fields?"
    ev = answerer.evidence(question)
    charge = next(e for e in ev.items if e.sentence.text == ACCUSED)
    fake_model.queue(draft((ACCUSED, [charge.label])))
    ans = answerer.ask(question)
    texts = [s.text for s in ans.sentences]
    assert texts == [ACCUSED, DENIAL]
    assert [c.quote for c in ans.sentences[1].citations] == [DENIAL]
    assert all(is_valid(app.corpus, c) for s in ans.sentences for c in s.citations)


@pytest.mark.integration
def test_an_answer_that_quotes_a_denial_of_this_shows_what_it_denies(
    make_app: Callable[..., App], fake_model: FakeChatModel,
) -> None:
    """Session 50's arts newcomer: "Who is the artistic director?" was answered with
    "..., the Lyric's artistic director, denied this." alone."""
    from scenarios import draft

    from agent.generation.answer import Answerer
    from agent.text.responses import charge_pointed_to
    from vectorstore.embeddings import MiniLMEmbedder

    app = make_app(ARTICLE, embedder=MiniLMEmbedder())
    art = next(iter(app.corpus.articles()))
    assert charge_pointed_to(art, DENIAL) is not None
    assert charge_pointed_to(art, ACCUSED) is None  # no denial
    answerer = Answerer(app.corpus, app.retriever, app.embedder, app.llm)
    question = "What did Harlow Council say about the survey?"
    ev = answerer.evidence(question)
    denial = next(e for e in ev.items if e.sentence.text == DENIAL)
    fake_model.queue(draft((DENIAL, [denial.label])))
    texts = [s.text for s in answerer.ask(question).sentences]
    assert texts == [ACCUSED, DENIAL]


@pytest.mark.parametrize(("text", "denial"), [
    # what others said, named as false (an education newcomer, session 53)
    ("The trust says the claim is \"completely untrue\" and that the land is not for sale.",
     True),
    ("The council called the allegations baseless.", True),
    ("The board dismissed the union's claims as nonsense.", True),
    # a false thing that is no one's statement, or a claim not called false
    ("He made a false claim for benefits in 2019.", False),
    ("The claims were sent to the regulator on Monday.", False),
])
def test_a_statement_named_as_false_is_a_denial(text: str, denial: bool) -> None:
    assert denies_a_statement(text) is denial
