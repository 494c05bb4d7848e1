"""Whether a text identifies the thing a which/what question asks for, or only says one
("signed by a magistrate" names no magistrate). Read by agent.generation.asked."""

from __future__ import annotations

import re

from agent.text.quantities import quantities

_INDEFINITE = frozenset(("a", "an", "another", "one", "some"))
# "a turnout of 52.1 per cent", "a fee reported to be £1.2 million", "a price tag of about
# £310m": a value the noun is given ("of", "worth", "reported to be", "put at") says which
_GIVEN_VALUE = re.compile(r"\s+(?:of|worth|totall?ing|(?:[a-z]+ed\s+)?(?:to\s+be|at))"
                          r"(?:\s+[^\s,;:.!?]+){1,4}")
# a sum, a share or a measure; a count only of nothing else ("a party of 11 walkers" counts
# walkers); a day, a year or a length of time says when, not which
_VALUES = frozenset(("money", "percent", "measure"))


def _valued(text: str, end: int) -> bool:
    """Whether text[:end] (a noun) is given a value right after it (`_GIVEN_VALUE`)."""
    after = _GIVEN_VALUE.match(text, end)
    return after is not None and any(
        q.kind in _VALUES or (q.kind == "count" and not q.head)
        for q in quantities(after.group(0)))


def said_indefinitely(noun: str, text: str) -> bool:
    """Whether `text` (lower case) says `noun` (or its plural in -s), and only as "a / an /
    another / one / some (adjective) noun": "signed by a magistrate" names no magistrate.
    A figure between identifies ("a 25% tariff"), and so does a value given after it ("a
    turnout of 52.1 per cent": a newcomer's strike ballot, session 70, where "What turnout
    did the union report?" abstained); nothing else does: "a university event" names no
    university (seeds qa-050)."""
    mentions = [text[: m.start()].split()[-2:]
                for m in re.finditer(rf"\b{re.escape(noun)}s?\b", text)
                if not _valued(text, m.end())]
    return bool(mentions) and all(
        (before[-1:] and before[-1] in _INDEFINITE)
        or (len(before) == 2 and before[0] in _INDEFINITE and before[1].isalpha())
        for before in mentions)
