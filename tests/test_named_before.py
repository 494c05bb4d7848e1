"""A place a claim names in full, which a sentence refers to by "the" and its last word, its
article naming it in full elsewhere (a newcomer's theatre story, session 58: "46 jobs are at
risk at the Lantern Playhouse" against "the playhouse said 46 jobs were now at risk" lacked
the claim's place, and the claim, which another outlet's 52 disputed, came out refuted). The
sentences are made up for these tests."""

from __future__ import annotations

import pytest

from agent.text.analysis import stems
from agent.verification.checks import compare

ARTICLE = ("The Dunley Lido will close for a year. The council said the lido needed repairs, "
           "and the lido's owners said 30 jobs were at risk.")
CLAIM = "Thirty jobs are at risk at the Dunley Lido."


@pytest.mark.unit
def test_a_place_named_by_its_last_word_is_the_claims() -> None:
    sig = compare(CLAIM, "The lido's owners said 30 jobs were at risk, the council said.",
                  0.8, article_terms=stems(ARTICLE))
    assert not sig.missing_numbers and sig.figures_stated


@pytest.mark.unit
@pytest.mark.parametrize(("sentence", "article"), [
    # the article never names the claim's place in full
    ("The lido's owners said 30 jobs were at risk, the council said.",
     "The Kelby Lido will close for a year. The lido's owners said 30 jobs were at risk."),
    # no "the" before the word: another lido
    ("A lido nearby said 30 jobs were at risk.", ARTICLE),
])
def test_otherwise_the_place_is_missing(sentence: str, article: str) -> None:
    sig = compare(CLAIM, sentence, 0.8, article_terms=stems(article))
    assert sig.missing_numbers
