"""The one sum of money two outlets' sentences each give, told in other words ("went missing
from its accounts" / "may have disappeared from its books"), is one measure
(agent.verification.measures.lone_sum): the story's differences show the dispute, and a
claim that gives one side of it is conflicting. Invented variants of a crime newcomer's
"about £1.5 million" / "as much as £2.4 million" (session 62)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.generation.differences import story_differences
from agent.types import Sentence
from agent.verification.measures import figures, lone_sum, same_measure

WIRE = ("The club's former treasurer has been charged after police began investigating "
        "allegations that about $3 million vanished from the supporters' fund, police said.")
DAILY = ("A club's former treasurer has appeared in court accused of fraud, amid claims that "
         "as much as $4.5 million may have disappeared from its accounts.")


def _s(article: str, text: str) -> Sentence:
    return Sentence(id=f"{article}:0", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


def _money(article: str, text: str) -> list:
    return [f for f in figures([(_s(article, text), article)]) if f.quantity.kind == "money"]


@pytest.mark.unit
def test_two_outlets_lone_sums_in_sentences_about_one_thing_are_one_measure() -> None:
    (a,), (b,) = _money("wire", WIRE), _money("daily", DAILY)
    assert lone_sum(a) and lone_sum(b)
    assert same_measure(a, b)


@pytest.mark.unit
def test_a_sentence_with_two_sums_or_about_another_thing_links_no_lone_sum() -> None:
    two = ("The club's former treasurer spent $80,000 of a $3 million fund, police said.")
    assert not any(lone_sum(f) for f in _money("wire", two))
    (b,) = _money("daily", DAILY)
    other = "The council's new sports hall cost $4 million to build last year."
    (c,) = _money("wire", other)
    assert lone_sum(c) and not same_measure(c, b)  # shares too few of the sentences' words


@pytest.mark.unit
def test_the_story_differences_show_the_two_sums() -> None:
    diffs = story_differences([(_s("wire", WIRE), "wire"), (_s("daily", DAILY), "daily")],
                              {"wire": "Delta Wire", "daily": "The Orrin Daily"}.get)
    assert len(diffs) == 1
    assert [side.outlets for side in diffs[0].sides] == [["Delta Wire"], ["The Orrin Daily"]]


FUND = {
    "a_wire.txt": ("Treasurer charged over missing club fund\nBy Ana Ruiz\nNovember 18, 2026\n"
                   "Delta Wire\n\n" + WIRE + "\nHe will appear in court next month.\n"),
    "b_daily.txt": ("Club treasurer in fraud case\nBy Tom Hale\nNovember 18, 2026\n"
                    "The Orrin Daily\n\n" + DAILY + "\nThe club said it was helping police.\n"),
}


@pytest.mark.integration
def test_a_claim_giving_one_side_of_the_sum_is_conflicting(
    make_app: Callable[..., App],
) -> None:
    verdict = make_app(FUND, scripted=True).verifier().verify(
        "About $3 million is said to have vanished from the supporters' fund.")
    assert verdict.verdict == "conflicting"
