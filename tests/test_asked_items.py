"""The cost of one item and a sum per period, asked (agent.generation.asked_items,
agent.generation.asked): a health newcomer's "How much does a tube of Cytrelin cost?",
"... per patient?" and "How much will the rollout cost each year?" were all answered with
the trial's total of £2.4m. The sentences are made up for these tests."""

from __future__ import annotations

import pytest

from agent.generation.asked import gives_asked_figure
from agent.generation.asked_items import gives_figure_per_item

TOTAL = ["The pilot, run at three surgeries, cost £1.8 million."]


@pytest.mark.unit
def test_the_cost_of_one_is_not_a_total() -> None:
    one = "How much does a box of Veltrane cost?"
    assert not gives_figure_per_item(one, TOTAL)
    assert gives_figure_per_item(one, ["A box of Veltrane costs the NHS £42."])
    # a price told of the items in the plural names the item: it prices one
    season = "How much will an annual parking permit cost?"
    assert gives_figure_per_item(season, ["Annual parking permits will rise to £95."])
    per = "How much does Veltrane cost per patient?"
    assert not gives_figure_per_item(per, TOTAL)
    assert gives_figure_per_item(per, ["It costs about £600 per patient."])
    # "per cent", "per year" ask no item; "the pilot" is the whole
    assert gives_figure_per_item("How much did the pilot cost?", TOTAL)
    assert gives_figure_per_item("By how much per cent did costs rise?", TOTAL)


@pytest.mark.unit
def test_a_sum_asked_per_period_needs_a_rate_of_that_period() -> None:
    asked = "How much will the scheme cost each year?"
    assert not gives_asked_figure(asked, TOTAL)
    assert gives_asked_figure(asked, ["The scheme will cost about £400,000 a year."])
    assert not gives_asked_figure(asked, ["The scheme will cost about £40,000 a month."])
    # a share's period is the question's condition, not a rate asked
    share = "What share of drivers worked more than 50 hours a week?"
    assert gives_asked_figure(share, ["About two-thirds of drivers did so."])


def test_how_far_a_price_fell_asks_for_a_change_not_a_distance() -> None:
    """A business newcomer (session 52): "How far did Dunmarsh's share price fall?"
    abstained, as "how far" asked for a distance."""
    question = "How far did Kelby Mills' share price fall on Monday?"
    assert gives_asked_figure(question, ["Shares in Kelby Mills fell 40p to 420p."])
    assert not gives_asked_figure("How far is the mill from the station?",
                                  ["Shares in Kelby Mills fell 40p to 420p."])
