"""A person named with the claim's surname after another given name is someone else
("Helena Marsh" of another university for "Elena Marsh": a newcomer trial, session 46):
the sentence cannot back the claim, alone or read with another."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.text.near_miss import near_miss_name
from agent.verification.checks import compare
from agent.verification.verify import Verifier


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "sentence", "other"), [
    # a newcomer trial (session 46): "Helena Marsh" of another university for "Elena Marsh"
    ("Ruth Okonjo signed the stadium lease in 2024.",
     "At Darrowby, chairwoman Ruthie Okonjo signed a similar stadium lease in 2024.", None),
    ("Ivan Castell scored twice in the final.",
     "His sister, striker Olga Castell, scored twice in the women's final.",
     "olga castell"),
    ("Dr Mara Lindqvist led the vaccine trial.",
     "The earlier trial was led by Professor Tomas Lindqvist of Uppsala.",
     "professor tomas lindqvist uppsala"),
])
def test_another_given_name_before_the_surname_is_another_person(
    claim: str, sentence: str, other: str | None,
) -> None:
    """A sentence naming the claim's surname after another given name is about someone
    else: it cannot back the claim's event. A short form ("Ruthie" for "Ruth") is the
    same person."""
    assert near_miss_name(claim, sentence) == other
    if other is not None:
        assert compare(claim, sentence, score=0.9).other_actor == other


@pytest.mark.unit
@pytest.mark.parametrize("sentence", [
    "Mayor Lindqvist led the vaccine trial.",  # an office, no given name
    "M. Lindqvist led the vaccine trial.",  # an initial
    "Mara Lindqvist and her brother Tomas Lindqvist led the trial.",  # the claim's own name
    "Lindqvist led the vaccine trial.",
])
def test_an_office_an_initial_or_the_name_itself_is_no_namesake(sentence: str) -> None:
    assert near_miss_name("Dr Mara Lindqvist led the vaccine trial.", sentence) is None


@pytest.mark.integration
def test_a_namesake_s_sentence_lends_no_event_to_a_passage(
    make_app: Callable[..., App],
) -> None:
    """"Elena Marsh said ..." + "... Helena Marsh closed the drama department" read as one
    passage put the claim's name beside the namesake's event (newcomer trial, session 46).
    The fake model backs every passage it is shown."""
    from scenarios import SUPPORTED

    from vectorstore.embeddings import MiniLMEmbedder

    article = ("Ferry cuts\n\n"
               "Harbour master Colin Bayliss said the crossing had lost money for years.\n"
               "A year ago at Portcullen, harbour master Colm Bayliss closed the night "
               "ferry after a similar loss.\n")
    app = make_app({"a.txt": article}, replies=[SUPPORTED] * 30, embedder=MiniLMEmbedder())
    v = Verifier(app.corpus, app.retriever, app.embedder, app.llm)
    v.trace = []
    verdict = v.verify("Colin Bayliss closed the night ferry at Portcullen.")
    assert verdict.verdict == "not_enough_info"
    assert not [t for t in v.trace if t["joint"]]


@pytest.mark.unit
@pytest.mark.parametrize(("claim", "sentence", "other"), [
    # a newcomer trial, session 47: "Halverd Power" backed a claim about Halverd Gas Networks
    ("Orrin Gas Networks is refunding 4,000 customers.",
     "Orrin Power is refunding 4,000 customers who were charged twice.", "orrin power"),
    ("The MV Kelda Star ran aground off Skye in 2023.",
     "The MV Kelda Spirit ran aground off Skye in 2023.", "mv kelda spirit"),
    # a word that tells the claim's name from the other is in the sentence: its own
    ("Harbour City Rovers won approval for the stadium.",
     "Harbour City Council approved the Rovers stadium plan.", None),
])
def test_a_sibling_entity_is_another_entity(claim: str, sentence: str,
                                            other: str | None) -> None:
    assert near_miss_name(claim, sentence) == other
    if other is not None:
        assert compare(claim, sentence, score=0.9).other_actor == other


@pytest.mark.unit
def test_a_sentence_about_a_near_miss_cannot_contradict_the_claim() -> None:
    # a newcomer trial: "Dunmore Coaches put our children on unsafe buses" refuted a claim
    # about the unconnected garage Dunmore Coachworks, on the model's p(refutes) 0.71
    from agent.verification.stance import combine, refute_gate

    sig = compare("Harwell Motorworks repaired the coaches that failed inspection.",
                  "Harwell Motors put our children on coaches that failed inspection.", 0.6)
    assert sig.other_actor is not None
    assert refute_gate(sig) == f"it is about {sig.other_actor}, not the claim's actor"
    assert combine({"refutes": 0.9, "supports": 0.05, "silent": 0.05}, sig) == "silent"
