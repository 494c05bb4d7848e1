"""Summary lines that only their article can explain are not printed as points
(agent.generation.standalone.stands_alone), from a newcomer's strike ballot (session 70):
"The university denied sending any such instruction." (such what?) and "The university
declined to confirm the meeting." (what meeting? and it tells nothing). Invented wordings
in other domains."""

from __future__ import annotations

import pytest

from agent.generation.standalone import stands_alone


@pytest.mark.parametrize("text", [
    "The council denied issuing any such order.",
    "Such claims were rejected by the harbour board.",
    "The trust said no such incident had been recorded.",
    "The club declined to confirm the fee.",
    "Police refused to say how the suspect was identified.",
    "The airline declined to discuss the inspection.",
])
def test_a_line_pointing_back_or_telling_nothing_is_no_point(text: str) -> None:
    assert not stands_alone(text)


def test_a_denial_right_after_its_charge_may_point_back() -> None:
    assert stands_alone("The council denied issuing any such order.", reply=True)


@pytest.mark.parametrize("text", [
    "Of those voting, 81 per cent backed strike action and 89 per cent supported action "
    "short of a strike, such as a marking boycott.",
    "The flooding was such that the ring road closed for two days.",
    "The regulator confirmed the fine on Tuesday.",
])
def test_such_as_and_a_confirmation_stand_alone(text: str) -> None:
    assert stands_alone(text)
