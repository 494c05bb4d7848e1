"""Who wrote, or which outlet ran, an article the question describes instead of naming its
outlet: by quoting its headline, or by what it says ("Who wrote the opinion piece calling the
disciplinary commission a kangaroo court?", dev questions that abstained or answered with
another article's facts). agent.generation.header_answers.described_articles. Fake chat
model and embedder, in-memory stores; the story is made up for these tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from scenarios import draft

from agent.app import App
from agent.generation.answer import Answerer
from agent.generation.header_answers import described_articles
from agent.retrieval.citations import is_valid

if TYPE_CHECKING:
    from conftest import FakeChatModel

FERRY = {
    "a_wire.txt": (
        "Island ferry timetable cut to two sailings a day\n"
        "By Tom Askew\n"
        "Monday 9 March 2026\n"
        "Coastline Wire\n\n"
        "The council will cut the Inchmore ferry to two sailings a day from April.\n"
        "Council leader Ruth Dale said the service lost £2 million last year.\n"
    ),
    "b_voice.txt": (
        "Ferry cuts are a betrayal of island families\n"
        "By Mara Quill\n"
        "Tuesday 10 March 2026\n"
        "The Island Voice — Comment\n\n"
        "This timetable is a slow death sentence for Inchmore.\n"
        "Families will leave, the school will close and the shop will follow.\n"
    ),
}


def _answerer(make_app: Callable[..., App]) -> Answerer:
    app = make_app(FERRY)
    return Answerer(app.corpus, app.retriever, app.embedder, app.llm)


@pytest.mark.integration
def test_an_article_is_found_by_its_quoted_headline_or_by_what_it_says(
    make_app: Callable[..., App],
) -> None:
    corpus = _answerer(make_app).corpus
    (quoted,) = described_articles(
        "Which outlet ran the article 'Ferry cuts are a betrayal of island families'?", corpus)
    assert quoted.outlet == "The Island Voice — Comment"
    (said,) = described_articles(
        "Who wrote the comment piece calling the timetable a death sentence for Inchmore?",
        corpus)
    assert said.outlet == "The Island Voice — Comment"
    # no article asked about ("run on" is no outlet question here), or none described
    assert described_articles("How many ferries have run on time since April?", corpus) == []
    assert described_articles("Who wrote the article about the new airport runway?",
                              corpus) == []
    # an outlet the corpus does not hold (seeds: "the Wall Street Journal report on ...")
    assert described_articles("Who wrote the Daily Planet report on the timetable being a "
                              "death sentence for Inchmore?", corpus) == []


@pytest.mark.integration
def test_the_author_of_a_described_article_is_answered_and_cited(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    answerer = _answerer(make_app)
    fake_model.queue(draft(answerable=False))
    ans = answerer.ask(
        "Who wrote the opinion piece calling the timetable a death sentence for Inchmore?")
    assert not ans.abstained and "Mara Quill" in ans.answer
    assert "Island Voice" in ans.answer
    assert all(is_valid(answerer.corpus, c) for c in ans.citations)
    fake_model.queue(draft(answerable=False))
    ans = answerer.ask("Which outlet published the article 'Ferry cuts are a betrayal of "
                       "island families'?")
    assert not ans.abstained and "The Island Voice" in ans.answer


# A report and a column on one story, both about the timetable; the column's outlet line
# names no opinion desk, so it is told by its own voice (agent.text.opinion).
TIMETABLE = {
    "a_wire.txt": (
        "Inchmore ferry timetable cut\n"
        "By Tom Askew\n"
        "Monday 9 March 2026\n"
        "Coastline Wire\n\n"
        "The council will cut the Inchmore ferry timetable to two sailings a day from April.\n"
        "Council leader Ruth Dale said the timetable change would save £2 million.\n"
    ),
    "b_column.txt": (
        "What the Inchmore timetable tells us\n"
        "By Mara Quill\n"
        "Tuesday 10 March 2026\n"
        "The Island Voice\n\n"
        "The Inchmore ferry timetable has been cut to two sailings a day.\n"
        "Should islanders really pay for the council's mistakes?\n"
        "The council must restore the timetable before the summer.\n"
    ),
}


@pytest.mark.integration
def test_an_opinion_column_asked_about_is_the_article_that_argues(
    make_app: Callable[..., App],
) -> None:
    """"Who wrote the opinion column about the Inchmore timetable?": both articles are
    about the timetable, the wire first; the column is the one that argues (a newcomer's
    court story got the wire's byline)."""
    corpus = make_app(TIMETABLE).corpus
    (column,) = described_articles(
        "Who wrote the opinion column about the Inchmore ferry timetable?", corpus)
    assert column.byline == "Mara Quill"
    (report,) = described_articles("Who wrote the article about the Inchmore ferry timetable?",
                                   corpus)
    assert report.byline == "Tom Askew"
