"""A one-sided bound and an estimate well past it are two versions, though their intervals
overlap (agent.text.quantity.Quantity.beyond_bound): "More than 140,000 homes lost power" /
"Nearly 190,000 homes were left in the dark" (an energy newcomer, session 61), read in an
answer's versions (agent.generation.versions). Invented variants."""

from __future__ import annotations

import pytest

from agent.generation.versions import differs, measured_alike
from agent.text.quantities import Quantity, quantities


def _q(text: str) -> Quantity:
    return quantities(text)[0]


@pytest.mark.unit
@pytest.mark.parametrize(("a", "b", "beyond"), [
    ("more than 60,000 tickets", "nearly 90,000 tickets", True),
    ("over 2,000 jobs", "about 3,500 jobs", True),
    ("fewer than 300 staff", "about 120 staff", True),
    # within a step of the bound's precision: one version
    ("more than 3,800 people", "nearly 4,000 people", False),
    ("more than 60,000 tickets", "about 62,000 tickets", False),
    # two estimates, or two bounds, are left to `agrees` and `same_version`
    ("about 60,000 tickets", "nearly 90,000 tickets", False),
    ("more than 60,000 tickets", "more than 90,000 tickets", False),
])
def test_an_estimate_beyond_a_bounds_step_is_another_version(a: str, b: str,
                                                             beyond: bool) -> None:
    qa, qb = _q(a), _q(b)
    assert qa.agrees(qb) or not beyond
    assert qa.beyond_bound(qb) is beyond and qb.beyond_bound(qa) is beyond


ANSWER = "More than 60,000 fans saw the final at Kelby Park on Saturday, the league said."
OTHER = "Nearly 90,000 fans packed into Kelby Park for Saturday's final, organisers said."


@pytest.mark.unit
def test_an_answers_bound_has_the_other_outlets_estimate_as_a_version() -> None:
    question = "How many fans saw the final?"
    assert differs(ANSWER, OTHER, question) == "figure"
    assert measured_alike(ANSWER, OTHER, question)
    near = "About 62,000 fans packed into Kelby Park for Saturday's final, organisers said."
    assert differs(ANSWER, near, question) is None
