"""A size asked by its dimension ("How big is the budget gap?") asks for a figure, so an
answer shows other outlets' versions of it (agent.generation.versions.asked_detail); and a
summary line that opens on a pronoun object ("Among them was ...") does not stand alone
(agent.generation.standalone.stands_alone). Invented variants of a council newcomer's
(session 62)."""

from __future__ import annotations

import pytest

from agent.generation.standalone import stands_alone
from agent.generation.versions import asked_detail, differs

ANSWER = "The county council says it must fill a budget gap of £6.2 million next year."
OTHER = "Councillors backed cuts the council says are needed to plug a £7.5m hole."


@pytest.mark.unit
@pytest.mark.parametrize(("question", "detail"), [
    ("How big is the budget gap?", "figure"),
    ("How large a fine did the regulator impose?", "figure"),
    ("How deep was the flood water on Mill Street?", "figure"),
    ("How many libraries will close?", "figure"),
    ("When did the council vote?", "date"),
    ("Why did the council vote for the cuts?", None),
    ("How did the council justify the cuts?", None),
])
def test_a_size_asked_by_its_dimension_asks_for_a_figure(question: str,
                                                         detail: str | None) -> None:
    assert asked_detail(question) == detail


@pytest.mark.unit
def test_another_outlets_sum_is_a_version_of_the_size_asked() -> None:
    assert differs(ANSWER, OTHER, "How big is the budget gap?") == "figure"
    assert differs(ANSWER, OTHER, "Why are the libraries closing?") is None


@pytest.mark.unit
@pytest.mark.parametrize(("text", "alone"), [
    ("Among them was Ada Quill, 68, who handed in a petition with 9,000 names.", False),
    ("Two of those were taken to hospital with minor injuries.", False),
    ("Many of them had queued since dawn outside the town hall.", False),
    ("Despite this, the county council pressed ahead with the vote.", False),
    ("Under it, four branch libraries will close in the spring.", False),
    # a determiner before a noun, or a pronoun inside a clause, points nowhere back
    ("After that meeting the county council voted 28 to 19 for the cuts.", True),
    ("Of the 22 libraries, four will close in the spring.", True),
    ("Councillors voted for it after a four-hour debate in the town hall.", True),
])
def test_a_line_opening_on_a_pronoun_object_does_not_stand_alone(text: str, alone: bool) -> None:
    assert stands_alone(text) is alone
