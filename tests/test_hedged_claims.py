"""A claim that hedges itself ("reportedly", "allegedly") reports rather than states, so a
source reporting someone saying it supports it, as it supports "X said P"
(agent.verification.claims.reports_itself): a data-breach newcomer's (session 62) "The
hackers reportedly demanded £1,500,000 in cryptocurrency" was left not_enough_info, "only
reported as a claim". Invented article; scripted fake model."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.verification.claims import reports_itself

RANSOM = {
    "a_wire.txt": ("Club hack: ransom demanded\nBy Ana Ruiz\nNovember 18, 2026\nShire Wire\n\n"
                   "Police said the hackers demanded £1.5m in cryptocurrency from Kelby "
                   "Athletic.\n"),
}


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "reports"), [
    ("The hackers reportedly demanded £1.5m from the club.", True),
    ("The treasurer allegedly took £40,000.", True),
    ("Police said the hackers demanded £1.5m.", True),
    ("Profit is expected to fall to £42m.", True),
    ("The hackers demanded £1.5m from the club.", False),
])
def test_a_hedged_claim_reports_itself(claim: str, reports: bool) -> None:
    assert reports_itself(claim) is reports


@pytest.mark.integration
@pytest.mark.parametrize(("claim", "verdict"), [
    ("The hackers reportedly demanded £1,500,000 in cryptocurrency from Kelby Athletic.",
     "supported"),
    ("The hackers demanded £1,500,000 in cryptocurrency from Kelby Athletic.",
     "not_enough_info"),
])
def test_a_report_supports_a_hedged_claim_only(make_app: Callable[..., App], claim: str,
                                               verdict: str) -> None:
    assert make_app(RANSOM, scripted=True).verifier().verify(claim).verdict == verdict
