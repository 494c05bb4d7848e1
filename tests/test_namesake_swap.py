"""Two people of one surname the other way round (agent.text.actors.roles_swapped): "Dr Helen
Corrigan called for Councillor Martin Corrigan to step aside" is not what "Councillor Martin
Corrigan ... called for Dr Corrigan to step aside" says. A newcomer's hospital story (session
69) had it supported from two outlets. Invented wordings in other domains."""

from __future__ import annotations

import pytest

from agent.text.actors import roles_swapped
from agent.verification.checks import compare
from agent.verification.stance import support_gate

QUOTE = ("Councillor Ewan Marsh, who chairs the harbour committee and is no relation of the "
         "harbourmaster, said the board had failed and called for Captain Marsh to resign.")


def test_namesakes_the_other_way_round_are_a_swap() -> None:
    claim = "Captain Ruth Marsh called for Councillor Ewan Marsh to resign."
    assert roles_swapped(claim, QUOTE) == "councillor ewan marsh"
    sig = compare(claim, QUOTE, 0.8)
    assert sig.other_actor == "councillor ewan marsh"
    assert support_gate(sig) == "it gives the claim's event to councillor ewan marsh"


@pytest.mark.parametrize("claim", [
    # the way the quote has it
    "Councillor Ewan Marsh called for Captain Ruth Marsh to resign.",
    # a doer and an object of two surnames: the plain swap rule's, not this one's
    "Captain Ruth Marsh called for Councillor Ewan Hale to resign.",
])
def test_the_quotes_own_order_is_no_swap(claim: str) -> None:
    assert roles_swapped(claim, QUOTE) is None
