"""A claim that someone denied a charge is about the denial (agent.verification.checks,
stance): the charge stated or reported elsewhere neither refutes nor supports it. Invented
variants of a newcomer trial's "X alleged ..., which the company denied" (refuted by the
source's accusation)."""

from __future__ import annotations

import pytest

from agent.verification.checks import compare
from agent.verification.stance import combine, support_gate

DENIAL_CLAIM = "The trust denied that the academy hid a damp survey."


@pytest.mark.parametrize("sentence", [
    # the charge, reported
    "A parents' group has accused the academy of hiding a damp survey from families.",
    # the charge, stated in a column's own voice
    "The academy, which hid a damp survey for months, now wants our trust.",
])
def test_the_charge_is_neither_the_denial_nor_its_opposite(sentence: str) -> None:
    sig = compare(DENIAL_CLAIM, sentence)
    assert not sig.polarity_conflict and not sig.negation_flip
    assert sig.no_denial
    assert support_gate(sig, "The trust") == "the claim reports a denial, the sentence none"
    # whatever the model says, the sentence is silent on the denial
    assert combine({"supports": 0.9, "refutes": 0.05, "silent": 0.05}, sig,
                   claim_speaker="The trust") == "silent"


@pytest.mark.parametrize("sentence", [
    "The trust denied the claims, saying the survey had been shared with parents.",
    "The trust strongly denied that the academy had hidden the survey.",
])
def test_a_reported_denial_may_support_it(sentence: str) -> None:
    sig = compare(DENIAL_CLAIM, sentence)
    assert not sig.no_denial and not sig.polarity_conflict


def test_an_admission_still_contradicts_a_denial() -> None:
    sig = compare(DENIAL_CLAIM, "The trust has admitted that the academy hid a damp survey.")
    assert sig.polarity_conflict


def test_the_deniers_own_admission_still_contradicts_the_denial() -> None:
    # the seeds' "Trump denied that he had proposed ..." against his "it was true"
    sig = compare("Jo Hale denied that she had proposed closing the library.",
                  "Jo Hale said it was true that she proposed closing the library.")
    assert sig.same_speaker and sig.polarity_conflict


def test_rejecting_an_offer_is_no_denial() -> None:
    # the seeds' "Sheinbaum rejected Trump's offer ...": supported by her own words
    sig = compare("The mayor rejected the developer's offer to fund the bypass.",
                  "The mayor said she had rejected the developer's offer to fund the bypass.")
    assert not sig.no_denial


def test_a_denial_pointing_back_denies_the_figures_of_the_charge_before_it() -> None:
    """A newcomer's theatre story: "Niamh Okafor-Reid ... denied this." after the council's
    "£150,000" was not counted ("a figure ... of the claim is not in it")."""
    claim = "Ana Reid denied that the council had offered the theatre a £150,000 payment."
    charge = ("The council said it had offered the theatre a one-off payment of £150,000, "
              "and that the offer had been turned down.")
    sig = compare(claim, "Ana Reid, the theatre's director, denied this.", 0.7, context=charge)
    assert not sig.missing_numbers and not sig.conflicts
    # without the charge before it, the figure is not there
    assert compare(claim, "Ana Reid, the theatre's director, denied this.", 0.7).missing_numbers


def test_a_rejected_criticism_is_a_denial() -> None:
    """A bus newcomer (session 71): "rejected Tarnley's criticism" was no denial, so the
    outlets' denials were kept from supporting the claim ("it reports a denial")."""
    from agent.text.polarity import denies_a_statement

    assert denies_a_statement("The trust rejected the union's criticism of the rota.")
    assert denies_a_statement("The council dismissed the criticisms as unfounded.")
    assert not denies_a_statement("The council rejected the planning application.")
