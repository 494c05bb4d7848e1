"""Numbers that name a thing rather than measure it: code names ("the AT-311 trial",
"COVID-19", "an F-35") hold no figure (agent.text.quantities)."""

from __future__ import annotations

import pytest

from agent.text.quantities import quantities


@pytest.mark.unit
@pytest.mark.parametrize(("text", "figures"), [
    ("The KV-204 vaccine study recruited 180 volunteers.", [180]),
    ("The F-16 squadron flew 12 sorties.", [12]),
    ("COVID-19 cases fell.", []),
    # lower case before the hyphen: a year, not a code
    ("Work is due to finish by mid-2027.", [2027]),
])
def test_a_code_name_holds_no_figure(text: str, figures: list[float]) -> None:
    """Found by a newcomer on a new story: "the AT-311 trial" gave a count of 311 studies,
    so every sentence that named the trial otherwise was said to lack a figure of the claim.
    Capitals joined to a number by a hyphen name a thing."""
    assert [q.value for q in quantities(text)] == figures


@pytest.mark.unit
def test_a_sentence_without_the_code_name_may_state_the_claim() -> None:
    from agent.verification.checks import compare

    sig = compare("The KV-204 vaccine study recruited 180 volunteers.",
                  "The vaccine study recruited 180 volunteers when it began in May.", score=0.8)
    assert sig.figures_stated and not sig.missing_numbers and not sig.conflicts
