"""A count of a counted whole ("at 41 of 60 sampling sites") is a part, and the whole it
names is the sentence's count of the group: a science newcomer (session 60) saw the wire's
"41 of 60 sampling sites" taken for no side of "60 sites" against another outlet's "48
sites", and the story summary left out the study's main finding."""

from __future__ import annotations

import pytest

from agent.text.analysis import analyze
from agent.types import Sentence
from agent.verification.checks import compare
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


@pytest.mark.parametrize(("text", "counts"), [
    # a pronoun's part counts the noun of the count before it
    ("Nineteen passengers were hurt, three of them critically.",
     [(19, "passenger", False), (3, "passenger", True)]),
    ("The firm shed 240 jobs, 90 of them at its Kelby plant.",
     [(240, "job", False), (90, "job", True)]),
    # what an owner has is counted, not the owner
    ("Four of the farm's 12 turbines stopped.", [(4, "turbine", True), (12, "turbine", False)]),
])
def test_a_part_counts_the_noun_of_its_whole(text: str,
                                             counts: list[tuple[int, str, bool]]) -> None:
    assert [(q.value, q.head, q.part) for q in analyze(text).quantities] == counts


def test_a_whole_is_no_rival_of_the_part_it_names() -> None:
    """A transport newcomer (session 60): "Four people were seriously injured" was refuted by
    "31 people were injured, four of them seriously" (claim 4 vs source 31)."""
    source = "Nineteen passengers were hurt, three of them critically, the ambulance service said."
    assert compare("Three passengers were critically hurt.", source, 0.8).conflicts == []
    # the whole still rivals a claim of another value, and states its own
    assert [c.describe() for c in compare("Twenty passengers were hurt.", source,
                                          0.8).conflicts] == ["number: claim 20 vs source 19"]
    assert compare("Nineteen passengers were hurt.", source, 0.8).conflicts == []


def test_all_of_a_whole_is_refuted_by_a_part_that_did_it() -> None:
    """A transport newcomer (session 60): "All five carriages left the track" was supported
    by "Three of the train's five carriages left the track", whose "five" is the whole."""
    source = "Four of the wind farm's 12 turbines were shut down after the storm."
    assert [c.describe() for c in compare("All 12 turbines were shut down after the storm.",
                                          source, 0.8).conflicts] == [
        "number: claim 12 vs source 4"]
    # a claim of the whole's size is stated by it
    assert compare("The wind farm has 12 turbines.", source, 0.8).conflicts == []
