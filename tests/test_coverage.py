"""The story summary's cluster order (agent.generation.coverage): after the top-ranked
cluster, the one whose line adds the most outlet-weighted new concepts per word."""

from __future__ import annotations

import pytest

from agent.generation.coverage import coverage_order
from agent.generation.extractive import Cluster
from agent.generation.story_points import Point
from agent.types import Sentence


def _s(article: str, text: str, index: int = 0) -> Sentence:
    return Sentence(id=f"{article}:{index}", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


def _cluster(rank: int, *members: tuple[str, str]) -> Cluster:
    sentences = [(_s(outlet, text, rank), outlet, 1.0) for outlet, text in members]
    return Cluster(Point(members=sentences), sentences[0][0], rank)


@pytest.mark.unit
def test_a_line_that_retells_the_lead_gives_way_to_one_with_news() -> None:
    lead = _cluster(0, ("A", "The river burst its banks in Tarnford on Saturday."),
                    ("B", "The river burst its banks in Tarnford early on Saturday."))
    # ranked second (three outlets), but says again what the lead said
    again = _cluster(1, ("A", "Tarnford was flooded when the river burst its banks."),
                     ("B", "The river burst its banks and flooded Tarnford."),
                     ("C", "Tarnford flooded after the river burst its banks."))
    news = _cluster(2, ("B", "Fire crews carried out 130 rescues in Tarnford."),
                    ("C", "Crews made 130 rescues."))
    order = coverage_order([lead, again, news], lambda c: c.best.text)
    assert [c.rank for c in order] == [0, 2, 1]


@pytest.mark.unit
def test_the_top_cluster_stays_first_and_short_lists_pass_through() -> None:
    one = _cluster(0, ("A", "The council voted to close five libraries."))
    two = _cluster(1, ("B", "Campaigners said the closures would hit poorer areas hardest."))
    assert coverage_order([], lambda c: c.best.text) == []
    assert coverage_order([one], lambda c: c.best.text) == [one]
    assert coverage_order([one, two], lambda c: c.best.text)[0] is one


@pytest.mark.unit
def test_the_floor_spends_its_budget_on_the_line_with_news() -> None:
    """The floor takes clusters in coverage order: with room for two lines, the lead and the
    rescues, not the lead told twice."""
    from agent.generation.story_summary import StoryWriter

    lead = _cluster(0, ("A", "The river burst its banks in Tarnford on Saturday morning."),
                    ("B", "The river burst its banks in Tarnford early on Saturday."))
    again = _cluster(1, ("A", "Homes in Tarnford flooded on Saturday as the river rose."),
                     ("B", "The river rose and flooded homes in Tarnford on Saturday."),
                     ("C", "Tarnford homes flooded when the river rose on Saturday."))
    news = _cluster(2, ("B", "Fire crews carried out 130 rescues in Tarnford."),
                    ("C", "Crews made 130 rescues."), ("A", "There were 130 rescues by crews."))
    writer = StoryWriter(None, str, lambda a, b: 0.0)  # type: ignore[arg-type]  # no model
    lines = [line.text for line in writer.floor([lead, again, news], budget=20).lines]
    assert lines == [lead.best.text, news.best.text]
