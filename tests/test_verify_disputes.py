"""A claim that takes one side of a disputed figure is conflicting (labelling rule 1): the
sentence giving the claim's value is gathered as an anchor (agent.verification.gather,
measures.figure_disputes) and counted by verdicts.decide. Fakes: chat model, embedder."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.verification.verdicts import GIVES_FIGURE
from agent.verification.verify import Verifier

MakeApp = Callable[..., App]


def verifier(app: App) -> Verifier:
    return Verifier(app.corpus, app.retriever, app.embedder, app.llm)


HOARD_ARTICLES = {
    "a_wire.txt": ("Coin hoard declared treasure\n\n"
                   "A hoard of 1,146 Roman coins found by two detectorists near Orlby has been "
                   "declared treasure by the coroner.\n"),
    "b_comment.txt": ("A find to treasure\n\n"
                      "What a week for our village.\n"
                      "More than 1,300 Roman coins, silver and gold, lay in a jar near Orlby for "
                      "sixteen centuries before two detectorists brought them back.\n"),
    "c_talk.txt": ("Pay talks stall\n\n"
                   "At Orlby the operator has offered its security staff a 4.5 per cent rise.\n"),
    "d_post.txt": ("Pay rise elsewhere\n\n"
                   "Down the road at Kelby, security staff won a 6 per cent rise last month.\n"),
}
NOT_ENOUGH = '{"label": "not_enough_info"}'


@pytest.mark.integration
def test_a_claim_taking_one_side_of_a_disputed_figure_is_conflicting(
    make_app: MakeApp,
) -> None:
    """The comment piece gives the claim's figure in a sentence that says more than the claim
    (the model leaves it silent); the wire contradicts it. Labelling rule 1: conflicting."""
    app = make_app(HOARD_ARTICLES, replies=[NOT_ENOUGH] * 30)
    v = verifier(app).verify("The Orlby hoard contains more than 1,300 coins.")
    assert v.verdict == "conflicting"
    assert "b_comment gives the claim's figure, a_wire contradicts it" in v.explanation
    # both sides are quoted: the sentence giving the claim's figure is marked as such
    # (a newcomer saw only the contradicting outlet)
    (given,) = [e for a in v.atomic for e in a.evidence if GIVES_FIGURE in e.signals]
    assert given.citation.source == "b_comment" and "1,300" in given.citation.quote
    # a figure of something else the claim does not name (Kelby's deal) is no side of it
    v = verifier(app).verify("Last month Orlby's security staff agreed a 6 per cent rise.")
    assert v.verdict == "refuted"
