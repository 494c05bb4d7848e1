"""A wire dateline ("MARROWICK, England, March 3 (MNA) -") says where and when a report was
filed, and by which agency. A newcomer's theatre story (session 58): the story summary printed
"Outlets differ on the date: 13 March (...) vs 3 March (mna_wire)", the dateline's date set
against a protest's, and the wire was listed under its file name, the agency in its dateline
not being one of a fixed few. The pages and sentences are made up for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.generation.differences import story_differences
from agent.ingest.clean import agency_of, split_articles
from agent.retrieval.citations import make_citation
from agent.text.quantities import quantities
from agent.types import AnswerSentence, Sentence


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "DUNLEY, Scotland, May 14 (NWS) - The pier will reopen after repairs costing £2.4 million.",
    "KELBY, United Kingdom, November 17 (Reuters) - The pier will reopen after repairs "
    "costing £2.4 million.",
])
def test_a_datelines_date_is_no_figure_of_the_report(text: str) -> None:
    assert [(q.kind, q.value) for q in quantities(text)] == [("money", 2_400_000.0)]


@pytest.mark.unit
def test_a_date_in_the_sentence_itself_is_still_read() -> None:
    found = quantities("DUNLEY (NWS) - The pier will reopen on May 28 after repairs.")
    assert [(q.kind, q.value) for q in found] == [("day", 28.0)]


@pytest.mark.unit
@pytest.mark.parametrize(("paragraph", "agency"), [
    ("DUNLEY, Scotland, May 14 (NWS) - The pier will reopen.", "NWS"),
    ("TOLLERBY (Marches Press Agency) — Three paintings were stolen.", "Marches Press Agency"),
    ("WASHINGTON (AP) — The bill passed.", "AP"),
    ("KELBY, England (REUTERS) - Shares fell.", "Reuters"),
])
def test_a_datelines_agency_is_read_whatever_its_name(paragraph: str, agency: str) -> None:
    assert agency_of(paragraph) == agency


@pytest.mark.unit
def test_an_agencys_initials_are_its_name_when_the_page_spells_it() -> None:
    page = ("Pier to reopen\nBy Ana Ruiz\nMay 14, 2027\n\n"
            "DUNLEY, Scotland, May 14 (NWS) - The pier will reopen after repairs, according to "
            "documents seen by Northern Wire Service.\n"
            "Traders welcomed the news.\n")
    (article,), _ = split_articles(page)
    assert article.outlet == "Northern Wire Service"
    # initials no name of the page spells stay as written
    assert agency_of("DUNLEY (NWS) - The pier will reopen.", "No such name here.") == "NWS"


def _sentence(article: str, text: str) -> Sentence:
    return Sentence(id=f"{article}:0", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


@pytest.mark.unit
def test_a_datelines_date_makes_no_difference_of_outlets() -> None:
    items = [
        (_sentence("wire", "DUNLEY, Scotland, May 3 (NWS) - Campaigners will march on the "
                           "town hall to save the pier."), "wire"),
        (_sentence("local", "Campaigners will march on the town hall on May 13 to save the "
                            "pier."), "local"),
    ]
    assert story_differences(items, lambda key: key.title()) == []


@pytest.mark.integration
def test_a_version_already_named_is_not_named_again(make_app: Callable[..., App]) -> None:
    """The same trial's answer read "The National Ledger differs: The National Ledger differs:
    Members of the ... board met on Monday evening ...": a version sentence of
    agent.generation.versions was told as another outlet's account a second time."""
    from agent.generation.answer_differences import _told_as_other

    app = make_app({"ledger.txt": ("Pier vote\nOutlet: The Dunley Ledger\n\n"
                                   "The board met on Monday.\n")})
    (s,) = app.corpus.article("ledger").body_sentences
    cite = make_citation(app.corpus, "ledger", s.text)
    assert cite is not None
    plain = AnswerSentence(text="The board met on Monday.", citations=[cite])
    told = _told_as_other(plain, app.corpus)
    assert told.text == "The Dunley Ledger differs: The board met on Monday."
    assert _told_as_other(told, app.corpus).text == told.text
