"""Totals reached by two different times are two readings of a growing count, no versions
of one figure (agent.text.running): "had taken in 62 oiled birds by midday on Monday" and
"By last night ... had admitted 140 birds" (a newcomer's estuary spill, session 70, had
the second as "The Northern Chronicle differs: ..."). Invented wordings in other
domains."""

from __future__ import annotations

import pytest

from agent.generation.versions import differs
from agent.text.quantities import quantities
from agent.text.running import total_time, totals_apart
from agent.verification.checks import compare


@pytest.mark.parametrize(("text", "time"), [
    ("The appeal had raised £9,400 by last night.", "last night"),
    ("Power was back for 4,000 homes by 6pm, the company said.", "6pm"),
    ("By the end of the week 300 homes had been checked.", "the end of the week"),
    ("The toll rose to 12 by Monday evening, police said.", "monday evening"),
])
def test_the_time_a_total_was_reached(text: str, time: str) -> None:
    (q,) = [q for q in quantities(text) if q.kind in ("count", "money")]
    assert total_time(text, q) == time


@pytest.mark.parametrize("text", [
    "By Isla Fennimore Monday, 16 November 2026: two were hurt.",  # a byline
    "The motion passed by 14 votes to 9.",
    "About 40 homes were damaged by the storm.",
])
def test_no_time_no_total(text: str) -> None:
    assert not any(total_time(text, q) for q in quantities(text))


def test_totals_by_two_times_are_apart() -> None:
    a = "The sanctuary said it had taken in 62 oiled birds by midday on Monday."
    b = "By last night the sanctuary had admitted 140 birds."
    (qa,), (qb,) = quantities(a), quantities(b)
    assert totals_apart(a, qa, b, qb)
    assert not totals_apart(a, qa, "The sanctuary had 140 birds by midday on Monday.", qb)


def test_an_answer_shows_no_later_total_as_a_version() -> None:
    answer = "The sanctuary said it had taken in 62 oiled birds by midday on Monday."
    assert differs(answer, "By last night the sanctuary had admitted 140 birds.",
                   "How many birds had the sanctuary taken in?") is None
    assert differs(answer, "The sanctuary had taken in 140 birds by midday on Monday.",
                   "How many birds had the sanctuary taken in?") is not None


def test_a_claims_total_by_another_time_is_no_rival() -> None:
    claim = "By Monday all but roughly 600 homes had been reconnected."
    sentence = "By this morning about 5,000 homes had been reconnected."
    assert not compare(claim, sentence).conflicts
