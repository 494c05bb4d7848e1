"""A claim's subject named by role (agent.text.roles, used by the verifier): "The council
leader said ..." is judged as "Ana Ruiz said ..." when the articles write "Council leader Ana
Ruiz". Variants of the kind a newcomer met ("The Mexican president sent 10,000 soldiers",
not_enough_info where the named claim was found conflicting); none is a seed sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.text.roles import role_holder, with_holder
from agent.verification.verify import Verifier

TEXTS = [
    "Council leader Ana Ruiz said the depot plan was sound.",
    "The council approved the Harbour Plan on Monday.",
    "Port spokesman Omar Finch declined to comment, the White House National Guard said.",
    "Ana Ruiz's office released the figures.",
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
    app = make_app(CORPUS, scripted=True)
    verifier = Verifier(app.corpus, app.retriever, app.embedder, app.llm)
    claim = "The council leader said the depot would close in May."
    v = verifier.verify(claim)
    asked = [str(m[-1].content) for m, _ in app.llm.chat.calls]  # type: ignore[attr-defined]
    assert asked and all("Claim: Ana Ruiz said the depot would close in May." in a
                         for a in asked if a.startswith("Claim:"))
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
