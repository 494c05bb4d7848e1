"""Places named after their owner ("at the town's Corn Exchange"): a newcomer trial's
disputed venue (session 55) was no place at all."""

from __future__ import annotations

import pytest

from agent.text.analysis import places


@pytest.mark.parametrize(("text", "place"), [
    ("The meeting was held at the town's Corn Exchange.", "corn exchange"),
    ("The final was played at the city's Victoria Park.", "victoria park"),
])
def test_a_place_after_its_owner_is_a_place(text: str, place: str) -> None:
    assert place in places(text)


def test_an_owner_before_a_common_noun_names_no_place() -> None:
    assert places("He works at the firm's Leeds office.") == set()
