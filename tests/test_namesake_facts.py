"""A name spelt nearly alike with a figure of its own (agent.verification.verify
`_check_names`): another entity's fact, not a substitution (a newcomer's court story,
session 50). Scripted fake model, in-memory stores; the story is made up for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.verification.verify import Verifier

MakeApp = Callable[..., App]


def _verifier(app: App) -> Verifier:
    return Verifier(app.corpus, app.retriever, app.embedder, app.llm)


CARE = {
    "wire.txt": (
        "Care group fined\nBy Staff\n\n"
        "The watchdog fined Tarrow Care Group £85,000 in 2025 over missed checks. "
        "Tarrow Care Group employs about 140 staff at its three homes in Kelby. "
        "Its chief executive said the checks were now done weekly."
    ),
}


@pytest.mark.integration
def test_a_namesakes_own_figure_is_another_entitys_fact_not_a_substitution(
    make_app: MakeApp,
) -> None:
    """A newcomer's court story: "Brackenbridge Homecare employs thirty carers" was refuted
    by "Brackenridge Care Homes ... employs about 140 staff" (a holder conflict). A name
    spelt nearly alike with a figure the claim's does not match tells another entity's fact:
    not_enough_info. With the claim's figure, the namesake did the claim's event: refuted."""
    verifier = _verifier(make_app(CARE, scripted=True))
    v = verifier.verify("Tarow Health employs thirty staff at its three homes in Kelby.")
    assert v.verdict == "not_enough_info"
    assert not any("holder" in s for e in v.evidence for s in e.signals)
    fined = verifier.verify(
        "The watchdog fined Tarow Health £85,000 in 2025.")
    assert fined.verdict == "refuted"
    assert any("name: claim Tarow Health vs source Tarrow Care Group" in s
               for e in fined.evidence for s in e.signals)


PARKS = {
    "wire.txt": (
        "Lynx recaptured\nBy Staff\n\n"
        "Harwick Wildlife Park is home to more than 300 animals. "
        "Its lynx was recaptured on Wednesday in woodland east of the village."
    ),
}


@pytest.mark.integration
def test_a_namesake_in_a_sentence_saying_nothing_of_the_claims_predicate_is_no_rival(
    make_app: MakeApp,
) -> None:
    """Dev brantwick c06: "Brantwick Farm Park keeps no big cats" was refuted by
    "Brantwick Wildlife Park is home to more than 300 animals", the model having filled the
    cloze with the wildlife park. A sentence with none of the words of what the claim says
    of its subject tells the namesake's own fact: not_enough_info, no holder conflict. A
    namesake doing the claim's very deed still refutes."""
    from vectorstore.embeddings import MiniLMEmbedder

    verifier = _verifier(make_app(PARKS, scripted=True, embedder=MiniLMEmbedder()))
    v = verifier.verify("Harwick Farm Park keeps no big cats.")
    assert v.verdict == "not_enough_info"
    assert not any("holder" in s for e in v.evidence for s in e.signals)
    deed = _verifier(make_app({"post.txt": (
        "Lynx recaptured\nBy Staff\n\nHarwick Wildlife Park keeps no big cats, its owner said "
        "on Wednesday after the escape.")}, scripted=True, embedder=MiniLMEmbedder()))
    refuted = deed.verify("Harwick Farm Park keeps no big cats.")
    assert any("name:" in s for e in refuted.evidence for s in e.signals)
