"""Minutes and seconds are durations (agent.text.units), and a unit before a noun is what
the figure measures ("a 19-minute burn" lasts 19 minutes: "minute" is no adjective here).
A newcomer's space story (session 65) had "11 minutes into a 19-minute engine burn" read as
counts, and the summary printed "Outlets differ on the figure: 19-engine vs 9 minutes".
Invented wordings."""

from __future__ import annotations

import pytest

from agent.generation.differences import story_differences
from agent.text.quantities import quantities
from agent.types import Sentence


def _s(article: str, text: str) -> Sentence:
    return Sentence(id=f"{article}:0", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


def _name(key: str) -> str:
    return {"wire": "Delta Wire", "daily": "The Orrin Daily"}[key]


@pytest.mark.unit
def test_minutes_and_seconds_are_durations_of_their_unit() -> None:
    found = quantities("The lift stalled 40 seconds into a 12-minute climb.")
    assert [(q.kind, q.head) for q in found] == [("duration", "second"),
                                                ("duration", "minute")]
    (minutes,) = quantities("The rescue took 90 minutes.")
    (hours,) = quantities("The rescue took an hour and a half, or 1.5 hours.")[-1:]
    assert minutes.agrees(hours)


@pytest.mark.unit
def test_outlets_differ_on_the_elapsed_time_not_on_the_span_it_falls_in() -> None:
    told = [
        (_s("wire", "The drill lost power 14 minutes into a 25-minute test run on Monday."),
         "wire"),
        (_s("daily", "The drill lost power on Monday, eight minutes into the test run."),
         "daily"),
    ]
    (diff,) = story_differences(told, _name)
    values = sorted(v for side in diff.sides for v in side.values)
    assert values == ["14 minutes", "8 minutes"], values


@pytest.mark.unit
def test_how_far_into_a_span_is_answered_by_a_time_into_it() -> None:
    # the newcomer's "How far into the engine burn was contact lost?" abstained
    from agent.generation.asked import asked_figure_kinds, gives_asked_figure

    asked = "How far into the test run did the drill lose power?"
    assert "duration" in (asked_figure_kinds(asked) or ())
    assert gives_asked_figure(asked, ["The drill lost power 14 minutes into the test run."])
    assert not gives_asked_figure(asked, ["The drill lost power on Monday."])
    # a distance is still what "how far" alone asks for
    assert asked_figure_kinds("How far did the lorry travel?") == {"measure"}
