"""The yes/no confirmation of a support (agent.verification.confirm): the stance label alone
leans to "supports" on any sentence about the claim's topic, so a support also needs the
model to answer "yes" when asked whether the sentence says the claim."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from scenarios import STRIKE_ARTICLES, SUPPORTED

from agent.app import App
from agent.verification.confirm import as_statement
from agent.verification.verify import Verifier

if TYPE_CHECKING:
    from conftest import FakeChatModel

MakeApp = Callable[..., App]
STATED = "The harbour workers union ended its strike on Tuesday"


def _confirm_calls(chat: FakeChatModel) -> int:
    return sum("Does the sentence say that" in str(messages[-1].content)
               for messages, _ in chat.calls)


def _verifier(app: App) -> Verifier:
    return Verifier(app.corpus, app.retriever, app.embedder, app.llm)


def test_a_support_the_model_does_not_confirm_is_no_support(
    make_app: MakeApp, make_fake_model: Callable[..., FakeChatModel]
) -> None:
    doubting = make_fake_model()
    doubting.confirm = "unknown"
    v = _verifier(make_app(STRIKE_ARTICLES, chat=doubting, replies=[SUPPORTED] * 30)).verify(STATED)
    assert v.verdict == "not_enough_info"
    assert _confirm_calls(doubting) >= 1
    assert any("did not confirm" in note for e in v.evidence for note in e.signals)
    # with the P("yes") it gave, beside the label's P(supports) (a newcomer, session 60)
    assert any(re.search(r"did not confirm it \(P\(yes\)=0\.\d\d\)", note)
               for e in v.evidence for note in e.signals)


def test_a_confirmed_support_stands(
    make_app: MakeApp, make_fake_model: Callable[..., FakeChatModel]
) -> None:
    agreeing = make_fake_model()
    v = _verifier(make_app(STRIKE_ARTICLES, chat=agreeing, replies=[SUPPORTED] * 30)).verify(STATED)
    assert v.verdict == "supported"
    assert _confirm_calls(agreeing) >= 1


def test_what_someone_said_is_not_asked_as_a_question(
    make_app: MakeApp, make_fake_model: Callable[..., FakeChatModel]
) -> None:
    """'Does the sentence say that Benz said ...' read wrongly on the dev stories: a claim
    about someone's words keeps the stance label's support."""
    doubting = make_fake_model()
    doubting.confirm = "no"
    app = make_app(STRIKE_ARTICLES, chat=doubting, replies=[SUPPORTED] * 30)
    v = _verifier(app).verify("Paul Benz said the city is broke")
    assert v.verdict == "supported"
    assert _confirm_calls(doubting) == 0


def test_the_claim_reads_on_after_say_that() -> None:
    assert as_statement("The council met on Tuesday.") == "the council met on Tuesday."
    assert as_statement("An inquiry was opened.") == "an inquiry was opened."
    assert as_statement("Lena Ortiz spoke in Lyon.") == "Lena Ortiz spoke in Lyon."
    assert as_statement("") == ""


def test_a_support_the_question_answers_no_to_refutes(
    make_app: MakeApp, make_fake_model: Callable[..., FakeChatModel]
) -> None:
    """The three-way label's "supports" on a sentence that covers the claim, where the
    yes/no question says the sentence cannot be true with it ("voted to end" for "voted to
    keep"): the label read the topic, the question the content."""
    contradicting = make_fake_model()
    contradicting.confirm = "no"
    app = make_app(STRIKE_ARTICLES, chat=contradicting, replies=[SUPPORTED] * 30)
    v = _verifier(app).verify(STATED)
    assert v.verdict == "refuted"
    assert _confirm_calls(contradicting) >= 1
