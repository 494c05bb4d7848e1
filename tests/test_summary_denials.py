"""A story summary tells an actor's denial once: two trials (session 71) printed one
party's denial twice in a row, in two outlets' words ("A spokesperson for the combined
authority denied the allegation ..." / "The combined authority has rejected that claim
..."). A denial by another actor is still told. Invented sentences."""

from __future__ import annotations

from agent.generation.extractive import Cluster
from agent.generation.story_points import Point
from agent.generation.story_summary import StoryLine, assemble, extractive_line
from agent.types import Sentence

NAMES = {"wire": "Delta Wire", "daily": "The Kelby Daily", "web": "KelbyLive"}


def _s(article: str, text: str, index: int) -> Sentence:
    return Sentence(id=f"{article}:{index}", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


CHARGE = _s("wire", "The ferry union alleged that the harbour board had ignored safety "
                    "warnings about the Kelby slipway.", 1)
REPLY = _s("wire", "The harbour board denied the allegation, saying every warning had been "
                   "investigated.", 2)
AGAIN = _s("daily", "The harbour board has rejected that claim, insisting inspectors checked "
                    "the slipway twice a year.", 3)
OTHER = _s("web", "The ferry operator denied that its crews had been told to skip safety "
                  "checks.", 4)


def _lines(*points: Sentence) -> list[str]:
    clusters = [Cluster(Point(members=[(s, s.article_id, 1.0)]), s, n)
                for n, s in enumerate(points)]

    def reply_for(line: StoryLine) -> StoryLine | None:
        return (StoryLine(REPLY.text, [REPLY], outlets=1)
                if line.cited and line.cited[0].id == CHARGE.id else None)

    out = assemble(clusters, extractive_line, NAMES.__getitem__, lambda a, b: 0.2, 180,
                   (), reply_for)
    return [x.text for x in out]


def test_a_second_outlets_word_of_one_denial_is_not_told_again() -> None:
    lines = _lines(CHARGE, AGAIN, OTHER)
    assert lines.index(CHARGE.text) + 1 == lines.index(REPLY.text)  # the reply stays
    assert AGAIN.text not in lines
    assert OTHER.text in lines  # another actor's denial
