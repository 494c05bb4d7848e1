"""A day named in one coordinate clause dates that clause's event, not the claim's when
another clause tells the claim's act with no day (agent.text.events.days_of_other_clauses).
Variants of a fresh dev claim's kind (session 67: "Lab tests confirmed on 17 November 2026
that the bug was norovirus" was refuted by "The first patients on Ward 7 fell ill on Friday,
and tests have since confirmed the bug as norovirus"); none is a dev or seed sentence."""

from __future__ import annotations

from datetime import date

import pytest

from agent.text.events import days_of_other_clauses
from agent.verification.checks import compare

PUBLISHED = date(2026, 3, 11)  # a Wednesday
SENTENCE = ("Water first seeped into the archive on Sunday, and engineers have since traced "
            "the leak to a cracked main.")


@pytest.mark.unit
def test_the_day_of_another_clause_does_not_date_the_claims_act() -> None:
    claim = "Engineers traced the leak to a cracked main on 10 March 2026."
    assert days_of_other_clauses(claim, SENTENCE) == {"sunday"}
    assert not compare(claim, SENTENCE, published=PUBLISHED).conflicts


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "sentence"), [
    # the claim's own act is the one the day dates: it still conflicts
    ("Water first seeped into the archive on Saturday 7 March.", SENTENCE),
    # the clause telling the claim's act names a day of its own
    ("Engineers traced the leak on 10 March 2026.",
     "Water seeped in on Sunday, and engineers traced the leak on Monday."),
])
def test_a_day_the_claims_act_is_told_with_still_dates_it(claim: str, sentence: str) -> None:
    assert compare(claim, sentence, published=PUBLISHED).conflicts


@pytest.mark.unit
def test_one_clause_or_no_clause_with_the_claims_verb_is_read_as_before() -> None:
    assert days_of_other_clauses("Engineers traced the leak on 10 March.",
                                 "Engineers traced the leak on Sunday.") == frozenset()
    assert days_of_other_clauses("Engineers traced the leak on 10 March.",
                                 "It rained on Sunday, and the archive shut.") == frozenset()


@pytest.mark.unit
def test_a_verb_of_the_claims_relative_clause_tells_no_act_of_its_own() -> None:
    # a dev claim (tarn c09): "By Monday, electricity had been restored to every property
    # that lost it" is about the restoring; "lost" in another clause of the sentence is no
    # telling of it
    assert days_of_other_clauses(
        "By Monday, power had been restored to every home that lost it.",
        "The firm said 900 homes lost power; by this morning 500 had been reconnected.",
    ) == frozenset()
