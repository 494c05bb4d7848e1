"""Two sentences of one article judged as one passage (agent.verification.verify,
`_joint_passages`) never include a sentence judged alone to contradict the claim: an
education newcomer's (session 53) "Harwood Park Primary School is affected by the closure
proposals" was supported by the trust's plan read with "Harwood Park Primary ... is not
affected by the proposals", the sentence that refutes it. Fake chat model and embedder."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from scenarios import SUPPORTED

from agent.app import App
from agent.verification.checks import compare
from agent.verification.verify import Verifier

SCHOOLS = {
    "a_live.txt": (
        "School to shut\n\n"
        "The trust confirmed on Monday that it wants to shut the Moor Lane school in August.\n"
        "Kelby Park Primary School is not affected by the closure plans, the council said.\n"
    ),
}
CLAIM = "Kelby Park Primary School is affected by the closure plans."


@pytest.mark.integration
def test_a_sentence_that_refutes_alone_lends_no_words_to_a_passage(
    make_app: Callable[..., App],
) -> None:
    app = make_app(SCHOOLS, replies=[SUPPORTED] * 20)
    v = Verifier(app.corpus, app.retriever, app.embedder, app.llm)
    plan, spared = app.corpus.article("a_live").body_sentences[:2]
    by_article = {"a_live": [("a_live", s, compare(CLAIM, s.text, 0.5)) for s in (plan, spared)]}
    v.trace = []
    assert not v._joint_passages(CLAIM, by_article, None, 0, refuting={spared.id})
    assert not v.trace  # the passage was never put to the model
    # without a sentence judged to refute alone, the two are judged together
    v.trace = []
    v._joint_passages(CLAIM, by_article, None, 0)
    assert [t["joint"] for t in v.trace] == [True]


CARDS = {
    "a_wire.txt": (
        "Club hack\n\n"
        "The data stolen from members included names, addresses and card expiry dates.\n"
        "The club said full card numbers and PINs were not taken.\n"
    ),
}


@pytest.mark.integration
def test_a_sentence_the_model_leans_to_refute_lends_no_words_to_a_passage(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A data-breach newcomer (session 62): "The bank said full card numbers and PINs were not
    taken" was judged refutes P 0.69, under the 0.7 that lets it refute, and then backed
    "Full card numbers and PINs were among the data stolen" read with the sentence before."""
    app = make_app(CARDS)
    v = Verifier(app.corpus, app.retriever, app.embedder, app.llm)
    v.confirmer = None

    def judged(claim: str, sentence: str) -> dict[str, float]:
        if "expiry dates" in sentence and "not taken" in sentence:
            return {"supports": 0.95, "refutes": 0.03, "silent": 0.02}  # the passage
        if "not taken" in sentence:
            return {"supports": 0.2, "refutes": 0.6, "silent": 0.2}
        return {"supports": 0.1, "refutes": 0.1, "silent": 0.8}

    monkeypatch.setattr(v, "judge_probs", judged)
    v.trace = []
    verdict = v.verify("Full card numbers and PINs were among the data stolen.")
    assert verdict.verdict != "supported"
    assert not any(t["joint"] for t in v.trace)  # the passage was never put to the model
