"""What a sentence says of the count of a vote: the votes for, the votes against, the margin
between them, or that it was unanimous. A source gives a tally ("voted 9–3 in favour",
"approved the plan by 31 votes to 24", "voted unanimously"); a claim often gives one side
of it ("Four board members voted against the plan", "approved by a majority of seven
votes"). Read as figures alone, "four" is no number of "9–3", so a claim of another count
or another margin went unchecked, and the one that agrees went unstated (dev stories
hollin-ward-closure, oxbury-library-cuts, torvane-asthma-trial: outlets giving 9–3 and
8–4, 31–24 and 31–22, seven votes to two against "unanimously").

A vote read here is of one sentence; which vote it is, is left to the caller's alignment
of claim and source. A tally whose sentence rejects or refuses something ("voted 9–3 to
refuse the scheme") gives its margin only: whether its larger count was for or against the
motion a claim names is not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from agent.text.number_words import words_to_digits
from agent.text.quantity import Quantity

# A vote's words: a tally's sentence names one, or it is a score ("won 3-1").
_VOTE = re.compile(r"\b(?:vot(?:e|ed|es|ing)|passed|carried|approved|backed|majority|"
                   r"ballot|rejected|unanimous(?:ly)?)\b", re.IGNORECASE)
# The larger count of the tally may be against what a claim names.
_REJECTS = re.compile(r"\b(?:reject|refus|defeat|turn(?:ed|s)?\s+down|thr(?:ew|own)\s+out|"
                      r"vot(?:ed|es?)\s+down|block|against)", re.IGNORECASE)
_UNANIMOUS = re.compile(r"\b(?:unanimous(?:ly)?|without (?:a )?dissent|nem(?:ine)? con)\b",
                        re.IGNORECASE)
# After a claim's count, within a few words: the side it voted on ("four board members
# voted against", "three against", "nine councillors backed it").
_SIDE_AFTER = re.compile(
    r"^(?:\s+[\w’'-]+){0,3}?\s+(?:(?:had\s+)?voted\s+)?"
    r"(?:(?P<no>against|opposed|no\b)|(?P<yes>for\b|in favour|in favor|backed|supported|yes\b))",
    re.IGNORECASE)
# Before a claim's count: "a majority of seven", "a margin of 7 votes"; or after it:
# "a seven-vote majority".
_MARGIN_BEFORE = re.compile(r"\b(?:majority|margin)\s+of\s+(?:just\s+|only\s+)?$",
                            re.IGNORECASE)
_MARGIN_AFTER = re.compile(r"^[\s-]*votes?[\s-]+(?:majority|margin)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Vote:
    """A vote's count as one sentence gives it, each part None when unsaid: `ayes` and
    `noes` (votes for and against, counts), `margin` (ayes less noes); `unanimous` when
    none voted against. `said` maps each part the sentence gives to the figure that says it
    ("noes" -> the 4 of "Four board members voted against"; a tally's two counts)."""

    ayes: float | None = None
    noes: float | None = None
    margin: float | None = None
    unanimous: bool = False
    said: tuple[tuple[str, Quantity], ...] = ()

    def part(self, name: str) -> float | None:
        """The count of part `name` ("ayes", "noes" or "margin"); for a unanimous vote,
        0 against and a margin as large as the votes for."""
        if name == "noes" and self.unanimous:
            return 0.0
        if name == "margin" and self.unanimous and self.ayes is not None:
            return self.ayes
        value: float | None = getattr(self, name)
        return value

    def compared(self, source: Vote) -> tuple[list[Quantity], list[tuple[str, str]]]:
        """This vote (a claim's) against `source`'s: the claim figures the source gives a
        count of (stated or not), and the parts it gives otherwise as (claim's, source's)
        texts ("4 against", "3 against"). "Unanimous" is a part too: a source's tally with
        votes against contradicts it."""
        decided: list[Quantity] = []
        rivals: list[tuple[str, str]] = []
        for name, q in self.said:
            theirs = source.part(name)
            if theirs is None:
                continue
            decided.append(q)
            if theirs != q.value:
                rivals.append((_show(name, q.value), _show(name, theirs)))
        noes = source.part("noes")
        if self.unanimous and noes:
            rivals.append(("unanimous", _show("noes", noes)))
        return decided, rivals

    def agrees(self, other: Vote) -> bool:
        """Whether `other` gives the same count for every part both give, and they give
        one at least ("with two voting against" agrees with "by seven votes to two")."""
        shared = [(self.part(n), other.part(n)) for n in ("ayes", "noes", "margin")]
        given = [(a, b) for a, b in shared if a is not None and b is not None]
        return bool(given) and all(a == b for a, b in given)


_ASKED_SIDE = re.compile(
    r"\bhow many\b.*?\b(?:(?P<noes>voted against|voting against|opposed)|"
    r"(?P<ayes>voted (?:for|in favour|in favor)|voting (?:for|in favour)|backed|supported))\b",
    re.IGNORECASE)


def asked_vote_side(question: str) -> str | None:
    """The part of a vote's count a question asks for: "noes" ("How many cabinet members
    voted against the closure?"), "ayes" ("How many backed it?"), or None."""
    m = _ASKED_SIDE.search(question)
    return None if m is None else "noes" if m.group("noes") else "ayes"


def _show(name: str, value: float) -> str:
    count = f"{value:g}"
    return {"ayes": f"{count} for", "noes": f"{count} against"}.get(
        name, f"a majority of {count}")


def tally_second(q: Quantity, after: Sequence[Quantity]) -> Quantity | None:
    """The second count of a tally that `q` opens ("by 14 votes to 9", "voted 15-8"): the
    next figure, joined to `q` (agent.text.quantities) and smaller, both as written."""
    nxt = after[0] if after else None
    if (nxt is None or not nxt.joined or q.kind != "count" or nxt.head != q.head
            or nxt.value >= q.value or not (q.said and nxt.said)):
        return None
    return nxt


def _tally(text: str, found: Sequence[Quantity]) -> Vote | None:
    for n, q in enumerate(found):
        second = tally_second(q, found[n + 1:])
        if second is None:
            continue
        if _REJECTS.search(text):
            return Vote(margin=q.value - second.value)
        return Vote(ayes=q.value, noes=second.value, margin=q.value - second.value,
                    said=(("ayes", q), ("noes", second)))
    return None


def _parts_said(text: str, found: Sequence[Quantity]) -> list[tuple[str, Quantity]]:
    """The vote parts a sentence gives one figure each ("Four board members voted
    against": noes 4). In "Eleven of the 16 trustees backed it" the side is the part's
    (11), read after the whole (16), which is no count of a side."""
    parts: list[tuple[str, Quantity]] = []
    text = words_to_digits(text)  # as the figures were read
    spans: list[tuple[int, int]] = []
    at = 0
    for q in found:
        start = text.find(q.said, at) if q.said else -1
        spans.append((start, start + len(q.said)) if start >= 0 else (-1, -1))
        at = max(at, spans[-1][1])
    for n, q in enumerate(found):
        start, end = spans[n]
        if q.kind != "count" or start < 0 or (n and found[n - 1].part):
            continue
        if q.part and n + 1 < len(found) and spans[n + 1][0] >= 0:
            end = spans[n + 1][1]  # the side is said after the whole
        side = _SIDE_AFTER.match(text[end:])
        if side is not None:
            parts.append(("noes" if side.group("no") else "ayes", q))
        elif _MARGIN_BEFORE.search(text[:start]) or _MARGIN_AFTER.match(text[end:]):
            parts.append(("margin", q))
    return parts


def vote(text: str, found: Sequence[Quantity]) -> Vote | None:
    """The vote count `text` gives, read off its figures `found` (its quantities, in
    order); None when it names no vote or gives none of its count. A tally gives every
    part; figures said of one side or of the margin give those parts (`Vote.said`)."""
    if not _VOTE.search(text):
        return None
    unanimous = _UNANIMOUS.search(text) is not None
    tally = _tally(text, found)
    if tally is not None:
        return replace(tally, unanimous=unanimous)
    parts = _parts_said(text, found)
    if not parts and not unanimous:
        return None
    given = dict((name, q.value) for name, q in parts)
    return Vote(given.get("ayes"), given.get("noes"), given.get("margin"), unanimous,
                tuple(parts))
