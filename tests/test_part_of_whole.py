"""A count of a counted whole ("at 41 of 60 sampling sites") is a part, and the whole it
names is the sentence's count of the group: a science newcomer (session 60) saw the wire's
"41 of 60 sampling sites" taken for no side of "60 sites" against another outlet's "48
sites", and the story summary left out the study's main finding."""

from __future__ import annotations

import pytest

from agent.text.analysis import analyze
from agent.types import Sentence
from agent.verification.measures import figures, same_measure


def _s(article: str, text: str) -> Sentence:
    return Sentence(id=f"{article}:0", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


@pytest.mark.parametrize(("text", "counts"), [
    ("Nitrates were above the limit at 31 of 50 sampling points.", [(31, True), (50, False)]),
    ("Three of five judges agreed.", [(3, True), (5, False)]),
    ("About 40 of its 1,200 staff were hit.", [(40, True), (1200, False)]),
    ("Four of the papers were withdrawn.", [(4, True)]),
])
def test_a_count_before_of_and_another_count_is_a_part(text: str,
                                                      counts: list[tuple[int, bool]]) -> None:
    assert [(q.value, q.part) for q in analyze(text).quantities] == counts


def test_the_whole_is_the_rival_of_another_outlet_s_whole() -> None:
    wire = "Nitrates were above the limit at 31 of 50 sampling points on the Brant, it found."
    found = figures([(_s("wire", wire), "wire")])
    assert [(f.quantity.value, f.quantity.part) for f in found] == [(31.0, True),
                                                                    (50.0, False)]
    (other,) = figures([(_s("daily", "Nitrates were above the limit at most of the 44 "
                                      "sampling points on the Brant."), "daily")])
    assert [f.quantity.value for f in found if same_measure(f, other, min_shared=0)] == [50.0]
