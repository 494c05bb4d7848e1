"""An "I" inside an abbreviation ("P&I clubs", "R&I budget") is no first person
(agent.text.voice): a newcomer's shipping trade paper (session 70) was taken for a comment
piece by "their P&I clubs have been notified". Invented wordings in other domains."""

from __future__ import annotations

import pytest

from agent.text.voice import mood


@pytest.mark.parametrize("text", [
    "Both ships are insured and their P&I clubs have been notified.",
    "The firm cut its R&I budget by a third.",
])
def test_an_i_inside_an_abbreviation_is_no_first_person(text: str) -> None:
    assert mood(text) == "statement"


@pytest.mark.parametrize("text", [
    "I think the council has got this badly wrong.",
    "Frankly, I'm not surprised the board resigned.",
])
def test_a_writers_i_is_first_person(text: str) -> None:
    assert mood(text) == "personal"
