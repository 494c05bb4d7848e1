"""Whom a sentence's opening pronoun stands for. News names a person once and goes on with
"he" or "she" ("Harlowmere's chief executive, Owen Baptiste, said ... / He also said there
would be no compulsory redundancies"), and a thing once and goes on with "it" ("The trial
of AT-311 ... is being run by the University of Torvane. / It enrolled 240 adults"). Read
alone, the second sentence shares no name with a claim about Baptiste or the trial: its
words do not cover the claim and the small judge cannot tell who "he" is.

`with_referent` writes the sentence with its opening pronoun replaced by the name the
sentence before it gives (`pronoun_referent`). Only a sentence's grammatical subject is
read, and only from the one sentence before: a pronoun further in, or one whose sentence
before names nobody it could be, is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.text.facts import CAP_RUN, strip_dateline
from agent.text.holders import holders, written_name
from agent.text.slots import person_name
from agent.text.speakers import attribution

# A pronoun subject opening the sentence, and the word after it.
_OPENING_PRONOUN = re.compile(r"^(\s*)(He|She|It)\s+([a-z][\w’'-]*)")
# After "It", these make it a dummy subject ("It was the first time", "It is understood
# that", "It emerged that"), not a thing the sentence before named.
_DUMMY_IT = frozenset((
    "is", "was", "has", "had", "will", "would", "could", "may", "might", "must", "should",
    "can", "seems", "seemed", "appears", "appeared", "emerged", "remains", "remained",
    "means", "meant", "follows", "followed", "comes", "came", "took", "takes", "did", "does",
    "became", "becomes", "also", "still", "now", "then"))
# The subject noun phrase a sentence opens on: "The trial of AT-311", up to its first
# comma, bracket or verb-like word (an auxiliary or a word ending "-ed" after the noun).
_SUBJECT_NP = re.compile(
    r"^\s*((?:The|the)\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+?)"
    r"(?=\s*[,(—–]|\s+(?:is|was|are|were|has|had|will|would|said|says|which|who)\b)")


def _person_named(sentence: str) -> str | None:
    """The person a sentence is about: its speaker's name, else the one office holder it
    names, else its first capitalised run that reads as a person's name
    (agent.text.slots.person_name)."""
    speaker = attribution(sentence)
    if speaker not in (None, "someone") and (name := person_name(speaker)):
        return name
    people = {h.person for h in holders(sentence)}
    if len(people) == 1 and (written := written_name(next(iter(people)), sentence)):
        return written
    for m in CAP_RUN.finditer(strip_dateline(sentence)):
        if (name := person_name(m.group(0))) is not None:
            return name
    return None


def pronoun_referent(sentence: str, before: Sequence[str]) -> str | None:
    """The name the opening "He", "She" or "It" of `sentence` stands for, as the sentence
    before it (`before[-1]`) writes it, or None. "He"/"She": the person it is about
    (`_person_named`). "It": the noun phrase the sentence before opens on ("The trial of
    AT-311"), unless "It" is a dummy subject (`_DUMMY_IT`)."""
    m = _OPENING_PRONOUN.match(sentence)
    return None if m is None else _referent(m, before)


def _referent(m: re.Match[str], before: Sequence[str]) -> str | None:
    """`pronoun_referent` of the opening pronoun `_OPENING_PRONOUN` matched (`m`)."""
    if not before:
        return None
    previous = strip_dateline(before[-1])
    if m.group(2) in ("He", "She"):
        return _person_named(previous)
    if m.group(3).lower() in _DUMMY_IT:
        return None
    subject = _SUBJECT_NP.match(previous)
    return subject.group(1) if subject else None


def with_referent(sentence: str, before: Sequence[str]) -> str:
    """`sentence` with its opening pronoun replaced by `pronoun_referent` ("Owen Baptiste
    also said there would be no compulsory redundancies ..."); unchanged when there is
    none. `before`: the sentences preceding it in its article, nearest last."""
    m = _OPENING_PRONOUN.match(sentence)
    referent = None if m is None else _referent(m, before)
    if m is None or referent is None:
        return sentence
    return f"{m.group(1)}{referent}{sentence[m.end(2):]}"


def bracketed_referent(sentence: str, before: Sequence[str]) -> str | None:
    """`sentence` with its opening "He" or "She" replaced by the person the sentence before
    it names, in an editor's square brackets ("[Gareth Pennick] told the chamber ..."): how
    a line quoted out of its article says whom its pronoun stands for. None when it opens on
    no such pronoun, or the sentence before names no one (`pronoun_referent`)."""
    m = _OPENING_PRONOUN.match(sentence)
    if m is None or m.group(2) not in ("He", "She"):
        return None
    referent = _referent(m, before)
    return None if referent is None else f"{m.group(1)}[{referent}]{sentence[m.end(2):]}"
