"""A span said in two units is one figure ("five years and four months"), from a
newcomer's fraud trial (session 71): it was read as two spans, five years and four months,
so a note said the source gave "5 years" and "64 months" matched neither part. Invented
wordings in other domains."""

from __future__ import annotations

import pytest

from agent.generation.difference_leads import shown_figure
from agent.text.quantities import quantities
from agent.types import Sentence
from agent.verification.checks import compare
from agent.verification.measures import Figure, comparable_measure


@pytest.mark.parametrize(("text", "years"), [
    ("The keeper was banned for five years and four months.", 5 + 4 / 12),
    ("She was given 2 years 6 months for the thefts.", 2.5),
    ("The contract ran for 3 years, 2 months before it lapsed.", 3 + 2 / 12),
    ("The search lasted two hours and 15 minutes.", 2.25 / (24 * 365)),
    ("The ferry was stuck for 1 day 12 hours on the sandbank.", 1.5 / 365),
])
def test_a_span_in_two_units_is_one_figure(text: str, years: float) -> None:
    (q,) = quantities(text)
    assert q.kind == "duration"
    assert q.value == pytest.approx(years)


@pytest.mark.parametrize("text", [
    # two spans of two things, or a larger unit after a smaller one
    "He was banned for two years and fined for three months.",
    "The works took 4 months and 2 years later the road cracked again.",
])
def test_two_spans_of_two_things_stay_two(text: str) -> None:
    assert len([q for q in quantities(text) if q.kind == "duration"]) == 2


def test_a_hedge_bounds_the_whole_span() -> None:
    (q,) = quantities("The ban lasted about three years and six months.")
    assert q.approx and q.low < 3.5 < q.high


def test_the_span_is_shown_whole() -> None:
    text = "The keeper was banned for five years and four months on Friday."
    (q, *_) = quantities(text)
    sentence = Sentence(id="a:0", article_id="a", doc_id="a", start=0, end=len(text), text=text)
    assert shown_figure(Figure(sentence, "a", q)) == "5 years and 4 months"


def test_the_span_agrees_with_its_months_and_contradicts_another() -> None:
    source = "The gamekeeper was banned from holding a licence for five years and four months."
    same = compare("The gamekeeper received a 64-month licence ban.", source)
    assert not same.conflicts and not same.missing_numbers
    other = compare("The gamekeeper was banned from holding a licence for seven years.", source)
    assert [c.describe() for c in other.conflicts] == [
        "number: claim 7 years vs source 5.33 years"]


def test_a_fraction_of_a_unit_has_the_room_of_a_share() -> None:
    """A bus newcomer (session 71): "almost a quarter of a century" was 23.75 to 25 years,
    so "23 years" made a false difference line."""
    (q,) = quantities("The firm ran the routes for almost a quarter of a century.")
    (r,) = quantities("The firm ran the routes for 23 years.")
    assert q.agrees(r)
    (far,) = quantities("The firm ran the routes for 19 years.")
    assert not q.agrees(far)


def test_spans_of_one_thing_told_by_its_counts_are_rivals_in_verify() -> None:
    """The same newcomer: "The seven-year franchise ... covers 38 routes" and "The
    eight-year contract ... covers 38 routes" share no word beside the spans; the story
    summary linked them by their counts, the verifier found no rival."""
    from agent.verification.claim_figures import figure_disputes

    items = [
        (Sentence(id="w:0", article_id="w", doc_id="w", start=0, end=10,
                  text="The nine-year licence, worth £40 million, covers 12 ferry routes "
                       "from Kelby."), "wire"),
        (Sentence(id="t:0", article_id="t", doc_id="t", start=0, end=10,
                  text="The ten-year deal is valued at £40m and covers 12 ferry routes "
                       "out of Kelby."), "trade"),
    ]
    rivals = figure_disputes("The ferry licence runs for nine years.", items)
    assert [(f.outlet, f.quantity.value) for f, _, _ in rivals] == [("trade", 10.0)]


@pytest.mark.parametrize("text", [
    "The losing run ended with a 3-1 home defeat by Kelby Rovers.",
    "Kelby Rovers won 3-1 in front of a sparse crowd.",
    "They beat Kelby Rovers 3-1 on Saturday.",
])
def test_a_games_score_counts_no_defeats(text: str) -> None:
    """A sport newcomer (session 71): "a 3-1 home defeat" was a count of "3 defeats to 1"
    and set against "six successive league defeats" as a false difference."""
    counts = [q for q in quantities(text) if q.kind == "count"]
    assert [(q.value, q.head) for q in counts] == [(3.0, "score"), (1.0, "score")]
    (six,) = quantities("The club has lost six successive league defeats.")
    assert six.head == "defeat" and not comparable_measure(six, counts[0])
