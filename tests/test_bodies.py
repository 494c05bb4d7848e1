"""A speaker described as a body (agent.text.bodies, used by the verifier): "According to
the utility, ..." is judged as "According to Harwell Water, ..." when the articles tie the
description to that name. Variants of a fresh dev claim's kind (session 67: "According to
the operator, close to four thousand complaints came in ..." against "<the operator's
name> received nearly 4,000 complaints ..., the company said", not_enough_info); none is a
dev or seed sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from scenarios import judged_claims

from agent.app import App
from agent.text.bodies import described_body
from agent.text.roles import with_named_subject

# The three ties: a closing report by the subject, an apposition, the noun before the name.
REPORT = ["Harwell Water stopped supplies to 2,000 homes on Monday, the utility confirmed on "
          "Tuesday.", "The utility said it was sorry."]
APPOSITION = ["Tollan Dairies, the cooperative, said milk collections would resume."]
NOUN_FIRST = ["Passengers of the airline Skyreach Air were stranded overnight."]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("description", "texts", "expected"),
    [
        ("the utility", REPORT, "Harwell Water"),
        ("The utility", REPORT, "Harwell Water"),
        ("the cooperative", APPOSITION, "Tollan Dairies"),
        ("the airline", NOUN_FIRST, "Skyreach Air"),
        # what the body talks about is no subject doing the act
        ("the regulator", ["Nine of those children needed surgery, the regulator said."], None),
        ("the regulator", ["Kettlewick's masts stayed on air, the regulator said."], None),
        # a date before a closing report is no apposition
        ("the union", ["Members will refuse overtime from 1 June, the union said."], None),
        # someone of the body, and a body said to be of the kind, are not the body
        ("the union", ["Dora Finch, the union's branch secretary, said pay was low."], None),
        ("the company", ["Brennan Paints, a separate company with a plant nearby, said none "
                         "of its tanks leaked."], None),
        # two bodies tied to one description as often: no telling which
        ("the council", ["Ardle Council, the council, said yes.",
                         "Birch Council, the council, said no."], None),
        # a name, or a person of a body, is no description
        ("Harwell Water", REPORT, None),
        ("the utility's lawyer", REPORT, None),
        ("the dam", REPORT, None),
    ],
)
def test_described_body(description: str, texts: list[str], expected: str | None) -> None:
    assert described_body(description, texts) == expected


@pytest.mark.unit
def test_an_attributed_claims_described_speaker_is_named() -> None:
    claim = "According to the utility, supplies were cut to about 2,000 homes."
    assert with_named_subject(claim, REPORT, "the utility") == (
        "According to Harwell Water, supplies were cut to about 2,000 homes.")
    assert with_named_subject(claim, ["The reservoir was low."], "the utility") == claim


CORPUS = {
    "wire.txt": (
        "Water cut\nBy Staff\n\n"
        "Harwell Water stopped supplies to 2,000 homes on Monday, the utility confirmed on "
        "Tuesday. Harwell Water received nearly 900 complaints in two days, the company said."
    ),
}


@pytest.mark.integration
def test_the_verifier_judges_a_described_speaker_with_the_bodys_name(
    make_app: Callable[..., App],
) -> None:
    claim = "According to the utility, close to nine hundred complaints came in within two days."
    v, judged = judged_claims(make_app(CORPUS, scripted=True), claim)
    assert judged and all("Claim: According to Harwell Water, close to nine hundred" in a
                          for a in judged)
    assert v.claim == claim and v.atomic[0].claim == claim  # reported as the user wrote it
