"""A name the question asks about is whom two figures are of, not what they measure
(agent.generation.versions.measured_alike): a court newcomer (session 50) asked "How long
was Fiona Trask jailed for?" and got the column's "For more than five years, Trask forged
..." (the fraud's length) as another version of the jail term."""

from __future__ import annotations

import pytest

from agent.generation.versions import measured_alike

JAILED = "Dana Whitlow was jailed for four-and-a-half years yesterday."
FRAUD = "For more than five years, Whitlow forged the signatures of residents' relatives."


@pytest.mark.unit
def test_the_asked_persons_name_joins_no_two_figures() -> None:
    # without the question, the name beside both figures makes them one measure
    assert measured_alike(JAILED, FRAUD)
    assert not measured_alike(JAILED, FRAUD, "How long was Dana Whitlow jailed for?")


@pytest.mark.unit
def test_a_version_of_the_asked_measure_is_still_one() -> None:
    other = "Dana Whitlow has been jailed for five and a half years."
    assert measured_alike(JAILED, other, "How long was Dana Whitlow jailed for?")
