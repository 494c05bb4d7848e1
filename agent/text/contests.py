"""Who won: the winner and loser of a contest a sentence reports, in any of its wordings.

"Brackley Town beat Dunmere 2-1" and "Dunmere's 2-1 win over Brackley Town" name the same two
sides with the same score, and every word but the order is shared: word overlap reads them
as agreeing, and the small judge did too (a fresh dev claim, session 67, came out
not_enough_info; the labelling guide makes it refuted: who beat whom is a detail a source
contradicts). `contest_results` reads each wording into one record, (winner, loser, score),
so the checks compare sides, not words:
- "A beat / defeated / overcame / edged / thrashed B";
- "A's win / victory over / against B";
- "B lost / was beaten / was defeated to / by A", "B's defeat / loss to / by / against A".
A side is a capitalised name (agent.text.facts.CAP_RUN); a score is "2-1" or "2–1", before
the second side or after it ("beat Dunmere 2-1").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.text.facts import CAP_RUN

_SIDE = rf"(?P<{{role}}>{CAP_RUN.pattern})"
_SCORE = r"(?:\s+(?P<score>\d{1,3}\s*[-–]\s*\d{1,3}))?"
_POSSESSIVE = r"(?:’s|'s|’|')"
# (pattern, whether its first side is the winner)
_WORDINGS: tuple[tuple[re.Pattern[str], bool], ...] = tuple(
    (re.compile(pattern.format(first=_SIDE.format(role="first"),
                               second=_SIDE.format(role="second") + _SCORE.replace(
                                   "score", "after"), score=_SCORE,
                               possessive=_POSSESSIVE)), winner_first)
    for pattern, winner_first in (
        (r"{first}\s+(?:beat|beats|defeated|defeats|overcame|overcomes|edged|edges|"
         r"thrashed|thrashes|outplayed|outplays){score}\s+(?:past\s+)?{second}", True),
        (r"{first}{possessive}{score}\s+(?:win|victory|triumph)\s+(?:over|against)\s+{second}",
         True),
        (r"{first}\s+(?:lost|lose|loses|(?:was|were)\s+(?:beaten|defeated|thrashed))"
         r"{score}\s+(?:to|by|against)\s+{second}", False),
        (r"{first}{possessive}{score}\s+(?:defeat|loss)\s+(?:to|by|against|at\s+the\s+hands"
         r"\s+of)\s+{second}", False),
    )
)


@dataclass(frozen=True)
class Result:
    """A contest's outcome: `winner` and `loser` as written (lower case), `score` as
    "2-1" with the winner's figure first as written, or "" when none is given."""

    winner: str
    loser: str
    score: str


def _score(raw: str | None) -> str:
    return re.sub(r"\s*[-–]\s*", "-", raw) if raw else ""


def contest_results(text: str) -> list[Result]:
    """The contest outcomes `text` reports, in order of the wordings above (module
    docstring)."""
    out: list[Result] = []
    for pattern, winner_first in _WORDINGS:
        for m in pattern.finditer(text):
            first, second = m.group("first").lower(), m.group("second").lower()
            winner, loser = (first, second) if winner_first else (second, first)
            out.append(Result(winner, loser, _score(m.group("score") or m.group("after"))))
    return out


def _same_side(a: str, b: str) -> bool:
    """One side named fully or in short ("dunmere" / "dunmere united")."""
    return a == b or a.startswith(f"{b} ") or b.startswith(f"{a} ")


def result_reversed(claim: str, sentence: str) -> tuple[str, str] | None:
    """(the claim's outcome, the sentence's) when the sentence reports the claim's contest
    (the same two sides, and the same score when both give one) with winner and loser the
    other way round: ("brackley town beat dunmere", "dunmere beat brackley town") for
    "Brackley Town beat Dunmere 2-1" against "Dunmere's 2-1 win over Brackley Town".
    None otherwise."""
    theirs = contest_results(sentence)
    for mine in contest_results(claim):
        for other in theirs:
            scores = {mine.score, other.score} - {""}
            if (_same_side(mine.winner, other.loser) and _same_side(mine.loser, other.winner)
                    and len(scores) <= 1):
                return (f"{mine.winner} beat {mine.loser}", f"{other.winner} beat {other.loser}")
    return None
