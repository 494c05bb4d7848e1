"""Someone acting for a body is no other actor than the body (agent.verification.slots,
`_acts_for`): the cloze check's filler "Councillor Brenda Hollis" for "Westershire County
Council asked the trust to pause the plan" refuted a true claim as another holder (an
education newcomer, session 53). Invented variants; fake chat model."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.text.slots import NameSlot
from agent.verification.slots import SlotChecker, _acts_for

CLAIM = "Marlow District Council asked the bus company to keep the route."


@pytest.mark.integration
@pytest.mark.parametrize(("sentence", "filler", "conflict"), [
    # titled after the body, placed in it, or its own: one of the body
    ("Councillor Ruth Dane, the cabinet member for transport, urged the bus company to keep "
     "the route.", "Councillor Ruth Dane", False),
    ("Council leader Ruth Dane asked the bus company to keep the route.", "Ruth Dane", False),
    # another body's member is another actor still
    ("Ruth Dane of Kelby Parish Council asked the bus company to keep the route.",
     "Ruth Dane", True),
])
def test_a_member_acting_for_the_body_is_no_other_actor(
    make_app: Callable[..., App], sentence: str, filler: str, conflict: bool,
) -> None:
    app = make_app(replies=[f'{{"answer": "{filler}"}}'])
    finding, _ = SlotChecker(app.llm).check(CLAIM, sentence, budget=1)
    assert (finding is not None) is conflict


@pytest.mark.unit
@pytest.mark.parametrize(("sentence", "member"), [
    ("Ruth Dane, who leads on transport at Marlow District Council, urged it.", True),
    ("Marlow District Council's transport lead Ruth Dane asked them.", True),
    ("Ruth Dane of Kelby Parish Council asked them.", False),
    ("Ruth Dane asked them, Marlow District Council said.", False),
])
def test_a_member_is_placed_in_the_body_by_the_sentence(sentence: str, member: bool) -> None:
    slot = NameSlot("Marlow District Council", "____ asked the bus company to keep the route.",
                    role=False)
    assert _acts_for(slot, "ruth dane", sentence) is member


@pytest.mark.integration
@pytest.mark.parametrize(("sentence", "conflict"), [
    # the model filled the blank with who speaks: the claim's own speaker, named once
    ("Okoro rejected that, saying the trust had not closed a ward in five years.", False),
    # named again in what is said: the speaker may be the actor the blank asks for
    ("Okoro said Okoro had not closed a ward in five years.", True),
])
def test_the_claims_own_speaker_read_as_the_actor_is_no_other_actor(
    make_app: Callable[..., App], sentence: str, conflict: bool,
) -> None:
    """Dev pemberly c05: "Declan Ashworth said Harland had not paid out a dividend for three
    years" was left not_enough_info, its cloze filler "Ashworth" from "Ashworth denied
    that, saying the company had not paid a dividend". A made-up health story."""
    app = make_app(replies=['{"answer": "Okoro"}'])
    claim = "Grace Okoro said Marlow Health had not closed a ward in five years."
    finding, _ = SlotChecker(app.llm).check(claim, sentence, budget=1)
    assert (finding is not None) is conflict
