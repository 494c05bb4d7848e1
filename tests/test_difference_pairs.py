"""Which two figures a story difference sets against each other, when one outlet gives two
values of one measure (agent.generation.differences)."""

from __future__ import annotations

from agent.generation.differences import story_differences
from agent.types import Sentence


def _s(article: str, text: str, index: int = 0) -> Sentence:
    return Sentence(id=f"{article}:{index}", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


NAMES = {"wire": "Delta Wire", "daily": "The Orrin Daily", "post": "Orrin Post",
         "live": "OrrinLive"}


def test_the_value_other_outlets_repeat_is_the_one_in_dispute() -> None:
    # The wire's fleet size and its count of stranded buses are two values of "buses": the
    # count two other outlets repeat is the version OrrinLive's 60 disputes.
    items = [
        (_s("wire", "Northway has about 140 buses nationally.", 1), "wire"),
        (_s("wire", "About 40 buses and 300 drivers were stranded by the flooding across the valley, "
                    "according to Northway.", 2),
         "wire"),
        (_s("daily", "Some 40 buses were stranded across the valley by the flooding."), "daily"),
        (_s("post", "The flooding stranded 40 buses on Tuesday, the company said."), "post"),
        (_s("live", "An estimated 60 Northway buses in the region were stranded, along with "
                    "Northway's coaches."), "live"),
    ]
    (diff,) = story_differences(items, NAMES.__getitem__)
    many, one = diff.sides
    assert {q.value for q in many.figures} == {40} and {q.value for q in one.figures} == {60}
    assert set(many.outlets) == {"Delta Wire", "The Orrin Daily", "Orrin Post"}
    assert "140" not in diff.text()
