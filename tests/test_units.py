"""Units of measure after a number (agent.text.units, read with pint): one figure whatever
the unit's spelling or size, never compared across dimensions."""

from __future__ import annotations

import pytest

from agent.text.quantities import quantities
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
