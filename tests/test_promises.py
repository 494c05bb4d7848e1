"""A promise is words about what will be (agent.verification.claims.attribution_of): "X has
promised that none of the 132 staff will be made redundant" is X's statement, and an article
reporting X saying it supports it, as it supports "X said P". Variants of a fresh dev claim's
kind (session 68: "Harlowmere's chief executive has promised that none of Wexcombe's 132
employees will be made compulsorily redundant ..." beside "He also said there would be no
compulsory redundancies ...", not_enough_info), of a newcomer's "has promised ... £150", and
of a second newcomer's source (session 68), whose "Interim chief executive Aileen Marsh
promised that every customer ... would receive a full refund" was read as no one's words.
Invented sentences and articles; scripted fake model."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.text.speakers import attribution
from agent.verification.claims import attribution_of


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "speaker", "content"), [
    ("The mayor vowed that the depot would stay open.", "The mayor",
     "the depot would stay open"),
    ("Kelby Water has pledged that bills will not rise this year.", "Kelby Water",
     "bills will not rise this year"),
    ("The club's owner promises that season tickets will be refunded.", "The club's owner",
     "season tickets will be refunded"),
])
def test_a_promise_that_p_reports_p(claim: str, speaker: str, content: str) -> None:
    found = attribution_of(claim)
    assert found is not None and (found.speaker, found.content) == (speaker, content)


@pytest.mark.unit
@pytest.mark.parametrize("claim", [
    # an undertaking, a gift or a noun: no clause anyone said
    "The ferry company has promised to compensate every passenger.",
    "The minister pledged £2m to the flood fund.",
    "After years of promises, the council has opened the bridge.",
    "Its promised review of lending will take until next summer.",
])
def test_a_promise_without_that_reports_nothing(claim: str) -> None:
    assert attribution_of(claim) is None


DEPOT = {
    "a_wire.txt": ("Depot sold\nBy Ana Ruiz\nNovember 18, 2026\nShire Wire\n\n"
                   "Marlow Freight bought the Kelby depot on Monday. Its chief executive, "
                   "Tom Ruddock, said the site would stay open. He also said there would be "
                   "no job losses among the depot's 80 staff for at least a year.\n"),
}


@pytest.mark.integration
@pytest.mark.parametrize(("claim", "verdict"), [
    ("Tom Ruddock has promised that none of the depot's 80 staff will lose their jobs for "
     "at least a year.", "supported"),
    # the same words as a fact: only Ruddock's say-so
    ("None of the depot's 80 staff will lose their jobs for at least a year.",
     "not_enough_info"),
])
def test_a_report_of_the_promise_supports_it(make_app: Callable[..., App], claim: str,
                                             verdict: str) -> None:
    assert make_app(DEPOT, scripted=True).verifier().verify(claim).verdict == verdict


@pytest.mark.unit
@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Chief executive Ana Ruiz promised that every customer would get a refund.", "Ana Ruiz"),
    ("The council has pledged that the library will stay open.", "someone"),
    ("Ana Ruiz promised to refund every customer.", None),
])
def test_a_source_that_promises_that_p_reports_p(sentence: str, speaker: str | None) -> None:
    assert attribution(sentence) == speaker


REFUND = {
    "a_wire.txt": ("Cheese recalled\nBy Ana Ruiz\nNovember 18, 2026\nShire Wire\n\n"
                   "Kelby Dairy recalled its blue cheese on Monday. Interim chief executive "
                   "Rosa Lind promised that every customer who bought the cheese would "
                   "receive a full refund.\n"),
}


@pytest.mark.integration
def test_a_source_promising_it_supports_the_promise(make_app: Callable[..., App]) -> None:
    claim = ("Rosa Lind has promised that every customer who bought the cheese will receive a "
             "full refund.")
    assert make_app(REFUND, scripted=True).verifier().verify(claim).verdict == "supported"
