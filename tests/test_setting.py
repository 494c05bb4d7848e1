"""The story's setting, left implied by a sentence that names no place: a claim's town is
no missing detail when the evidence article's headline, outlet or opening gives it and
neither the sentence nor the one before it names another place. Variants of a newcomer
trial's kind (session 67: "The temperature in Brenmouth fell to minus 6C on Tuesday night"
was not_enough_info against The Brenmouth Courier's "Temperatures dropped to minus six
degrees Celsius on Tuesday night"); none is a dev or seed sentence."""

from __future__ import annotations

import pytest

from agent.verification.checks import compare

SENTENCE = "The tide rose to 6.2 metres on Sunday, the highest this year."
# what agent.verification.gather.Evidence.article_lead gives: headline, outlet, opening
LEAD = "sea wall holds as tide peaks the port selby gazette families on the quay were moved."
ELSEWHERE = "sea wall holds as tide peaks the coast gazette families on the quay were moved."
TERMS = {"tide", "rose", "metr", "sunday", "highest", "year", "sea", "wall"}


@pytest.mark.unit
@pytest.mark.parametrize("claim", [
    # the place as the claim's setting, and as its subject's name
    "The tide rose to 6.2 metres in Port Selby on Sunday.",
    "Port Selby's tide rose to 6.2 metres on Sunday.",
])
def test_the_setting_of_the_article_is_implied(claim: str) -> None:
    assert not compare(claim, SENTENCE, lead=LEAD, article_terms=TERMS).missing_numbers
    # an article set elsewhere, or with no lead read, says nothing of Port Selby
    assert compare(claim, SENTENCE, lead=ELSEWHERE, article_terms=TERMS).missing_numbers


@pytest.mark.unit
def test_a_place_named_by_the_sentence_or_the_one_before_is_not_overruled() -> None:
    claim = "The tide rose to 6.2 metres in Port Selby on Sunday."
    assert compare(claim, "The tide rose to 6.2 metres in Kelby on Sunday.", lead=LEAD,
                   article_terms=TERMS).missing_numbers
    assert compare(claim, SENTENCE, context="Further up the coast, in Kelby, it was worse.",
                   lead=LEAD, article_terms=TERMS).missing_numbers
