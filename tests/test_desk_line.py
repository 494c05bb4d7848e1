"""Header lines a newcomer trial (session 59) lost: a paper's name line with a desk label after
a plain hyphen, opening the file before its headline ("The Northern Voice - Comment" was read
as the title, and the piece had no outlet), and a Markdown front-matter title ending in a
quoted phrase (its closing mark was cut). The articles are made up for these tests."""

from __future__ import annotations

import pytest

from agent.ingest.clean import split_articles
from agent.ingest.extract import extract_markdown

BODY = ("Ferry passengers waited for hours on the pier on Friday night. The operator has "
        "still not explained why the crossing was cancelled.")


@pytest.mark.unit
@pytest.mark.parametrize("desk", ["The Harbour Voice - Comment", "The Harbour Voice — Opinion",
                                  "Kelby Weekly – Editorial"])
def test_a_desk_labelled_name_line_is_the_outlet(desk: str) -> None:
    text = (f"{desk}\nThe pier fiasco shows who really runs our ferries\nBy Ann Lee\n"
            f"Friday 6 March 2026\n\n{BODY}\n")
    article = split_articles(text)[0][0]
    assert article.outlet == desk
    assert article.title == "The pier fiasco shows who really runs our ferries"


@pytest.mark.unit
def test_a_headline_with_a_dash_is_still_a_headline() -> None:
    text = f"Pier chaos - passengers stranded\nBy Ann Lee\nFriday 6 March 2026\n\n{BODY}\n"
    article = split_articles(text)[0][0]
    assert article.title == "Pier chaos - passengers stranded" and article.outlet is None


@pytest.mark.unit
@pytest.mark.parametrize(("value", "title"), [
    ("Skipper's mate 'warned of engine fault'", "Skipper's mate 'warned of engine fault'"),
    ("'Ferry cancelled again'", "Ferry cancelled again"),
    ('"Ferry cancelled again"', "Ferry cancelled again"),
])
def test_a_front_matter_value_loses_only_a_pair_of_quotes(value: str, title: str) -> None:
    text = f"---\ntitle: {value}\noutlet: Kelby Weekly\n---\n\n{BODY}\n"
    assert extract_markdown("a.md", text).articles[0].title == title
