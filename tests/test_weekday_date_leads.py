"""A weekday's own date is part of it, not another figure of a difference line's lead
(agent.generation.difference_leads.figure_lead): "The ballot closed on Friday 20 November"
leads "Outlets differ: ... (A) vs Monday (B)". A newcomer's strike ballot (session 70) got
"Outlets differ on the day: Friday (A) vs Monday (B)", which never said what closed.
Invented wordings in other domains."""

from __future__ import annotations

import pytest

from agent.generation.difference_leads import figure_lead
from agent.generation.differences import story_differences
from agent.types import Sentence

NAMES = {"echo": "The Evening Echo", "wire": "Delta Wire"}


def _s(article: str, text: str) -> Sentence:
    return Sentence(id=f"{article}:0", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


@pytest.mark.parametrize(("sentence", "said", "lead"), [
    ("The ballot closed on Friday 20 November.", "Friday",
     "The ballot closed on Friday 20 November"),
    ("The consultation ended on Monday, March 9, the council said.", "Monday",
     "The consultation ended on Monday, March 9, the council said"),
    ("The bridge reopened on Sunday 3rd May to cars only.", "Sunday",
     "The bridge reopened on Sunday 3rd May to cars only"),
])
def test_a_weekdays_own_date_is_part_of_it(sentence: str, said: str, lead: str) -> None:
    assert figure_lead(sentence, said) == lead


def test_another_date_is_still_another_figure() -> None:
    assert figure_lead("The ballot closed on Friday, two days after 20 November.", "Friday") == ""


def test_the_line_says_what_the_day_is_of() -> None:
    items = [(_s("echo", "The ferry service resumed on Friday 20 November."), "echo"),
             (_s("wire", "The ferry service resumed on Monday."), "wire")]
    (diff,) = story_differences(items, NAMES.__getitem__)
    assert diff.text() == ("Outlets differ: The ferry service resumed on Friday 20 November "
                           "(The Evening Echo) vs Monday (Delta Wire).")
