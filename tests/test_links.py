"""A sentence that says two named entities are unconnected refutes a claim that ties them (a
newcomer's quarry story, session 59: "Brackwell Stoneworks operates Gorsefell Quarry" against
"... it has no connection with Brackwell Stone Ltd or with Gorsefell Quarry" was left
not_enough_info). The sentences are made up for these tests."""

from __future__ import annotations

import pytest

from agent.text.links import tie_denied, unlinked_pairs
from agent.verification.checks import compare
from agent.verification.stance import combine


@pytest.mark.unit
@pytest.mark.parametrize(("sentence", "pairs"), [
    ("Kelby Glass is not connected to Kelby Glazing Ltd, a window fitter in Marlow.",
     [("kelby glass", "kelby glazing ltd")]),
    ("Harwick Motors, a family garage in Deane, says it has no connection with Harwick Autos "
     "or with the Deane Road depot.", [("harwick motors", "harwick autos")]),
    # a name that only qualifies a noun names no subject
    ("The Ostby company, whose Marrow tiles are made in Deane, says it has no link to "
     "Ostley Farms.", []),
    ("Ostby Foods has asked us to make clear that it has no link to Ostley Farms or to "
     "Marrow Creamery.", [("ostby foods", "ostley farms"), ("ostby foods", "marrow creamery")]),
    ("Penn Valley Water, which is based in Penn, is unconnected to Pennine Water.",
     [("penn valley water", "pennine water")]),
    ("The Dunmore Trust has nothing to do with Dunmore Estates.",
     [("dunmore trust", "dunmore estates")]),
    # no name on one side: nothing to set against a claim
    ("\"We have nothing to do with Kelby Glazing,\" she said.", []),
    ("Goalkeeper Luca Ferrante is not connected to the case.", []),
])
def test_the_pairs_a_sentence_says_are_unconnected(sentence: str,
                                                   pairs: list[tuple[str, str]]) -> None:
    assert unlinked_pairs(sentence) == pairs


SENTENCE = ("Harwick Motors, a family garage in Deane, says it has no connection with Harwick "
            "Autos or with Deane Quarry.")


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "denied"), [
    ("Harwick Motors operates Deane Quarry.", ("harwick motors", "deane quarry")),
    ("Harwick Motors owns Harwick Autos.", ("harwick motors", "harwick autos")),
    # a near-miss name is another entity
    ("Harwick Autos operates Deane Quarry.", None),
    # the claim itself denies the tie, or negates
    ("Harwick Motors has no connection with Deane Quarry.", None),
    ("Harwick Motors does not operate Deane Quarry.", None),
    # the claim names only one of the pair
    ("Harwick Motors is a family garage.", None),
])
def test_a_claim_tying_the_pair_is_denied(claim: str,
                                          denied: tuple[str, str] | None) -> None:
    assert tie_denied(claim, SENTENCE) == denied


@pytest.mark.unit
def test_the_denial_refutes_whatever_the_model_says() -> None:
    sig = compare("Harwick Motors operates Deane Quarry.", SENTENCE, 0.6)
    assert [c.kind for c in sig.conflicts] == ["link"]
    assert combine({"supports": 0.2, "refutes": 0.3, "silent": 0.5}, sig) == "refutes"
