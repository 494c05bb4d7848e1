""""About" a time stated to the minute has the room of the step it is rounded to
(agent.text.clock_times): "about 11.15pm" is within 7.5 minutes, "around 10.50pm" within
2.5, "about 11pm" within a quarter hour. A newcomer's pier collapse (session 70) had "about
11.15pm" agree with another outlet's "around 10.50pm", so the disputed time went unseen.
Invented wordings in other domains."""

from __future__ import annotations

import pytest

from agent.text.quantities import quantities
from agent.verification.checks import compare


@pytest.mark.parametrize(("text", "low", "high"), [
    ("The alarm sounded at about 11.15pm.", 23.125, 23.375),
    ("The alarm sounded at around 10.50pm.", 22.8333 - 2.5 / 60, 22.8333 + 2.5 / 60),
    ("The alarm sounded at about 11pm.", 22.75, 23.25),
    ("The alarm sounded at about 9.32am.", 9.5333 - 1 / 60, 9.5333 + 1 / 60),
])
def test_the_room_of_an_approximate_time(text: str, low: float, high: float) -> None:
    (q,) = quantities(text)
    assert (q.low, q.high) == pytest.approx((low, high), abs=1e-3)


def test_two_outlets_approximate_times_can_disagree() -> None:
    signals = compare("The roof of the stand collapsed at about 11.15pm on Saturday.",
                      "The roof of the stand collapsed at around 10.50pm on Saturday.")
    assert [c.detail for c in signals.conflicts] == ["time"]


def test_close_approximate_times_agree() -> None:
    assert not compare("The roof of the stand collapsed at about 11.15pm on Saturday.",
                       "The roof of the stand collapsed at around 11.20pm on Saturday."
                       ).conflicts
