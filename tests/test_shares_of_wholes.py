"""A count stated as a share of a whole ("nearly two-thirds of its 3.6 million customers")
states the share's part of the whole (agent.text.counted.shares_of_wholes): a claim of
"about 2.4 million customers" is stated by it, and the whole's 3.6 million is no rival of
the claim (a data-breach newcomer, session 62). Invented variants."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.text.counted import shares_of_wholes
from agent.text.quantities import quantities
from agent.verification.checks import compare

SHARE = "Hackers took the records of nearly two-thirds of its 900,000 members, the club said."


@pytest.mark.unit
@pytest.mark.parametrize(("text", "value"), [
    (SHARE, 600_000),
    ("About 40% of the 2,500 staff will lose their jobs.", 1_000),
    ("A quarter of its 12,000 tenants have complained.", 3_000),
])
def test_a_share_of_a_counted_whole_states_its_part(text: str, value: float) -> None:
    (part,) = shares_of_wholes(text, quantities(text))
    assert part.kind == "count" and abs(part.value - value) < 1


@pytest.mark.unit
@pytest.mark.parametrize("text", [
    "Two-thirds of members voted, and the club has 900,000 members.",  # no "of" between
    "About 40% of staff agreed; 2,500 jobs will go.",
])
def test_a_share_not_of_the_count_beside_it_states_nothing(text: str) -> None:
    assert shares_of_wholes(text, quantities(text)) == ()


@pytest.mark.unit
def test_the_claim_of_the_part_is_stated_and_the_whole_is_no_rival() -> None:
    sig = compare("About 600,000 members had their records taken.", SHARE, 0.8)
    assert not sig.conflicts and not sig.missing_numbers
    other = compare("About 450,000 members had their records taken.", SHARE, 0.8)
    assert [c.describe() for c in other.conflicts] == [
        "number: claim 450,000 vs source 600,000"]


CLUB = {
    "a_wire.txt": ("Club admits hack\nBy Ana Ruiz\nNovember 18, 2026\nShire Wire\n\n"
                   "Kelby Athletic said hackers took the records of about 600,000 members.\n"),
    "b_live.html": ("<html><head><title>Kelby Athletic hack</title></head><body><article>"
                    "<h1>Kelby Athletic hack</h1><p>November 18, 2026</p>"
                    f"<p>{SHARE.replace('its', 'Kelby Athletic’s')}</p></article></body></html>"),
}


@pytest.mark.integration
def test_a_share_of_the_whole_does_not_contradict_the_claim(
    make_app: Callable[..., App],
) -> None:
    verdict = make_app(CLUB, scripted=True).verifier().verify(
        "About 600,000 Kelby Athletic members had their records taken.")
    assert not [e for e in verdict.evidence if e.stance == "refutes"]


@pytest.mark.unit
def test_a_share_of_a_thing_sized_by_a_count_states_no_count() -> None:
    text = "The grant pays for two-thirds of the 240-bed hospital's running costs."
    assert shares_of_wholes(text, quantities(text)) == ()
