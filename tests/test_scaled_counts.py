""""2.4m birds" counts 2.4 million birds: an "m" after a figure is a scale when a plural
noun follows it, and metres otherwise (agent.text.quantities). An agriculture newcomer
(session 62) had "About 2,400,000 birds ..." conflicting with "2.4m birds" read as 2.4.
Invented wordings."""

from __future__ import annotations

import pytest

from agent.text.quantities import quantities
from agent.verification.checks import compare


@pytest.mark.unit
@pytest.mark.parametrize(("text", "value", "kind"), [
    ("About 1.8m hens are kept inside the zone.", 1_800_000, "count"),
    ("The 3.5m chickens were moved indoors.", 3_500_000, "count"),
    ("It sold 2.4m tonnes of grain.", 2_400_000_000, "measure"),  # in kg, as every mass
    ("It cost £2.4m.", 2_400_000, "money"),
])
def test_an_m_before_a_plural_noun_is_a_million(text: str, value: float, kind: str) -> None:
    (q,) = quantities(text)
    assert (q.value, q.kind) == (value, kind)


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "The council built a 10m wall along the quay.",
    "The river rose 5.8m overnight.",
    "The river rose by 5.8 m at the weir.",
])
def test_an_m_before_no_plural_noun_is_no_million(text: str) -> None:
    assert all(q.value < 100 for q in quantities(text))


@pytest.mark.unit
def test_a_claim_of_the_count_in_full_is_stated_by_the_scaled_figure() -> None:
    sig = compare("About 1,800,000 hens are kept inside the surveillance zone.",
                  "About 1.8m hens are kept inside the surveillance zone, officials said.", 0.9)
    assert not sig.conflicts and sig.figures_stated
