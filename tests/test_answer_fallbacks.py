"""Answerable questions the answerer gave up on (the four stories written in session 20,
first scored unseen: a quarter of their answerable questions abstained): a draft without the
asked figure, a capitalised opening word read as a name, a possessive that no sentence
matched, and header questions about an outlet with a section or an author's outlet. Fake
chat model and embedder, in-memory stores."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from scenarios import ask_with_draft, draft

from agent.app import App
from agent.generation.answer import Answerer
from agent.generation.header_answers import outlet_names
from agent.retrieval.citations import is_valid
from agent.text.normalize import content_terms

if TYPE_CHECKING:
    from conftest import FakeChatModel

BAN = {
    "a_wire.txt": (
        "Keeper banned for doping\n\n"
        "Goalkeeper Callum Ferrante has been banned from football for 18 months after "
        "testing positive for a stimulant, the league said on Thursday.\n"
        "The ban has been backdated to September 29 and runs until the end of March 2028.\n"
        "Ferrante joined Dunmere from Kessock Rovers in 2023.\n"
        "The league also fined Dunmere for failing to report the test.\n"
    ),
    "b_clarion.txt": (
        "A ban that shames the league\n"
        "By Rob Halliwell\n"
        "Thursday 19 November 2026\n"
        "The Wendmarsh Clarion — Comment\n\n"
        "The league has thrown the book at a young goalkeeper for one mistake.\n"
        "Callum Ferrante deserved a warning, not a ban that could end his career.\n"
    ),
}


def _answerer(make_app: Callable[..., App], real: bool = False) -> Answerer:
    """`real`: MiniLM embeddings, for questions whose evidence the fake embedder misses."""
    if real:
        from vectorstore.embeddings import MiniLMEmbedder

        app = make_app(BAN, embedder=MiniLMEmbedder())
    else:
        app = make_app(BAN)
    return Answerer(app.corpus, app.retriever, app.embedder, app.llm)


def test_a_possessive_is_its_noun() -> None:
    assert content_terms("How long is Callum Ferrante's ban?") >= {"ferrante", "ban"}
    assert "ferrante'" not in content_terms("How long is Callum Ferrante's ban?")


@pytest.mark.integration
def test_a_draft_without_the_asked_figure_falls_back_to_a_sentence_with_it(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    answerer = _answerer(make_app, real=True)
    question = "How long is Callum Ferrante's ban?"
    ev = answerer.evidence(question)
    # The small model answers "how long" with the ban's end date, no duration.
    dated = next(e for e in ev.items if "March 2028" in e.sentence.text)
    fake_model.queue(draft((dated.sentence.text, [dated.label])))
    ans = answerer.ask(question)
    assert not ans.abstained
    assert "18 months" in ans.answer
    assert all(is_valid(answerer.corpus, c) for c in ans.citations)


def test_a_capitalised_opening_word_is_no_name_to_find(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    answerer = _answerer(make_app)
    question = "Besides housing, what did the league do to Dunmere?"
    ev = answerer.evidence(question)
    fined = next(e for e in ev.items if "fined" in e.sentence.text)
    text = "The league fined Dunmere for failing to report the test."
    fake_model.queue(draft((text, [fined.label])))
    ans = answerer.ask(question)
    assert not ans.abstained and "fined Dunmere" in ans.answer


def test_an_outlet_is_named_without_its_section(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    assert outlet_names("The Wendmarsh Clarion — Comment") == [
        "the wendmarsh clarion - comment", "the wendmarsh clarion", "wendmarsh clarion"]
    answerer = _answerer(make_app)
    fake_model.queue(draft(answerable=False))
    ans = answerer.ask("Who wrote the Wendmarsh Clarion comment piece on the ban?")
    assert not ans.abstained and "Rob Halliwell" in ans.answer
    assert "Rob Halliwell" in [c.quote for c in ans.citations]


def test_which_outlet_ran_an_authors_article_is_answered_from_its_outlet_line(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    answerer = _answerer(make_app)
    fake_model.queue(draft(answerable=False))
    ans = answerer.ask("Which outlet published Rob Halliwell's article on the ban?")
    assert not ans.abstained
    assert "The Wendmarsh Clarion — Comment" in ans.answer
    (citation,) = ans.citations
    assert citation.quote == "The Wendmarsh Clarion — Comment"
    assert is_valid(answerer.corpus, citation)
    # an author no article has gets no outlet
    fake_model.queue(draft(answerable=False))
    assert answerer.ask("Which outlet published Jane Roe's article on the ban?").abstained


def test_a_draft_cut_off_mid_clause_gives_way_to_the_sentence_it_cites(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    """dev: vellmoor q06, "The Safe Play Parents Network accuses Vellmoor of" printed."""
    answerer = _answerer(make_app)
    ans, fined = ask_with_draft(answerer, fake_model, "What did the league do to Dunmere?",
                                "fined", "The league fined Dunmere for")
    assert ans.answer == "The league also fined Dunmere for failing to report the test."
    assert [c.quote for c in ans.citations] == [fined.sentence.text]


def test_a_name_no_quote_gives_is_the_models_and_the_quote_is_given_instead(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    """Issue 13 item 4: a draft naming a place, person or outlet that neither the question
    nor its quotes (or their articles' outlet, byline and title) name is repaired to the
    sentence it cites (dev: "The Brackwater Chronicle reported the breach on March 12" for
    the regulator's words)."""
    answerer = _answerer(make_app, real=True)
    ans, _ = ask_with_draft(answerer, fake_model, "What did the league do to Dunmere?", "fined",
                            "The league fined Dunmere in Glasgow for failing to report the test.")
    assert ans.answer == "The league also fined Dunmere for failing to report the test."
    # the cited article's own outlet is a name its quote may be given under
    question = "What did the comment piece say Callum Ferrante deserved?"
    ev = answerer.evidence(question)
    warned = next(e for e in ev.items if "deserved a warning" in e.sentence.text)
    said = ("The Wendmarsh Clarion says Callum Ferrante deserved a warning, not a ban that "
            "could end his career.")
    assert answerer._backing(said, question, [warned]) == [warned]
    other = said.replace("Wendmarsh Clarion", "Harrowby Post")
    assert not answerer._backing(other, question, [warned])


def test_a_draft_that_tells_the_event_in_a_word_no_quote_has_gives_way_to_its_quote(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    """Issue 13 item 4, the relation: "The strike began at 4am on Thursday" citing "The
    72-hour strike is due to end at 4am on Thursday" (newcomer trial, session 23). The
    draft's word for the event ("began") is in no quote: the sentence it cites is given."""
    answerer = _answerer(make_app)
    ans, runs = ask_with_draft(answerer, fake_model, "What has the league done about the ban?",
                               "backdated", "The league lifted the ban on September 29.")
    assert ans.answer == runs.sentence.text
    # a draft whose verbs its quote has is kept as the model wrote it
    ans, _ = ask_with_draft(answerer, fake_model, "What did the league do to Dunmere?", "fined",
                            "The league fined Dunmere for failing to report the test.")
    assert ans.answer == "The league fined Dunmere for failing to report the test."


@pytest.mark.parametrize(("text", "quote", "unbacked"), [
    ("The strike began at 4am on Thursday.", "The strike is due to end at 4am on Thursday.",
     ["began"]),
    ("Two detectorists found the hoard.", "The hoard was unearthed by two detectorists.",
     ["found"]),
    # auxiliaries and the neutral verbs of speech tell no event; an -ed after a figure is
    # an adjective ("a 14-mile signed route")
    ("The mayor said the road has been closed.", "The road was closed, the mayor told us.",
     []),
    ("Drivers face a 14-mile signed diversion.", "Drivers face a 14-mile diversion.", []),
])
def test_the_words_that_tell_the_event_must_be_quoted(text: str, quote: str,
                                                      unbacked: list[str]) -> None:
    from agent.generation.drafts import unbacked_events

    assert unbacked_events(text, [quote]) == unbacked


def test_a_draft_telling_what_the_outlets_do_as_a_group_gives_way_to_its_quote() -> None:
    # a newcomer's answer: "The outlets agree on the value of the lost satellites: ..." cited
    # one outlet, while another gave another value
    from agent.generation.drafts import needs_its_quote

    quotes = ["The insurer put the cargo's value at £3 million, the Courier understands."]
    assert needs_its_quote("The outlets agree on the cargo's value: the insurer put it at "
                           "£3 million.", quotes)
    assert needs_its_quote("Both reports say the cargo was worth £3 million.", quotes)
    assert not needs_its_quote("The insurer put the cargo's value at £3 million.", quotes)
    assert not needs_its_quote("Both reports say the cargo was worth £3 million.",
                               ["Both reports say the cargo was worth £3 million."])


def test_a_draft_cut_off_without_its_stop_gives_way_to_its_quote() -> None:
    """A newcomer's answer ended "..., and organiser Dave Hollins said he expected[1]": the
    model's reply was cut at its token limit, mid-clause, with no final stop."""
    from agent.generation.drafts import needs_its_quote

    quotes = ["The union will hold a protest on Saturday, and organiser Dave Hollins said he "
              "expected \"hundreds\" to attend."]
    assert needs_its_quote("The union will hold a protest on Saturday, and organiser Dave "
                           "Hollins said he expected", quotes)
    assert not needs_its_quote("The union will hold a protest on Saturday.", quotes)


@pytest.mark.parametrize(("text", "unbacked"), [
    # an environment newcomer (session 53): no article has "city"
    ("The city was fined £40,000 in 2022 for the leak.", "city"),
    ("A council was fined £40,000 in 2022.", "council"),
    # the quote's own words, a name, or a subject it describes otherwise pass
    ("The firm was fined £40,000 in 2022.", None),
    ("Orwell Chemicals was fined £40,000 in 2022.", None),
    ("The penalty of £40,000 was imposed in 2022.", None),
])
def test_a_draft_subject_no_quote_names_gives_way_to_its_quote(text: str,
                                                               unbacked: str | None) -> None:
    from agent.generation.drafts import needs_its_quote, unbacked_subject

    quote = ("Orwell Chemicals, which runs the Kettle Lane plant, was fined £40,000 in 2022 "
             "for a leak into the River Marl, a penalty the firm did not appeal.")
    assert unbacked_subject(text, [quote]) == unbacked
    if unbacked is not None:
        assert needs_its_quote(text, [quote])
