"""A sentence that names a claim's subject and has none of the words of what the claim says
of it (from the claim's main verb on) does not state the claim, whatever the model says
(dev brackwater c08: "The grounding on Gannet Reef claimed several lives" was supported,
P 0.58 and 0.51, by two sentences telling where the ferry grounded and with how many on
board). A figure the sentence states anchors a paraphrase ("took a year and a half" /
"which lasted 18 months"). The sentences are made up for these tests."""

from __future__ import annotations

import pytest

from agent.text.actors import predicate_of
from agent.verification.checks import compare
from agent.verification.stance import combine, support_gate


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "predicate"), [
    ("The landslide on Corran Pass claimed four lives.", "claimed four lives"),
    ("The bear that escaped was a two-year-old female.", "was a two-year-old female"),
    ("Milo was caught in a barn at Lowe's Farm.", "was caught in a barn at Lowe's Farm"),
    ("The head of Selby Rail has apologised to passengers.", "has apologised to passengers"),
    ("The charges were dropped on Monday.", "were dropped on Monday"),
    ("Several lives were lost.", "were lost"),
])
def test_predicate_is_the_claim_from_its_main_verb_on(claim: str, predicate: str) -> None:
    assert predicate_of(claim) == predicate


@pytest.mark.unit
def test_predicate_of_a_verbless_text_is_none() -> None:
    assert predicate_of("A landslide on Corran Pass.") is None


@pytest.mark.unit
def test_a_sentence_saying_nothing_of_the_claims_predicate_cannot_support() -> None:
    claim = "The landslide on Corran Pass claimed several lives."
    sig = compare(claim, "Crews worked through the night after the landslide on Corran Pass, "
                         "which buried the road under tonnes of rock.", score=0.6)
    assert sig.predicate_coverage == 0
    assert support_gate(sig) is not None
    assert combine({"supports": 0.9, "refutes": 0.05, "silent": 0.05}, sig) == "silent"


@pytest.mark.unit
def test_a_sentence_stating_the_predicate_may_support() -> None:
    claim = "The landslide on Corran Pass claimed four lives."
    sig = compare(claim, "The landslide on Corran Pass claimed four lives, the county "
                         "coroner confirmed.", score=0.8)
    assert sig.predicate_coverage == 1.0
    assert combine({"supports": 0.9, "refutes": 0.05, "silent": 0.05}, sig) == "supports"


@pytest.mark.unit
def test_a_stated_figure_anchors_a_paraphrase_of_the_predicate() -> None:
    claim = "The Harwell inquiry took a year and a half."
    sig = compare(claim, "The Harwell inquiry, which lasted 18 months, found no fraud.",
                  score=0.7)
    assert sig.figures_stated
    assert support_gate(sig) is None or "what the claim says its subject" not in str(
        support_gate(sig))
