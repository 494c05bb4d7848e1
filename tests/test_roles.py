"""A claim's subject named by role (agent.text.roles, used by the verifier): "The council
leader said ..." is judged as "Ana Ruiz said ..." when the articles write "Council leader Ana
Ruiz". Variants of the kind a newcomer met ("The Mexican president sent 10,000 soldiers",
not_enough_info where the named claim was found conflicting); none is a seed sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from scenarios import judged_claims

from agent.app import App
from agent.text.roles import role_holder, with_holder

TEXTS = [
    "Council leader Ana Ruiz said the depot plan was sound.",
    "The council approved the Harbour Plan on Monday.",
    "Port spokesman Omar Finch declined to comment, the White House National Guard said.",
    "Ana Ruiz's office released the figures.",
    "Fees rose, said Dunley Harbour Board Ltd.",
    "In Dunley, council leader Ana Ruiz said the depot plan was sound.",
]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The council leader backed the depot plan.", "Ana Ruiz backed the depot plan."),
        ("the port spokesman declined to comment.", "Omar Finch declined to comment."),
        # a clause, not a role ("council approved the ..." is followed by a name)
        ("The council approved the Harbour Plan.", None),
        # the claim names the holder itself, or says who holds the role: left to the checks
        ("The port spokesman Dana Reyes declined to comment.", None),
        ("The port spokesman was Dana Reyes.", None),
        # a proper name is no role ("White House" then "National Guard")
        ("The White House statement was brief.", None),
        # one word names no one in particular
        ("The leader backed the plan.", None),
        # the role's words ending a firm's name are no role before a holder (a newcomer
        # trial, session 67: "The heat network dates from 1997" was judged as "Ltd dates
        # from 1997" after "Northvale Heat Network Ltd")
        ("The harbour board met on Monday.", None),
    ],
)
def test_role_holder(claim: str, expected: str | None) -> None:
    found = role_holder(claim, TEXTS)
    assert (with_holder(claim, *found) if found else None) == expected


CORPUS = {
    "wire.txt": (
        "Depot vote\nBy Staff\n\n"
        "Council leader Ana Ruiz said on Monday that the depot would close in May. "
        "Ruiz said 40 jobs would move to the harbour site."
    ),
}


@pytest.mark.integration
def test_the_verifier_judges_a_role_named_claim_with_the_holders_name(
    make_app: Callable[..., App],
) -> None:
    claim = "The council leader said the depot would close in May."
    v, judged = judged_claims(make_app(CORPUS, scripted=True), claim)
    assert judged and all("Claim: Ana Ruiz said the depot would close in May." in a
                          for a in judged)
    assert v.claim == claim and v.atomic[0].claim == claim  # reported as the user wrote it


@pytest.mark.unit
@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("What did the prime minister say about the offer?", "prime minister"),
        ("How did the union's lawyer respond to the ruling?", "union's lawyer"),
        ("What has Ana Ruiz said about the depot?", "Ana Ruiz"),
        # not a question about someone's words
        ("Where did Ana Ruiz speak when she said the depot would close?", None),
        ("How many jobs did the depot have?", None),
    ],
)
def test_asked_speaker(question: str, speaker: str | None) -> None:
    from agent.text.roles import asked_speaker

    assert asked_speaker(question) == speaker


OWNED = [
    "Marlow Water managing director Priya Osei said the leak was found on Monday.",
    "Osei said the company had apologised to every household.",
    "Tarnfield Council's chief executive, Tom Hale, said the council would review the case.",
    "Land agent Ruth Abbott, who manages the Cressing Estate, said the pair had no consent.",
]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("claim", "texts", "expected"),
    [
        # an organisation's role, named with the organisation beside it (dev vellmoor c07:
        # "Vellmoor's chief executive said" against "Albright said", not_enough_info)
        ("Marlow Water's managing director said the leak was found on Monday.", OWNED,
         "Priya Osei said the leak was found on Monday."),
        # a comma between role and name, and a leading "The"
        ("The Tarnfield Council's chief executive promised a review.", OWNED,
         "Tom Hale promised a review."),
        ("The Cressing Estate's land agent alleged that the pair had no consent.", OWNED,
         "Ruth Abbott alleged that the pair had no consent."),
        # each firm's own holder: another firm's chief executive is not Tarnfield's
        ("Brackwell Homes' chief executive said sorry.",
         [*OWNED, "Brackwell Homes chief executive Jo Dunn said sorry."], "Jo Dunn said sorry."),
        # no text names the owner: one name for the role across the story is its holder ...
        ("Kelso Rail's managing director apologised.",
         ["Managing director Sam Iqbal said he was sorry."], "Sam Iqbal apologised."),
        # ... two are not
        ("Kelso Rail's managing director apologised.",
         ["Managing director Sam Iqbal said he was sorry.",
          "Harbour Buses managing director Lyn Cole said nothing."], None),
    ],
)
def test_an_organisations_role_is_judged_with_its_holders_name(
    claim: str, texts: list[str], expected: str | None,
) -> None:
    found = role_holder(claim, texts)
    assert (with_holder(claim, *found) if found else None) == expected


# An office told by its verb ("who chairs ...", agent.text.holders), named in the claim as
# "the <office> of <organisation>" (a dev story of session 58: "The chair of Save Millbrook
# Fields claimed ..." against "Deborah Linnell, who chairs Save Millbrook Fields, said ...").
CLUB = [
    "Priya Olumide, who chairs Dunley Rowing Club, said the boathouse would be rebuilt.",
    "Tom Ruddock, who runs Harbour Freight, said lorries would use the bypass.",
]


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "expected"), [
    ("The chair of Dunley Rowing Club said the boathouse would be rebuilt.",
     "Priya Olumide said the boathouse would be rebuilt."),
    ("The executive of Harbour Freight said lorries would use the bypass.",
     "Tom Ruddock said lorries would use the bypass."),
])
def test_an_office_told_by_its_verb_names_the_claims_role(claim: str, expected: str) -> None:
    found = role_holder(claim, CLUB)
    assert found is not None
    assert with_holder(claim, *found) == expected


@pytest.mark.unit
def test_an_office_two_people_are_said_to_hold_names_no_one() -> None:
    texts = [*CLUB, "Ann Pryor, who chairs Dunley Rowing Club, said nothing."]
    assert role_holder("The chair of Dunley Rowing Club said the boathouse would be rebuilt.",
                       texts) is None
