"""Own-voice judgements as evidence (agent/verification/checks.py `Signals.judgement`, the
support gate of agent/verification/stance.py): what a writer says should happen is no
support for a claim that it will."""

from __future__ import annotations

import pytest

from agent.verification.checks import compare
from agent.verification.stance import combine


@pytest.mark.unit
def test_what_a_writer_says_should_happen_does_not_support_that_it_will() -> None:
    """A comment's own-voice "should" (agent.text mood "deontic") says what ought to be, not
    what is: "Caverly should publish the report" is no support for "Caverly will publish it"."""
    claim = "The university will publish the full inquiry report."
    sure = {"supports": 0.9, "refutes": 0.05, "silent": 0.05}
    urged = compare(claim, "The university should publish the full inquiry report, and now.",
                    score=0.8)
    assert urged.judgement
    assert combine(sure, urged) != "supports"
    # Reported, the same words are someone's statement; stated, they are the writer's.
    said = compare(claim, "The provost said the university would publish the full inquiry "
                   "report.", score=0.8)
    stated = compare(claim, "The university will publish the full inquiry report in May.",
                     score=0.8)
    assert not said.judgement and not stated.judgement
    assert combine(sure, stated) == "supports"
    # A claim that itself says what should be is judged by the model as before.
    assert not compare("The university should publish the report.",
                       "The university should publish the report, and now.").judgement
