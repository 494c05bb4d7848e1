"""Of two figures of one sentence that could rival a claim's, the one whose words tell the
claim figure's measure is shown (agent.verification.conflicts.bound_rivals): "with turnout
put at fifty-two per cent" rivals "The union put turnout at about 62 per cent of balloted
members", not "eighty-one per cent of members who took part". A newcomer's strike ballot
(session 70) printed "62% vs 81%". Invented wordings in other domains."""

from __future__ import annotations

import pytest

from agent.verification.checks import compare


@pytest.mark.parametrize(("claim", "sentence", "claimed", "rival"), [
    ("The union put turnout at about 62 per cent of balloted members.",
     "The Staff Union announced that eighty-one per cent of members who took part had "
     "backed a strike, with turnout put at fifty-two per cent.", "62%", "52%"),
    ("More than 30 children are reported to have swallowed magnets from the sets.",
     "The regulator says it has had 23 reports of children swallowing loose magnets, and "
     "nine children required surgery.", "30", "23"),
    ("The regulator put the error rate at about 9 per cent of tested meters.",
     "The regulator said 40 per cent of tested meters were older models, with the error "
     "rate put at 3 per cent.", "9%", "3%"),
])
def test_the_rival_that_measures_the_claims_figure(
        claim: str, sentence: str, claimed: str, rival: str) -> None:
    conflicts = compare(claim, sentence).conflicts
    assert [(c.claim_values, c.source_values) for c in conflicts] == [((claimed,), (rival,))]


def test_no_rival_is_added_where_none_was_chosen() -> None:
    # a sentence about something else gives no rival, however its figures are worded
    assert not compare("The union put turnout at about 62 per cent of balloted members.",
                       "Shares in the developer rose 4 per cent, and 71 per cent of "
                       "investors backed the board.").conflicts
