"""A claim's figure in another format than its source's ("£1,200 million" / "£1.2bn"), and a
claim of what is expected: the gatherer reads the story for sentences stating the claim's
figures (agent.verification.gather, label "N"), since retrieval by words rarely ranks them;
"profit is expected to fall" is supported where a source reports someone expecting it
(agent.verification.claims.states_expectation). Both from a business newcomer (session 52).
Fakes: chat model, embedder."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from scenarios import SUPPORTED

from agent.app import App
from agent.verification.claims import states_expectation
from agent.verification.gather import EvidenceGatherer
from agent.verification.verify import Verifier

MakeApp = Callable[..., App]

MILL_ARTICLES = {
    "a_wire.txt": ("Kelby Mills cuts forecast\n\n"
                   "Kelby Mills, the flour miller, cut its forecast on Monday.\n"
                   "The company said it now expected annual profit of about £12m, down from "
                   "£19m.\n"
                   "Turnover is set to stay broadly flat at £2.4bn.\n"
                   "The miller employs 900 people at three sites.\n"),
    "b_local.txt": ("Mill town fears for jobs\n\n"
                    "Workers at the Kelby Mills site in Orlby heard the news at a meeting.\n"
                    "Its rival Harlow Grain also reported turnover of £2.4bn last year.\n"
                    "A wallaby named Pickle escaped from Orlby Farm Park with turnover of "
                    "£2.4bn at stake.\n"),
}


@pytest.mark.integration
def test_a_figure_in_another_format_is_gathered_from_the_story(make_app: MakeApp) -> None:
    app = make_app(MILL_ARTICLES)
    gatherer = EvidenceGatherer(app.corpus, app.retriever, app.embedder)
    found = gatherer.gather("Kelby Mills has annual turnover of around £2,400 million.")
    stating = [e.sentence.text for _, e in found if e.label == "N"]
    assert stating == ["Turnover is set to stay broadly flat at £2.4bn."]
    # the same figure of another thing, named or pointed back to, is no statement of it
    texts = {e.sentence.text for _, e in found}
    assert not any(t.startswith(("Its rival", "A wallaby")) for t in texts)
    # a claim without figures reads no story for them
    assert not [e for _, e in gatherer.gather("Kelby Mills employs staff.") if e.label == "N"]


@pytest.mark.parametrize(("claim", "expected"), [
    ("Kelby Mills' annual profit is expected to be about £12m.", True),
    ("Profit was forecast to fall to £12m.", True),
    ("Losses are now projected to reach £3m.", True),
    ("Kelby Mills' annual profit will be about £12m.", False),
    ("Kelby Mills expected nothing of the kind.", False),  # "X expected": X's statement
])
def test_a_claim_of_an_unnamed_expectation(claim: str, expected: bool) -> None:
    assert states_expectation(claim) is expected


@pytest.mark.integration
def test_an_expectation_is_supported_by_someone_reported_expecting_it(
    make_app: MakeApp,
) -> None:
    """Labelling rule 2, as for "X said P": a company's own expectation, reported, supports
    "profit is expected to ..."; the bare "profit will be ..." is only the company's claim."""
    app = make_app(MILL_ARTICLES, replies=[SUPPORTED] * 40)
    v = Verifier(app.corpus, app.retriever, app.embedder, app.llm)
    expected = v.verify("Kelby Mills' annual profit is expected to be about £12m.")
    assert expected.verdict == "supported"
    plain = v.verify("Kelby Mills' annual profit will be about £12m.")
    assert plain.verdict == "not_enough_info"
    assert "only report this as a claim made by the company" in plain.explanation
