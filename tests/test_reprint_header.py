"""A paper's reprint of a wire story names the paper first, then the wire's headline, a long
byline crediting the agency and the paper's staff, and the date (a newcomer's theatre story,
session 58: the reprint had no title and no byline). Made-up pages."""

from __future__ import annotations

import pytest

from agent.ingest.clean import split_articles

REPRINT = ("Dunley Evening Star\n"
           "Pier to reopen after two-year repair\n"
           "By Ana Ruiz, Northern Wire Service, with additional reporting by Evening Star staff\n"
           "Wednesday, 3 March 2027\n\n"
           "Dunley's pier will reopen on Saturday after a two-year repair.\n\n"
           "The council said the work cost £2.4 million.\n")


@pytest.mark.unit
def test_a_headline_under_the_papers_name_is_the_title() -> None:
    (article,), _ = split_articles(REPRINT)
    assert article.outlet == "Dunley Evening Star"
    assert article.title == "Pier to reopen after two-year repair"
    assert article.byline is not None and article.byline.startswith("Ana Ruiz, Northern Wire")
    assert article.date == "Wednesday, 3 March 2027"
    assert len(article.paragraphs) == 2


@pytest.mark.unit
def test_a_body_sentence_opening_on_by_is_no_byline() -> None:
    page = ("Pier to reopen\nBy Ana Ruiz\nMarch 3, 2027\n\n"
            "By Tuesday, the council had voted to spend £2.4 million on the pier and its "
            "cafe, and traders had welcomed it.\n")
    (article,), _ = split_articles(page)
    assert article.byline == "Ana Ruiz"
    assert len(article.paragraphs) == 1
