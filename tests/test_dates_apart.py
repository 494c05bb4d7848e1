"""Dates that are no versions of one date (agent.text.measured.figures_apart): the start and
the end of one span, a year that names a thing against one that dates an act, and a year to
come against a year gone; and a four-digit number before 1900 read as a year
(agent.text.quantities). Invented wordings; a newcomer's (session 52) are in the modules'
docstrings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import pytest

from agent.app import App
from agent.text.measured import span_point, year_names_thing
from agent.text.quantities import quantities
from agent.types import Evidence, Sentence
from agent.verification.checks import compare
from agent.verification.measures import measure_conflicts
from agent.verification.verify import Verifier

if TYPE_CHECKING:
    from conftest import FixedSlotChecker


@pytest.mark.parametrize(("text", "point"), [
    ("The ferry route will be suspended from 3 March 2027.", "start"),
    ("The pool will stay shut until June 2028.", "end"),
    ("The school has been closed since 2024.", "start"),
    ("The pool opened in 1998.", ""),
])
def test_a_date_that_opens_or_ends_a_span(text: str, point: str) -> None:
    (year,) = [q for q in quantities(text) if q.kind == "year"]
    assert span_point(text, year) == point


@pytest.mark.parametrize(("text", "names"), [
    ("The mayor buried the 2022 audit report.", True),
    ("The club's 2025 season ended in relegation.", True),
    ("The report was published in May 2023.", False),
    ("In 2022 the council cut the grant.", False),
])
def test_a_year_that_names_a_thing(text: str, names: bool) -> None:
    (year,) = [q for q in quantities(text) if q.kind == "year"]
    assert year_names_thing(text, year) is names


@pytest.mark.parametrize(("claim", "source"), [
    ("The ferry route will be suspended from 3 March 2027.",
     "The ferry route will be suspended in early March and is not expected to run again "
     "until May 2028."),
    ("The mayor buried the 2022 audit report.",
     "The mayor denied burying the audit report, saying it was published in June 2023."),
])
def test_dates_of_two_points_are_no_conflict(claim: str, source: str) -> None:
    assert compare(claim, source).conflicts == []


@pytest.mark.parametrize(("claim", "source", "conflict"), [
    # the same point of the span, or two years naming one thing, still rival
    ("The ferry route will be suspended from 3 March 2027.",
     "The ferry route will be suspended from 3 March 2028 for a year.",
     "number: claim 2027 vs source 2028"),
    ("The mayor buried the 2022 audit report.",
     "The mayor buried the 2021 audit report, the opposition says.",
     "number: claim 2022 vs source 2021"),
])
def test_dates_of_one_point_still_conflict(claim: str, source: str, conflict: str) -> None:
    assert conflict in [str(c) for c in compare(claim, source).conflicts]


@pytest.mark.parametrize(("text", "kind"), [
    ("The viaduct, which opened in 1874, carries 9,000 trains a year.", "year"),
    ("The chapel has stood on the green since 1712.", "year"),
    # a figure before a noun, or a count with no date's preposition, stays a count
    ("Police found the cash in 1500 envelopes.", "count"),
    ("The crowd grew to 1500 by noon.", "count"),
])
def test_a_year_before_1900_after_a_date_s_preposition(text: str, kind: str) -> None:
    assert quantities(text)[0].kind == kind


def test_a_year_before_1900_refutes_another_year_of_the_same_act() -> None:
    sig = compare("The viaduct opened in 1901.",
                  "The viaduct, which opened in 1874, carries 9,000 trains a year.")
    assert [str(c) for c in sig.conflicts] == ["number: claim 1901 vs source 1874"]


@pytest.mark.parametrize(("claim", "source"), [
    # a newcomer's gondola (session 69): the year the lift was built is no version of the
    # year it broke down, though the sentence is about the lift
    ("The Kestrel Peak gondola broke down on Saturday, 21 November 2026.",
     "The gondola, built in 1998, carried 1.2 million passengers last season."),
    ("The Harlow pier was closed to the public in March 2025.",
     "The pier, which was restored in 2009, draws 300,000 visitors a year."),
    ("The Dunmore plant was closed by inspectors in 2024.",
     "The plant, which employs about 140 people, has operated on the site since 1987."),
])
def test_a_year_of_another_act_is_no_rival(claim: str, source: str) -> None:
    # each year has its verb ("broke down", "built"), and neither verb is in the other's
    # sentence: two acts, whose years may differ; the model judges the pair
    assert compare(claim, source, 0.9).conflicts == []


def test_a_year_of_the_same_act_in_other_words_still_rivals() -> None:
    sig = compare("The Harlow pier was restored in 2011.",
                  "The pier, which was restored in 2009, draws 300,000 visitors a year.", 0.9)
    assert [str(c) for c in sig.conflicts] == ["number: claim 2011 vs source 2009"]


@pytest.mark.parametrize(("claim", "source", "conflict"), [
    # a year to come is no version of a year gone ("since 1874" is gone whatever follows)
    ("The viaduct will close to trains from 3 March 2027.",
     "The viaduct, which has carried trains since 1874, will close in March.", None),
    ("The viaduct will close to trains from 3 March 2027.",
     "The viaduct, which opened in 1874, carries 9,000 trains a year.", None),
    ("The viaduct has carried trains since 1901.",
     "The viaduct, which has carried trains since 1874, will not reopen until May 2028.",
     "number: claim 1901 vs source 1874"),
])
def test_a_year_to_come_and_a_year_gone(claim: str, source: str, conflict: str | None) -> None:
    assert [str(c) for c in compare(claim, source).conflicts] == ([conflict] if conflict else [])


@pytest.mark.unit
@pytest.mark.parametrize(("sentence", "conflict"), [
    # undated: the story's own event, not the claim's 2025 one (dev cinderford c07: "In
    # 2024 a fire at a recycling yard in Brackmoor led to 120 homes being evacuated" was
    # conflicting against this fire's "roughly 350 homes", and against its town)
    ("The river burst its banks overnight and about 300 families were moved out.", False),
    # dated to the claim's year, by number or relative to the article's date: a rival
    ("In 2025 the river burst its banks and about 300 families were moved out.", True),
    ("Last year the river burst its banks and about 300 families were moved out.", True),
])
def test_a_claims_past_year_is_no_undated_sentences_event(sentence: str, conflict: bool) -> None:
    claim = "In 2025 a flood on the river forced 80 families out of their homes."
    sig = compare(claim, sentence, 0.8, published=date(2026, 11, 20))
    assert bool(sig.conflicts) is conflict


@pytest.mark.unit
def test_a_claims_own_year_keeps_its_rivals() -> None:
    sig = compare("In 2026 a flood on the river forced 80 families out of their homes.",
                  "The river burst its banks overnight and about 300 families were moved out.",
                  0.8, published=date(2026, 11, 20))
    assert sig.conflicts


FIRE_ARTICLES = {
    "a_gazette.txt": ("Mill fire: town remembers last blaze\nBy Ana Ruiz\nNovember 18, 2026\n"
                      "Kelby Gazette\n\n"
                      "In August 2024, a fire at a recycling yard in Brackmoor forced 120 homes to "
                      "be evacuated.\nThe yard never reopened.\n"),
    "b_wire.txt": ("Homes evacuated as fire hits Kelby plant\nBy Tom Hale\nNovember 17, 2026\n"
                   "Northline Wire\n\n"
                   "KELBY (Northline Wire) — Residents of about 350 homes were evacuated overnight "
                   "after a fire broke out at a plastics recycling plant in Kelby.\n"
                   "Crews stayed at the site all day.\n"),
}


@pytest.mark.integration
def test_a_past_years_event_has_no_rivals_in_the_storys_own_event(
    make_app: Callable[..., App], fixed_slot_checker: type[FixedSlotChecker],
) -> None:
    """The verifier's name check (the cloze, agent.verification.slots) reads no rival either:
    "in Kelby" is where this fire was, not where the 2024 one was (dev cinderford c07)."""
    app = make_app(FIRE_ARTICLES, scripted=True)
    verifier = Verifier(app.corpus, app.retriever, app.embedder, app.llm)
    verifier.slots = fixed_slot_checker("Kelby")
    verdict = verifier.verify(
        "In 2024 a fire at a recycling yard in Brackmoor led to 120 homes being evacuated.")
    assert verdict.verdict == "supported"
    assert not any(e.stance == "refutes" for e in verdict.evidence)



COMPENSATION = {
    "a_wire.txt": ("Traders to get flood payments\nBy Ana Ruiz\nNovember 18, 2026\nKelby Wire\n\n"
                   "The council has set aside £3m for compensation, paying Kelby Quay traders "
                   "£900 a week while the quay is shut.\n"),
}


@pytest.mark.integration
@pytest.mark.parametrize(("claim", "refuted"), [
    ("Kelby Quay traders were paid £1.1 million in compensation in 2024.", False),
    # the story's own year: the other outlet's figure is a rival
    ("Kelby Quay traders were paid £1.1 million in compensation in 2026.", True),
])
def test_a_past_years_figure_is_not_refuted_by_the_storys_own_figure(
    make_app: Callable[..., App], claim: str, refuted: bool,
) -> None:
    """A figure the gatherer found as another outlet's version of the claim's (label "F",
    "£3m" for "£1.1 million") is no rival when the claim dates its event to a past year and
    the sentence is undated (dev tollan c19: "growers were paid $1.1 million in compensation
    in 2024" was refuted by this year's "$3m for compensation")."""
    app = make_app(COMPENSATION, scripted=True)
    verifier = Verifier(app.corpus, app.retriever, app.embedder, app.llm, use_model=False)
    (rival,) = app.corpus.article("a_wire").body_sentences
    verifier.gather = lambda _claim: [  # type: ignore[method-assign]
        ("a_wire", Evidence(label="F", sentence=rival, score=0.0, outlet="Kelby Wire"))]
    assert (verifier.verify(claim).verdict == "refuted") is refuted


def test_years_of_two_acts_are_no_two_outlets_versions() -> None:
    # a newcomer's story summary (session 69): "Outlets differ on the year: 2024 vs 2023",
    # of a union's charge and the firm's reply, each dating its own act
    a = Sentence(id="wire:0", article_id="wire", doc_id="wire", start=0, end=0,
                 text="The Harlow union alleged that the firm had slashed its training "
                      "budget by 30% since 2024.")
    b = Sentence(id="paper:0", article_id="paper", doc_id="paper", start=0, end=0,
                 text="The firm rejects that, insisting it has increased spending on "
                      "training every year since 2023.")
    assert measure_conflicts(a, b) == []
    c = Sentence(id="paper:1", article_id="paper", doc_id="paper", start=0, end=0,
                 text="The union says the firm has slashed its training budget by 30% "
                      "since 2023.")
    assert [x.describe() for x in measure_conflicts(a, c)] == ["number: claim 2024 vs source 2023"]
