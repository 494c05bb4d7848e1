"""The model's "no" to the yes/no question does not refute a sentence that states the
claim's figures in other units and every word of it: asked whether "She has 21 days to
lodge an appeal" says "has three weeks to lodge an appeal", the local model said no (P
0.54) and a fresh dev claim (dunmere m02, session 71) was refuted. Invented wordings."""

from __future__ import annotations

from dataclasses import replace

import pytest

from agent.verification.checks import compare
from agent.verification.stance import combine

# what the model answered on the dev pair: label P(supports) 0.59; yes 0.10, no 0.54
LABEL = {"supports": 0.59, "refutes": 0.28, "silent": 0.13}


@pytest.mark.parametrize(("claim", "sentence", "stance"), [
    # the same figure in other units, every word: the "no" is the units', no contradiction
    # (and the "yes" it did not give keeps it from supporting)
    ("The club has three weeks to lodge an appeal with the league.",
     "The club has 21 days to lodge an appeal with the league.", "silent"),
    ("The festival drew two thousand four hundred visitors to Kelby Park.",
     "The festival drew 2,400 visitors to Kelby Park.", "silent"),
    # a word of the claim the sentence lacks: the "no" still refutes
    ("The firm was fined £80,000 in 2019 after ammonia leaked from its plant.",
     "The firm was fined £80,000 in 2019 after diesel leaked from its plant.", "refutes"),
])
def test_a_no_to_figures_in_other_units_is_no_contradiction(
        claim: str, sentence: str, stance: str) -> None:
    sig = replace(compare(claim, sentence, score=0.7), confirmation=0.10, contradiction=0.54)
    assert not sig.conflicts
    assert combine(LABEL, sig) == stance
