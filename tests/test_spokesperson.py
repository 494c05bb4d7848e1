"""A spokesperson titled without a body ("Spokeswoman Elspeth Varley said ...") speaks for
the body the sentence before names ("The bureau rejected the criticism."): a claim "according
to" that body is reported by the sentence, and the cloze check of its names finds no other
actor (dev kelderby-fell-rescue: such a claim was left not_enough_info). The sentences are
made up for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.generation.name_context import another_speaker
from agent.text.actors import speaks_for
from agent.text.slots import proper_words
from agent.verification.checks import compare
from agent.verification.slots import SlotChecker

BODY = "Kelby Hospitals Trust"
CLAIM = "According to Kelby Hospitals Trust, Ward 9 reopened to patients on Monday."
SENTENCE = "Spokesman Tom Hale said Ward 9 reopened to patients on Monday."


@pytest.mark.unit
@pytest.mark.parametrize(("sentence", "before"), [
    (SENTENCE, "The trust defended its record."),
    (SENTENCE, "Kelby Hospitals Trust defended its record."),
    ("Tom Hale, a spokesman, said Ward 9 reopened on Monday.", "The trust defended its record."),
    ("Spokeswoman Ana Ruiz said the ward was open.", "The trust said little at first."),
])
def test_a_spokesperson_after_the_body_speaks_for_it(sentence: str, before: str) -> None:
    name = "Ana Ruiz" if "Ruiz" in sentence else "Tom Hale"
    assert speaks_for(BODY, name, sentence, before)


@pytest.mark.unit
@pytest.mark.parametrize(("body", "sentence", "before"), [
    # the sentence before names another body
    (BODY, SENTENCE, "The council rejected the criticism."),
    # the spokesperson's own body is named
    (BODY, "Tom Hale, a spokesman for the union, said the ward reopened.",
     "The trust defended its record."),
    (BODY, "Spokesman Tom Hale for Unison said the ward reopened.", "The trust defended it."),
    # no spokesperson: a councillor is no voice of the trust
    (BODY, "Councillor Tom Hale said Ward 9 reopened.", "The trust defended its record."),
    # a one-word body is too vague
    ("Police", SENTENCE, "Police defended their record."),
])
def test_otherwise_it_does_not(body: str, sentence: str, before: str) -> None:
    assert not speaks_for(body, "Tom Hale", sentence, before)


@pytest.mark.unit
def test_the_title_the_model_keeps_is_read_off() -> None:
    assert speaks_for(BODY, "Spokesman Tom Hale", SENTENCE, "The trust defended its record.")


@pytest.mark.unit
def test_the_claims_speaker_is_the_sentences() -> None:
    assert compare(CLAIM, SENTENCE, 0.8, context="The trust defended its record.").same_speaker
    assert not compare(CLAIM, SENTENCE, 0.8,
                       context="The council rejected the criticism.").same_speaker


@pytest.mark.integration
@pytest.mark.parametrize(("before", "conflict"), [
    (("The trust defended its record.",), False),
    (("The council rejected the criticism.",), True),
    ((), True),
])
def test_the_cloze_check_finds_no_other_actor_in_the_bodys_spokesperson(
    make_app: Callable[..., App], before: tuple[str, ...], conflict: bool,
) -> None:
    app = make_app(replies=['{"answer": "Tom Hale"}'])
    known = proper_words([SENTENCE, "He spoke for Kelby Hospitals Trust."])
    finding, _ = SlotChecker(app.llm).check(CLAIM, SENTENCE, budget=1, known_names=known,
                                            preceding=before)
    assert (finding is not None) is conflict


@pytest.mark.unit
@pytest.mark.parametrize(("sentence", "speaks"), [
    ("Tom Hale, for hospital operator Kelby Hospitals Trust, insisted the ward was safe.", True),
    ("Tom Hale, representing the trust, told the hearing the ward was safe.", True),
    ("Tom Hale, acting for Kelby Hospitals Trust, said the ward was safe.", True),
    ("Tom Hale, for the union, insisted the ward was unsafe.", False),
    ("Tom Hale said the trust had been warned.", False),
])
def test_someone_put_at_the_bodys_service_speaks_for_it(sentence: str, speaks: bool) -> None:
    assert speaks_for(BODY, "Tom Hale", sentence) is speaks


@pytest.mark.unit
@pytest.mark.parametrize(("quote", "other"), [
    ("Tom Hale, for hospital operator Kelby Hospitals Trust, insisted the ward was safe.",
     False),
    ("Tom Hale, for the union, insisted the ward was unsafe.", True),
])
def test_an_answer_quoting_the_bodys_advocate_quotes_the_body(quote: str, other: bool) -> None:
    question = "What does Kelby Hospitals Trust say about the ward?"
    assert another_speaker(question, [quote]) is other


@pytest.mark.unit
def test_a_speaker_titled_by_the_asked_body_speaks_for_it() -> None:
    # a newcomer's strike story (session 66): "How did Brackwater respond to the accusation
    # ...?" abstained beside "Brackwater spokesperson Alan Pryce denied the accusation"
    asked = "How did Hexmoor respond to the complaint that it cut staff?"
    assert not another_speaker(asked, ["Hexmoor spokesperson Ruth Lane denied the claim, "
                                       "saying no staff had been cut."])
    assert not another_speaker(asked, ["Hexmoor's chief executive Ana Ruiz said no jobs went."])
    assert another_speaker(asked, ["Union official Ruth Lane said the cuts were real."])
