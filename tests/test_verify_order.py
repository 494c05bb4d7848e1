"""Which sentences the verifier spends its few model calls on: those stating every figure of
the claim first (a dev story of session 20: "Ferrante has been given a two-year ban" came out
refuted because the outlet saying "for two years" was never judged, the budget spent on
sentences without the figure). Fake chat model and embedder, in-memory stores."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from scenarios import SUPPORTED

from agent.app import App
from agent.verification.verify import Verifier

if TYPE_CHECKING:
    from conftest import FakeChatModel

BAN = {
    "a_wire.txt": (
        "Keeper banned\n\n"
        "The keeper Callum Ferrante has been given a ban by the league after a failed test.\n"
        "The keeper Callum Ferrante has been banned for 18 months by the league.\n"
    ),
    "b_daily.txt": (
        "Two years out\n\n"
        "The league gave Callum Ferrante a two-year ban on Thursday.\n"
    ),
}


def test_the_model_is_asked_first_about_sentences_stating_the_claims_figures(
    make_app: Callable[..., App], fake_model: FakeChatModel
) -> None:
    app = make_app(BAN, replies=[SUPPORTED] * 10)
    v = Verifier(app.corpus, app.retriever, app.embedder, app.llm, max_calls=1)
    verdict = v.verify("Callum Ferrante has been given a two-year ban by the league.")
    first_pair = fake_model.calls[0][0][-1].content
    assert "two-year ban on Thursday" in str(first_pair)
    # the outlet with the claim's figure backs it, the other gives 18 months: both versions
    assert verdict.verdict == "conflicting", verdict.explanation
