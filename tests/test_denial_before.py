"""A denial of a clause ("Brackwell Stone denies it was ever told about a crack") is a denial,
and one printed just before a new account of the charge it answers ("Colleague Kieran Moss
told the jury he had flagged the crack ...") goes with that account into a summary (a
newcomer's quarry story, session 59: the summary printed the worker's account without the
company's denial). The articles are made up for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.text.analysis import analyze
from agent.text.polarity import denies_a_statement
from agent.text.responses import denial_after
from agent.text.sides import opposite_sides
from agent.types import Article

ArticleOf = Callable[..., Article]  # the conftest fixture `article_of`


@pytest.mark.unit
@pytest.mark.parametrize(("text", "denial"), [
    ("The ferry firm denies it was ever warned about the ramp.", True),
    ("The club denied that it had breached the rules.", True),
    ("He denied he was at the depot that night.", True),
    ("The trust denied that staff had been told to stay silent.", True),
    # a plain object is refused, not denied as a statement
    ("Police denied entry to the site.", False),
    ("The board denied its request for funding.", False),
])
def test_a_clause_denied_is_a_denial(text: str, denial: bool) -> None:
    assert denies_a_statement(text) is denial


CHARGE = "The ferry firm allegedly ignored a report of a loose ramp, the inquiry heard."
DENIAL = "Harwick Ferries denies it was ever told about a loose ramp."
ACCOUNT = "Deckhand Tom Hale told the inquiry he had reported the ramp to a supervisor."


@pytest.mark.unit
def test_a_denial_just_before_an_account_of_the_charge_answers_it(article_of: ArticleOf) -> None:
    article = article_of(CHARGE, DENIAL, ACCOUNT, "The inquiry continues.")
    found = denial_after(article, article.sentences[2])
    assert found is not None and found.text == DENIAL
    assert denial_after(article, article.sentences[2], used={DENIAL}) is None


@pytest.mark.unit
def test_a_denial_before_an_account_of_something_else_does_not(article_of: ArticleOf) -> None:
    other = "Deckhand Tom Hale told the inquiry the weather was calm that evening."
    article = article_of(CHARGE, DENIAL, other)
    assert denial_after(article, article.sentences[2]) is None


@pytest.mark.unit
def test_saying_a_thing_was_true_concedes_what_a_claimed_denial_denies() -> None:
    """The seeds' "Trump denied that he had proposed sending US troops to Mexico" (refuted)
    against "Trump said it was 'true' that he proposed sending the troops": once a clause
    denied is a denial, the claim is about the denial, and only the other side taken
    contradicts it."""
    claim = "Ms Orme denied that she had proposed closing the pier."
    sentence = "Ms Orme said it was \u201ctrue\u201d that she proposed closing the pier."
    assert denies_a_statement(claim)
    assert opposite_sides(analyze(claim), analyze(sentence))
    assert not opposite_sides(analyze(claim), analyze("Ms Orme said the pier would close."))
