"""A denial pointing back ("Seabright Leisure rejected the accusation.") answers the charge
just before it, not a plain statement before that charge (agent.text.responses.
denial_after); and alone it names nothing it denies (`points_back`). A newcomer's pier
collapse (session 70) had "According to Okafor, the engineers rated the piles poor" printed
in the story summary with that denial after it, the accusation itself left out. Invented
articles in other domains."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.text.responses import denial_after, points_back
from agent.types import Article

ArticleOf = Callable[..., Article]  # the conftest fixture `article_of`

STATEMENT = "The head teacher, Ann Dray, said the inspection had rated the roof poor."
CHARGE = "Dray accused the trust of sitting on the report for a year."
DENIAL = "The trust rejected the accusation."


def test_a_denial_answers_the_charge_between(article_of: ArticleOf) -> None:
    article = article_of(STATEMENT, CHARGE, DENIAL)
    statement, charge, _ = article.body_sentences
    assert denial_after(article, statement) is None
    assert denial_after(article, charge) is not None


def test_a_charge_backed_by_its_spokesman_is_one_charge(article_of: ArticleOf) -> None:
    article = article_of("The drivers' union accused the depot of ignoring brake faults.",
                       '"We raised it months ago," said Tom Reyes, the union\'s rep.',
                       "The company rejected the accusation.")
    charge = article.body_sentences[0]
    found = denial_after(article, charge)
    assert found is not None and found.text == "The company rejected the accusation."


def test_a_denial_that_says_what_it_denies_answers_a_statement(article_of: ArticleOf) -> None:
    article = article_of(STATEMENT, CHARGE, "The trust denied that the roof had been neglected.")
    assert denial_after(article, article.body_sentences[0]) is not None


@pytest.mark.parametrize(("text", "back"), [
    ("Seabright Leisure rejected the accusation.", True),
    ("The council rejected the claims by campaigners.", True),
    ("The firm denied the allegations of fraud.", False),
    ("The firm denied the accusation that it ignored the report.", False),
    ("The trust denied that the roof had been neglected.", False),
])
def test_a_denial_of_an_untold_accusation_points_back(text: str, back: bool) -> None:
    assert points_back(text) is back
