"""A claim's subject may open on a figure in words ("Nineteen-year-old Jonah Pell"): the figure
is compared as a figure, and only the subject's name words must be in the sentence's article
(dev dunmere-keeper-ban: the article writes "19-year-old Jonah Pell", and the claim's
"nineteen" was a missing subject word, so no sentence could support it). The sentences
are made up for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from agent.text.analysis import stems
from agent.verification.checks import compare

ARTICLE = ("Kelby Rovers will hand 18-year-old Sam Orme his first senior start against Deane "
           "United tomorrow after the first-choice keeper was injured.")
FRIDAY = date(2026, 10, 9)


@pytest.mark.unit
@pytest.mark.parametrize("claim", [
    "Eighteen-year-old Sam Orme was set to start in goal against Deane United on Saturday.",
    "Eighteen-year-old Sam Orme will start against Deane United.",
])
def test_a_subjects_figure_in_words_is_no_missing_name(claim: str) -> None:
    sig = compare(claim, ARTICLE, 0.7, article_terms=stems(ARTICLE), published=FRIDAY)
    assert not sig.missing_numbers


@pytest.mark.unit
def test_the_subjects_name_must_still_be_in_the_article() -> None:
    claim = "Eighteen-year-old Tom Hale will start against Deane United."
    sig = compare(claim, ARTICLE, 0.7, article_terms=stems(ARTICLE), published=FRIDAY)
    assert sig.missing_numbers


@pytest.mark.unit
def test_another_age_is_still_a_rival() -> None:
    claim = "Twenty-year-old Sam Orme will start against Deane United."
    sig = compare(claim, ARTICLE, 0.7, article_terms=stems(ARTICLE), published=FRIDAY)
    assert sig.conflicts or sig.missing_numbers
