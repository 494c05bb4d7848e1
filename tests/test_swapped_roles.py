"""Who did it and to whom, turned around (agent.text.actors.roles_swapped): "The trust has
accused the nurses" where the source says "Striking nurses have accused the trust". Session
44's newcomer saw an answer draft "The company has accused the company of ignoring
complaints". Word overlap cannot see it; the verifier does not support such a claim and the
answerer drops such a sentence. Invented sentences in other domains."""

from __future__ import annotations

import pytest

from agent.text.actors import roles_swapped
from agent.text.lexicon import verb_lemmas
from agent.verification.checks import compare
from agent.verification.stance import combine

QUOTE = "Striking nurses have accused the trust of ignoring staffing warnings for a year."


@pytest.mark.unit
@pytest.mark.parametrize(("sentence", "quote", "doer"), [
    ("The trust has accused the nurses of ignoring staffing warnings.", QUOTE,
     "striking nurses"),
    ("The visitors defeated Carrow Town 3-1.",
     "Carrow Town defeated the visitors 3-1 on Saturday.", "carrow town"),
    ("Hallin Mining sued the regulator last year.",
     "The regulator sued Hallin Mining last year over the spill.", "the regulator"),
    # the same doer, or a doer named both sides
    ("Striking nurses accused the trust of ignoring warnings.", QUOTE, None),
    # a passive on either side
    ("The trust was accused by nurses of ignoring warnings.", QUOTE, None),
    ("Two men were arrested by police.", "Police arrested two men in Farley.", None),
    ("Ardmoor makes the drug.", "AT-311 is an inhaled drug made by Ardmoor.", None),
    # the same doer in other words: the doer's word after the verb is the attribution's
    ("The fire destroyed 1,500 tonnes of plastic.",
     "The flames destroyed an estimated 1,500 tonnes of plastic, the fire service said.",
     None),
    # reported speech, the speaker last
    ("The mayor said the plan was fair.", "The plan was fair, the mayor said.", None),
    # what follows a verb of speech is its clause, not the one it is done to
    ("Sheinbaum said the US should act.",
     "President Donald Trump said President Claudia Sheinbaum rejected his offer.", None),
    ("Pellow told the jury the payments were loans.",
     "Prosecutor Fiona Hartley told the jury that Pellow moved charity money.", None),
    # a pronoun is no other doer
    ("The trust accused the nurses.", "They accused the trust of lying.", None),
])
def test_a_swap_of_doer_and_done_to_is_found(sentence: str, quote: str,
                                             doer: str | None) -> None:
    assert roles_swapped(sentence, quote) == doer


@pytest.mark.unit
def test_verb_forms_come_from_the_lexicon() -> None:
    assert verb_lemmas("accused") == {"accuse"}
    assert verb_lemmas("spectators") == frozenset()


@pytest.mark.unit
def test_a_claim_with_roles_swapped_is_not_supported() -> None:
    claim = "Hallin Mining sued the regulator over the spill."
    sig = compare(claim, "The regulator sued Hallin Mining last year over the spill.")
    assert sig.other_actor == "the regulator"
    assert combine("supports", sig) == "silent"
    # told the right way round, it is
    right = compare("The regulator sued Hallin Mining over the spill.",
                    "The regulator sued Hallin Mining last year over the spill.")
    assert right.other_actor is None
