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
from agent.types import Sentence
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



KETTLES = {
    "a_wire.txt": (
        "Kettle recall\n\n"
        "Only kettles with a blue base are affected, she said.\n"
        "Owners can get a refund or a free replacement by calling Brellmore on its helpline.\n"
        "Refunds will be paid within a month, the company said.\n"
    ),
}
REFUND = "Buyers of an affected kettle can get their money refunded."


@pytest.mark.integration
def test_a_passage_with_a_sentence_in_the_outlets_own_voice_is_no_mere_report(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A consumer-safety newcomer (session 63): "Buyers ... can get their money back" was
    backed by "..., she said." read with "Owners can get a refund ...", and the passage
    counted as only someone's words, so the claim came out not_enough_info."""
    app = make_app(KETTLES)
    v = Verifier(app.corpus, app.retriever, app.embedder, app.llm)
    v.confirmer = None
    monkeypatch.setattr(v, "judge_probs", lambda claim, sentence: {
        "supports": 0.9, "refutes": 0.05, "silent": 0.05})
    said, own, paid = app.corpus.article("a_wire").body_sentences[:3]

    def passage(a: Sentence, b: Sentence) -> list[str | None]:
        pairs = [("a_wire", s, compare(REFUND, s.text, 0.5)) for s in (a, b)]
        return [sig.attributed_to for _, _, sig in v._joint_passages(REFUND, {"a_wire": pairs},
                                                                     None, 0)]

    assert compare(REFUND, said.text, 0.5).attributed_to  # alone, only her words
    assert passage(said, own) == [None, None]
    # two reported sentences are still a report
    assert all(passage(said, paid))
