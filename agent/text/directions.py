"""Directions of change: what a sentence says went up and what went down.

"Bramwell's own share price went up" and "Bramwell shares fell 4%" tell opposite changes
of one thing; so do "the council is increasing the subsidy" and "cut its yearly subsidy by
£600,000". The small judge reads past such pairs (it left both "silent" on the dev
stories). A change is read from the verb that tells it and the thing it is told of, its
*theme*: the words after a verb that changes something ("increased the subsidy", "cut its
subsidy"), the words before one that tells what changed ("shares fell", "the fare will go
up", "turnout was 38.6%, down from 44.1%"). Only verbs of change and the particles "up" and
"down" after a verb of motion count: comparatives ("more than 500") are bounds, not changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.text.analysis import stems
from agent.text.changes import CAUSE_DOWN, CAUSE_UP, MOVE_DOWN, MOVE_UP
from agent.text.lexicon import is_past_form
from agent.text.normalize import STOPWORDS

# "38.6%, down from 44.1%": the figure before it moved that way.
_MOVED_FROM = r"(?P<from>up|down)\s+from"
_CAUSE = re.compile(rf"\b(?:(?P<up>{CAUSE_UP})|(?P<down>{CAUSE_DOWN}))\b", re.IGNORECASE)
_MOVE = re.compile(rf"\b(?:(?P<up>{MOVE_UP})|(?P<down>{MOVE_DOWN})|{_MOVED_FROM})\b"
                   # "went up the fell" is a climb, "fell far short" a shortfall and "fell
                   # ill" an illness: no change
                   r"(?!\s+(?:the|a|an|to|ill)\b|\s+(?:far\s+)?short\b)",
                   re.IGNORECASE)
# A past form tells a change ("rose", "slashed"); another form may be a noun ("a fare rise",
# "job cuts") or an adjective ("falling grants", "rising costs"): it is a verb only after an
# auxiliary, a modal, "to" or a relative pronoun ("will rise", "is increasing", "which
# falls"), or before what it changes ("cut its subsidy", "raise the fare").
_VERB_BEFORE = re.compile(r"\b(?:will|would|to|is|are|was|were|be|been|being|can|could|may|"
                          r"might|should|must|shall|has|have|had|not|also|further|which|who)"
                          r"\s+$", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this)\s+$", re.IGNORECASE)
_OBJECT_AFTER = re.compile(r"\s+(?:its|their|the|his|her|our|a|an)\b", re.IGNORECASE)
THEME_WORDS = 4  # words of a theme read after a verb that changes it
SUBJECT_WORDS = 8  # ... and before one that tells it changed ("the subsidy paid by the council")
_CLAUSE_EDGE = re.compile(r"[,;:.()\u2014\u2013]"
                          r"|\b(?:and|but|while|after|as|when|which|who|that)\b", re.IGNORECASE)
# Words that name no thing changed: "by", "its", figures.
_NOT_THEME = STOPWORDS | frozenset(("by", "its", "their", "his", "her", "own", "yearly",
                                    "annual", "per", "cent", "percent"))


@dataclass(frozen=True)
class Change:
    """One change a sentence tells: `up` (True) or down, the content stems of its theme and
    the stems of the names in it (whose thing changed: "Kestrel shares", "Bramwell shares")."""

    up: bool
    theme: frozenset[str]
    names: frozenset[str] = frozenset()


def changes(text: str, known_names: frozenset[str] | None = None) -> list[Change]:
    """The changes `text` tells, in order (module docstring); a verb with no theme words
    other than names is left out. `known_names` (agent.text.slots.proper_words of the
    articles) tells whether a capitalised first word is a name ("Kestrel shares rose") or
    not ("Turnout rose"); without them it is not."""
    out: list[Change] = []
    for m in _CAUSE.finditer(text):
        if _is_verb(text, m):
            words = _theme_words(text[m.end():], after=True)
            out += _change(bool(m.group("up")), words, False, known_names)
    for m in _MOVE.finditer(text):
        if m.group("from") or _is_verb(text, m):
            up = bool(m.group("up")) or (m.group("from") or "").lower() == "up"
            words = _theme_words(text[: m.start()], after=False)
            opens = bool(words) and text.lstrip().startswith(words[0])
            out += _change(up, words, opens, known_names)
    return out


def _is_verb(text: str, m: re.Match[str]) -> bool:
    """Whether the word of change matched at `m` of `text` is used as a verb (a past form,
    agent.text.lexicon; `_VERB_BEFORE`, `_OBJECT_AFTER`); never after a determiner ("the
    fell", "a rise")."""
    if _DETERMINER_BEFORE.search(text, max(0, m.start() - 8), m.start()):
        return False
    return bool(is_past_form(m.group(0).split()[0])
                or _VERB_BEFORE.search(text, max(0, m.start() - 12), m.start())
                or _OBJECT_AFTER.match(text, m.end()))


def _change(up: bool, words: list[str], opens: bool,
            known_names: frozenset[str] | None) -> list[Change]:
    """The change of a theme of `words`, its capitalised words names, but for a first word
    of the text (`opens`) that `known_names` does not hold."""
    def named(i: int, w: str) -> bool:
        if not w[:1].isupper():
            return False
        bare = re.sub(r"[’']s$", "", w).lower()
        return not (opens and i == 0) or (known_names is not None and bare in known_names)

    names = [w for i, w in enumerate(words) if named(i, w)]
    theme = frozenset(stems(" ".join(w for w in words if w not in names)))
    return [Change(up, theme, frozenset(stems(" ".join(names))))] if theme else []


def _theme_words(side: str, after: bool) -> list[str]:
    """Up to THEME_WORDS words after a verb (`after`), or SUBJECT_WORDS before it, within
    its clause, without figures and words that name nothing."""
    if after:
        edge = _CLAUSE_EDGE.search(side)
        words = side[: edge.start() if edge else len(side)].split()[:THEME_WORDS]
    else:
        # back to the nearest clause with words: "the subsidy paid by the council, which
        # falls", "Turnout was 38.6%, down from 44.1%"
        edges = list(_CLAUSE_EDGE.finditer(side))
        cuts = [0, *(e.end() for e in edges)]
        ends = [*(e.start() for e in edges), len(side)]
        words = []
        for start, end in reversed(list(zip(cuts, ends, strict=True))):
            words = [w for w in side[start:end].split() if not any(ch.isdigit() for ch in w)]
            if words:
                break
        words = words[-SUBJECT_WORDS:]
    return [w.strip(",.;:’'") for w in words if not any(ch.isdigit() for ch in w)
            and w.lower().strip(",.;:’'") not in _NOT_THEME]


def opposite_changes(claim: str, evidence: str,
                     known_names: frozenset[str] | None = None) -> bool:
    """Whether `evidence` tells a change of a thing the claim says changed, the other way:
    their themes share a stem ("share price went up" / "Bramwell shares fell 4%"), and
    their names, where both name someone, share one ("Kestrel shares rose" is no other
    account of "Bramwell shares fell")."""
    mine, theirs = changes(claim, known_names), changes(evidence, known_names)
    return any(a.up != b.up and a.theme & b.theme
               and (not a.names or not b.names or a.names & b.names)
               for a in mine for b in theirs)
