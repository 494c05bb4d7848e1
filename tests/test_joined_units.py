"""Figures with their unit joined or in two words, from a newcomer's estuary spill (session
70): "12,500t" was no figure (its comma group read as a typo), "180t" was shown "180 the"
in a difference line, and "6nm" (six nautical miles at sea; pint reads nanometres) never
matched "six nautical miles". Invented wordings in other domains."""

from __future__ import annotations

import pytest

from agent.generation.difference_leads import shown_figure
from agent.text.quantities import quantities
from agent.text.quantity import show_quantity
from agent.types import Sentence
from agent.verification.measures import Figure


@pytest.mark.parametrize(("text", "si_value"), [  # kilograms or metres
    ("The barge carried 12,500t of grain.", 12_500_000.0),  # kilograms
    ("The pipeline runs for 2,500km.", 2_500_000.0),
    ("The exclusion zone covers 6nm of coast.", 6 * 1852.0),
    ("The exclusion zone covers six nautical miles of coast.", 6 * 1852.0),
    ("A 6 nm section of the channel was shut.", 6 * 1852.0),
])
def test_a_joined_or_two_word_unit_is_read(text: str, si_value: float) -> None:
    (q,) = quantities(text)
    assert q.kind == "measure"
    assert q.value == pytest.approx(si_value)


def test_nautical_miles_in_any_wording_agree() -> None:
    (a,) = quantities("closed over a stretch of six nautical miles")
    (b,) = quantities("shut for 6nm from the point")
    assert a.agrees(b)
    assert show_quantity(a) == "6 nautical miles"


@pytest.mark.parametrize(("text", "shown"), [
    ("Residents were told 180t of oil had leaked.", "180t"),
    ("The ferry was diverted 14km north.", "14km"),
    ("Crews laid 300 metres of boom.", "300 metres"),
])
def test_a_joined_unit_is_shown_as_written(text: str, shown: str) -> None:
    (q,) = quantities(text)
    sentence = Sentence(id="a:0", article_id="a", doc_id="a", start=0, end=len(text), text=text)
    figure = Figure(sentence, "a", q)
    assert shown_figure(figure) == shown


def test_a_comma_group_that_is_no_thousand_is_still_a_typo() -> None:
    assert not quantities("The estate has 45,00 homes.")
