"""A claim about one thing named by a common noun ("The lynx that escaped ...") is not
stated by a sentence about another of its kind ("The park's other lynx, a seven-year-old
male ..."): dev brantwick c15, "The lynx that escaped was a seven-year-old male", was
supported by the age of the lynx that stayed. Like a near-miss name, such a sentence backs
nothing and its figures are no rivals. The sentences are made up for these tests."""

from __future__ import annotations

import pytest

from agent.text.near_miss import other_of_kind
from agent.verification.checks import compare
from agent.verification.stance import combine

OTHER_BEAR = "The sanctuary's other bear, a nine-year-old female called Hazel, stayed in her pen."


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "evidence", "other"), [
    ("The bear that escaped was a nine-year-old female.", OTHER_BEAR, "other bear"),
    ("The ferry had 212 passengers aboard.",
     "Another ferry, the Selby Star, ran aground in 2023 with about 90 passengers.",
     "other ferry"),
    ("The Harwell painting was sold for £2m.",
     "Another oil painting from the same sale fetched £2m.", "other painting"),
])
def test_a_sentence_about_another_of_the_claims_kind_is_found(
        claim: str, evidence: str, other: str) -> None:
    assert other_of_kind(claim, evidence) == other


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "evidence"), [
    # a plural or indefinite subject may be the sentence's "other" ones
    ("Uninjured passengers were taken to the community centre.",
     "Other passengers were brought ashore and taken to the community centre."),
    ("A bear was seen near the school.", "Another bear was seen near the school."),
    # the claim is itself about the other one
    ("The other bear stayed in her pen.", OTHER_BEAR),
    # the sentence speaks of the claim's own thing too
    ("The ferry had 212 passengers aboard.",
     "The ferry, unlike another ferry on the route, had 212 passengers aboard."),
    # no "other" at all
    ("The bear that escaped was a nine-year-old female.",
     "The bear, a nine-year-old female, was darted on Tuesday."),
])
def test_no_other_of_kind(claim: str, evidence: str) -> None:
    assert other_of_kind(claim, evidence) is None


@pytest.mark.unit
def test_the_other_ones_sentence_cannot_support_the_claim() -> None:
    sig = compare("The bear that escaped was a nine-year-old female.", OTHER_BEAR, score=0.7)
    assert sig.other_actor == "other bear"
    assert combine({"supports": 0.9, "refutes": 0.05, "silent": 0.05}, sig) == "silent"
