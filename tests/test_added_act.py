""""Added" before a count or an article states an act, not words reported (dev
kelderby-fell-rescue: "the Brackmoor team added another eight people" was read as the
team's words, so no sentence reporting them could support it). With "that", a clause or a
quote before it, "added" still reports words. The sentences are made up for these tests."""

from __future__ import annotations

import pytest

from agent.text.speakers import attribution
from agent.verification.claims import attribution_of


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "The Harwick team added another eight people.",
    "The bakery added 40 jobs last year.",
    "Organisers added a second stage to the festival.",
    "The league added two more fixtures in March.",
    "The hospital added an extra ward before the winter.",
    "The trust adds £2m to the fund each year.",
    "The airline added dozens of flights to the schedule.",
])
def test_added_before_a_count_or_an_article_is_an_act(text: str) -> None:
    assert attribution_of(text) is None
    assert attribution(text) is None


@pytest.mark.unit
@pytest.mark.parametrize(("text", "speaker"), [
    ("Police added that the road would stay shut.", "Police"),
    ("The mayor added the council would review the plan.", "The mayor"),
    ("Ms Orme added: \"We will appeal the ruling.\"", "Ms Orme"),
])
def test_added_before_a_clause_still_reports_words(text: str, speaker: str) -> None:
    reported = attribution_of(text)
    assert reported is not None and reported.speaker == speaker
    assert attribution(text) is not None


@pytest.mark.unit
def test_a_quote_closed_by_added_is_still_speech() -> None:
    assert attribution("\"We are sorry,\" the manager added.") is not None

