"""Pence written after a figure are money ("fell 78p to 332p"), not a count that another
count rivals: a business newcomer's (session 52) "Dunmarsh shares fell to 410p." was made
conflicting by "About 410 jobs will go" (agent.text.units)."""

from __future__ import annotations

import pytest

from agent.text.quantities import quantities
from agent.verification.checks import compare


@pytest.mark.parametrize(("text", "value", "said"), [
    ("Shares in Kelby Mills fell to 512p.", 5.12, "512p"),
    ("A first-class stamp will cost 95 pence.", 0.95, "95 pence"),
])
def test_pence_are_money(text: str, value: float, said: str) -> None:
    (q,) = [x for x in quantities(text) if x.kind == "money"]
    assert (q.kind, q.unit, round(q.value, 2), q.said) == ("money", "£", value, said)


def test_a_time_of_day_is_no_pence() -> None:
    assert [q.kind for q in quantities("The market opened at 8 p.m. and closed at 9pm.")] == [
        "time", "time"]


def test_a_share_price_is_set_against_a_price_not_a_count() -> None:
    claim = "Kelby Mills shares fell to 512p on Monday."
    assert [str(c) for c in compare(
        claim, "Kelby Mills shares fell 40p to 420p on Monday.").conflicts] == [
        "number: claim £5.12 vs source £4.20"]
    assert compare(claim, "About 512 jobs will go at Kelby Mills, the firm said on "
                          "Monday.").conflicts == []
