"""Units of measure after a number (agent.text.units, read with pint): one figure whatever
the unit's spelling or size, never compared across dimensions."""

from __future__ import annotations

import pytest

from agent.text.quantities import quantities
from agent.text.quantity import show_quantity
from agent.text.units import measure_unit
from agent.verification.checks import compare


def _measure(text: str):  # type: ignore[no-untyped-def]
    (q,) = [q for q in quantities(text) if q.kind == "measure"]
    return q


@pytest.mark.unit
def test_a_unit_spelt_out_or_abbreviated_is_one_figure() -> None:
    short = _measure("The tanker ran aground about 3.2 km off Skerry Point.")
    long = _measure("The tanker is stuck 3.2 kilometres from Skerry Point.")
    metres = _measure("The tanker lies 3,200 metres offshore.")
    assert short.unit == long.unit == metres.unit == "[length]"
    assert short.agrees(long) and long.agrees(metres)
    assert _measure("a 5-mile tailback").agrees(_measure("a tailback of 8 km"))
    assert not _measure("a 5-mile tailback").agrees(_measure("a tailback of 6 miles"))
    peak = _measure("The river peaked at 5.8 metres.")
    assert not peak.agrees(_measure("It rose to 6.1 metres."))


@pytest.mark.unit
def test_weights_and_lengths_are_never_compared() -> None:
    weight = _measure("Vans heavier than 3.5 tonnes are banned.")
    length = _measure("The bridge is 3.5 metres wide.")
    assert not weight.comparable(length)
    assert not _measure("Vans of 3.5 tonnes are banned.").agrees(
        _measure("Lorries of 7.5 tonnes are banned."))


@pytest.mark.unit
def test_a_temperature_counts_nothing() -> None:
    # dev kelderby: "Twenty-two Kelderby volunteers went up the fell" was refuted by "a wind
    # chill that volunteers put at minus 12C", read as a count of 12 "c"
    chill = _measure("Sleet drove across the fell, with a wind chill of minus 12C.")
    assert chill.unit == _measure("It was 21°C by noon.").unit == "[temperature]"
    assert _measure("Temperatures hit 35 degrees.").unit == "[temperature]"
    (count,) = quantities("Twenty-two volunteers went up the fell.")
    assert not count.comparable(chill)
    claim = "Twenty-two volunteers went up the fell in sleet."
    evidence = "Volunteers went up the fell in sleet and a wind chill of minus 12C."
    assert not compare(claim, evidence, 0.8).conflicts


@pytest.mark.unit
def test_a_rate_and_an_amount_are_never_rivals() -> None:
    # newcomer trial (dev cinderford): "holding around 9,000 tonnes of plastic" was
    # contradicted by "processes around 40,000 tonnes of plastic a year"
    (rate,) = [q for q in quantities("It recycles about 30,000 tonnes of glass a year.")
               if q.kind == "measure"]
    (stock,) = quantities("It had about 8,000 tonnes of glass in store.")
    assert (rate.per, stock.per) == ("year", "")
    assert [q.per for q in quantities("It runs 12 sailings daily.")] == ["day"]
    # "for a year" and "a year ago" tell no rate
    assert all(not q.per for q in quantities("He was banned for 3 matches for a year."))
    assert all(not q.per for q in quantities("15 people were hurt a year ago."))
    claim = "The depot had about 8,000 tonnes of glass in store."
    assert not compare(claim, "The depot recycles about 30,000 tonnes of glass a year.",
                       0.8).conflicts
    assert compare(claim, "The depot had about 12,000 tonnes of glass in store.", 0.8).conflicts
    # a claim that leaves out "a year" is still stated by the rate
    stated = compare("The depot recycles about 30,000 tonnes of glass.",
                     "The depot recycles about 30,000 tonnes of glass a year.", 0.8)
    assert not stated.missing_numbers and not stated.conflicts


@pytest.mark.unit
def test_words_pint_reads_as_units_are_not_measures_in_a_report() -> None:
    assert measure_unit("league") is None and measure_unit("in") is None
    assert measure_unit("pounds") is None  # money in a British report, not a weight
    assert all(q.kind == "count" for q in quantities("She scored 14 league goals in 2 in 3 games"
                                                     " for 12 points.") if q.kind != "percent")
    assert measure_unit("km") == ("[length]", 1000.0)


@pytest.mark.unit
def test_a_claims_unit_word_is_no_missing_word() -> None:
    claim = "The tanker is stuck 3.2 kilometres off Skerry Point."
    evidence = "The tanker remains aground 3.2 km off Skerry Point."
    sig = compare(claim, evidence, score=0.5)
    assert sig.coverage == compare(claim.replace("kilometres", "km"), evidence, 0.5).coverage
    assert sig.figures_stated and not sig.conflicts


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "Police arrested a woman aged 44 at a house in Dunmere.",
    "Officers arrested the 44-year-old at a house in Dunmere.",
    "The skipper, Morag Ellery, 44, was rescued first.",
    "Fiona Rask (44) has been charged.",
    "The driver, 44, was treated at the scene.",
    "She is 44 years old.",
])
def test_an_age_is_one_figure_however_it_is_written(text: str) -> None:
    ages = [q for q in quantities(text) if q.kind == "age"]
    assert [q.value for q in ages] == [44.0]


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "In Dunmere, 44 homes lost power.",
    "On Tuesday, 44 flights were cancelled.",
    "Ward 4, 12 beds, stays shut.",
    "The bridge carried more than 44 lorries an hour.",
])
def test_a_count_after_a_place_a_weekday_or_a_label_is_no_age(text: str) -> None:
    assert not [q for q in quantities(text) if q.kind == "age"]


@pytest.mark.unit
def test_an_age_states_the_claims_age_and_is_compared_only_with_ages() -> None:
    claim = "A 44-year-old woman has been charged over the fire."
    same = compare(claim, "Fiona Rask, 44, was charged over the fire on Friday.", 0.7)
    assert same.figures_stated and not same.missing_numbers and not same.conflicts
    other = compare(claim, "Fiona Rask, 47, was charged over the fire on Friday.", 0.7)
    assert "number: claim aged 44 vs source aged 47" in [c.describe() for c in other.conflicts]
    # 44 years of service is no age
    assert compare(claim, "Fiona Rask, who served 44 years in the fire brigade, was charged "
                          "over the fire.", 0.7).missing_numbers


@pytest.mark.unit
def test_weeks_or_days_said_for_months_agree_within_a_months_room() -> None:
    # new-story kind (cinderford): "report within eight weeks" and "report in two months"
    # were shown as outlets that differ; "six weeks" is another duration
    assert compare("The inquiry will report within eight weeks.",
                   "The inquiry will report in two months.", 0.8).conflicts == []
    assert compare("The inquiry will report within six weeks.",
                   "The inquiry will report in two months.", 0.8).conflicts
    assert compare("The road will shut for three weeks.",
                   "The road will shut for a month.", 0.8).conflicts
    # and days (a newcomer's space story: "for 30 days" / "for a month" shown as differing)
    assert compare("The team will keep listening for 30 days.",
                   "The team will keep listening for a month.", 0.8).conflicts == []
    assert compare("The permit runs for 90 days.", "The permit runs for three months.",
                   0.8).conflicts == []
    assert compare("The team will keep listening for 20 days.",
                   "The team will keep listening for a month.", 0.8).conflicts


def test_a_duration_that_says_when_or_how_often_is_no_span() -> None:
    """n3 dev oxbury: "written to the council a week ago" and "will open four days a week"
    were read as spans of 1 week and 4 days, and shown as two outlets differing."""
    assert [q.kind for q in quantities("Lawyers wrote to the council a week ago.")] == []
    assert [q.kind for q in quantities("Branches will open four days a week.")] == []
    assert [q.kind for q in quantities("Branches will open three days per week.")] == []
    (span,) = quantities("The search lasted two days.")
    assert span.kind == "duration"


def test_a_measure_is_shown_with_its_unit_in_the_plural() -> None:
    # a newcomer (session 69) read "claim as high as 160 metre vs source up to 60 metre"
    (c,) = compare("The cabins hung as high as 160 metres above the valley floor.",
                   "The cabins hung up to 60 metres above the valley floor.", 0.9).conflicts
    assert c.shown() == "number: claim as high as 160 metres vs source up to 60 metres"
    shown = [show_quantity(q) for q in quantities("It weighed 1 tonne; the wall is 12 feet "
                                                 "high and the tunnel 2.4 km long.")]
    assert shown == ["1 tonne", "12 feet", "2.4 km"]
