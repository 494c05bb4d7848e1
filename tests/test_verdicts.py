"""How one claim part's verdict follows from its evidence items (agent.verification.verdicts
.decide): which outlets support, report, or contradict it with a concrete conflict."""

from __future__ import annotations

import pytest

from agent.types import Citation
from agent.verification.conflict import Conflict
from agent.verification.signals import Signals, Stance
from agent.verification.verdicts import EvidenceItem, decide

CLAIM = "Ferry services to Skelly will resume on 1 June."


def _item(outlet: str, quote: str, stance: Stance, **signals: object
          ) -> tuple[str, EvidenceItem, Signals]:
    cite = Citation(source=outlet.lower(), quote=quote, start=0, end=len(quote))
    sig = Signals(coverage=0.9, aligned=True, **signals)  # type: ignore[arg-type]
    return outlet, EvidenceItem(citation=cite, stance=stance, outlet=outlet), sig


REPORTED = _item("Isles Wire", "Services will resume on 1 June, the operator said.", "supports",
                 attributed_to="the operator", speaker="someone")
STATED = _item("Isles Post", "Services will resume on 1 June.", "supports")
OTHER_DATE = _item("Skelly Times", "Services will not resume until 15 June.", "refutes",
                   conflicts=[Conflict("number", ("1 june",), ("15 june",))])
MODEL_ONLY = _item("Skelly Times", "The operator has not fixed a date.", "refutes")


@pytest.mark.unit
def test_a_reported_version_against_a_concrete_other_one_is_a_disagreement() -> None:
    label, why = decide(CLAIM, [REPORTED, OTHER_DATE], attributed=False)
    assert label == "conflicting"
    assert "Isles Wire reports the operator saying it" in why
    assert "Skelly Times contradicts it (number: claim 1 June vs source 15 June)" in why


@pytest.mark.unit
def test_a_reported_version_alone_or_against_the_models_doubt_is_no_fact() -> None:
    assert decide(CLAIM, [REPORTED], attributed=False)[0] == "not_enough_info"
    # a refutation without a concrete conflict does not make the sources disagree
    assert decide(CLAIM, [REPORTED, MODEL_ONLY], attributed=False)[0] == "refuted"


@pytest.mark.unit
def test_stated_and_contradicted_by_other_outlets_is_conflicting_and_alone_refuted() -> None:
    assert decide(CLAIM, [STATED, OTHER_DATE], attributed=False)[0] == "conflicting"
    assert decide(CLAIM, [OTHER_DATE], attributed=False)[0] == "refuted"
    assert decide(CLAIM, [STATED], attributed=False)[0] == "supported"


@pytest.mark.unit
def test_an_outlet_giving_the_claims_figure_makes_a_contradicted_claim_conflicting() -> None:
    """Labelling rule 1: a claim that takes one side of a disputed figure is conflicting. The
    outlet whose sentence gives the claim's value (an anchor of agent.verification.measures.
    figure_disputes) may hold more than the claim, so the model leaves it silent."""
    anchor = _item("Isles Post", "Ferries return on 1 June after a winter of repairs to the "
                   "Skelly pier, the council's newsletter says.", "silent")
    label, why = decide(CLAIM, [anchor, OTHER_DATE], attributed=False, anchored={"Isles Post"})
    assert label == "conflicting"
    assert "Isles Post gives the claim's figure, Skelly Times contradicts it" in why
    # without the anchor, or against a refutation that names no figure, it is refuted
    assert decide(CLAIM, [anchor, OTHER_DATE], attributed=False)[0] == "refuted"
    assert decide(CLAIM, [anchor, MODEL_ONLY], attributed=False,
                  anchored={"Isles Post"})[0] == "refuted"
    # an outlet that contradicts the claim is no anchor of it
    assert decide(CLAIM, [OTHER_DATE], attributed=False,
                  anchored={"Skelly Times"})[0] == "refuted"


@pytest.mark.unit
def test_an_outlet_that_states_the_claim_is_not_its_own_contradiction() -> None:
    """"About 60 firefighters were at the scene" is stated by an outlet whose other sentence,
    "Two firefighters were treated", a figure check reads as another count: an outlet rarely
    contradicts itself, so its statement stands and the verdict is not refuted."""
    subset = _item("Isles Post", "Two ferries were damaged on 1 June.", "refutes",
                   conflicts=[Conflict("number", ("1 june",), ("2",))])
    label, why = decide(CLAIM, [STATED, subset], attributed=False)
    assert label == "supported" and "Isles Post" in why
    # another outlet's concrete conflict still makes the sources disagree
    assert decide(CLAIM, [STATED, subset, OTHER_DATE], attributed=False)[0] == "conflicting"
