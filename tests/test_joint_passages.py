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
