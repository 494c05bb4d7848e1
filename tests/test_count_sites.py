"""The parts of a count said of two named sites are two counts.

A takeover newcomer trial (session 56): "230 jobs will be lost at the Millhaven plant" was
refuted by "410 jobs will go at Corsley Bridge, ..., and 270 at the Millhaven plant" as 230
against 410, and the 270 that does dispute it was passed over. A figure's frame holds the
sites its part of the clause names (agent.text.frames.Frame.sites); figures of two sites are
no rivals, and a claim's figure of no site is no rival of one part of a count broken down
by site (agent.verification.conflicts). The variants are invented, in other domains."""

from __future__ import annotations

import pytest

from agent.text.frames import figure_frames, sites
from agent.text.quantities import quantities
from agent.verification.checks import compare
from agent.verification.claim_figures import figure_conflicts

BREAKDOWN = ("The trust said 48 beds would close at Hexley General, and 22 at the Ormsby "
             "Community Hospital, by the end of June.")


@pytest.mark.unit
def test_each_part_of_a_breakdown_has_its_site() -> None:
    assert sites("staff at the Ormsby Community Hospital in March") == {
        "ormsby community hospital"}
    frames = figure_frames(BREAKDOWN, quantities(BREAKDOWN))
    assert [f.sites if f else None for f in frames] == [{"hexley general"},
                                                        {"ormsby community hospital"}]


@pytest.mark.unit
def test_a_count_at_one_site_is_disputed_only_by_the_same_sites_count() -> None:
    sig = compare("Eighteen beds will close at the Ormsby Community Hospital.", BREAKDOWN,
                  score=0.8)
    assert [c.describe() for c in sig.conflicts] == ["number: claim 18 vs source 22"]
    stated = compare("Twenty-two beds will close at the Ormsby Community Hospital.", BREAKDOWN,
                     score=0.8)
    assert stated.conflicts == [] and stated.figures_stated


@pytest.mark.unit
def test_a_total_is_no_rival_of_one_part_of_a_breakdown() -> None:
    sig = compare("The trust is closing 70 beds.", BREAKDOWN, score=0.8)
    assert sig.conflicts == []
    # a total against another total still disagrees
    total = compare("The trust is closing 70 beds.",
                    "The trust said 64 beds would close by the end of June.", score=0.8)
    assert [c.describe() for c in total.conflicts] == ["number: claim 70 vs source 64"]


@pytest.mark.unit
def test_a_rival_sentences_count_at_another_site_is_no_version() -> None:
    claim = "Twenty-two beds will close at the Ormsby Community Hospital."
    assert figure_conflicts(claim, "The trust said all 48 beds at the Hexley General site "
                            "would close.") == []
    assert [c.describe() for c in figure_conflicts(
        claim, "The trust said all 25 beds at the Ormsby Community Hospital would close.")] == [
        "number: claim 22 vs source 25"]
    # a site later in the claim's clause than the frame reaches is the figure's site too
    later = "Twenty-two beds will be closed for good at the Ormsby Community Hospital."
    assert figure_conflicts(later, "The trust said all 48 beds at the Hexley General site "
                            "would close.") == []
