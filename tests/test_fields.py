"""Header lines that name their field ("Outlet: ...", agent.ingest.fields), read as that
field without the label, in any order (a newcomer trial's articles kept "Date: 2026-11-24"
as their date and lost their authors)."""

from __future__ import annotations

import pytest

from agent.ingest.clean import split_articles
from agent.ingest.fields import labelled_field
from agent.text.dates import publication_date

BODY = ("A quarry firm has withdrawn its plan to extend blasting hours at Holt Edge, the "
        "county council said on Monday.\n\nResidents had collected more than 900 signatures "
        "against the plan over the summer.\n")


@pytest.mark.parametrize("header", [
    "Title: Quarry firm drops blasting plan\nOutlet: Holt Valley Echo\nAuthor: Sam Price\n"
    "Date: 2026-11-24\n",
    # another order, other labels
    "Date: 2026-11-24\nBy: Sam Price\nHeadline: Quarry firm drops blasting plan\n"
    "Publication: Holt Valley Echo\n",
])
def test_labelled_header_lines_fill_their_fields(header: str) -> None:
    text = header + "\n" + BODY
    (art,), _ = split_articles(text)
    assert (art.title, art.outlet, art.byline, art.date) == (
        "Quarry firm drops blasting plan", "Holt Valley Echo", "Sam Price", "2026-11-24")
    assert publication_date(art.date) is not None
    # the article's span still covers its header, from the first value
    assert text[art.start:].startswith(("Quarry", "2026"))


@pytest.mark.parametrize("line", [
    "Source: police said the road had been closed for most of the afternoon while officers "
    "searched the verges for the missing walker, who was found safe.",
    "Sources say the deal is close.",
    "Date night at the cinema was cancelled.",
])
def test_a_sentence_that_opens_like_a_label_is_no_field(line: str) -> None:
    assert labelled_field(line) is None
