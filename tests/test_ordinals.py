"""Ordinal words that rank something ("finished third") and those that do not: "first" as
"at first" before a verb of what was, and a part of something ("the final third of")."""

from __future__ import annotations

import pytest

from agent.text.quantities import quantities


@pytest.mark.parametrize("text", [
    # a newcomer's football story: "first docked points in November" (1) was refuted by
    # "will go into the final third of the season" (3)
    "The club was first docked points in November.",
    "The firm first reported the fault in May.",
    "The side will go into the final third of the season outside the drop zone.",
])
def test_first_before_a_past_verb_and_a_part_of_something_rank_nothing(text: str) -> None:
    assert "ordinal" not in {q.kind for q in quantities(text)}


@pytest.mark.parametrize(("text", "rank"), [
    ("The first bid was rejected.", 1),
    ("She finished third in the race.", 3),
])
def test_a_rank_is_still_an_ordinal(text: str, rank: int) -> None:
    assert [q.value for q in quantities(text) if q.kind == "ordinal"] == [rank]
