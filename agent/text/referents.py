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

from agent.text.facts import CAP_RUN, NOT_ENTITY, strip_dateline
from agent.text.holders import holders, written_name
from agent.text.lexicon import is_common_word
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


# A sentence opening on "The" and a lone noun before a comma or a verb: "The ferry, built in
# 1998, was carrying 38 vehicles", "The museum has ..."
_OPENING_DESCRIPTION = re.compile(
    r"^(\s*The\s+)([a-z][\w-]+)(?=\s*[,(—–]|\s+(?:is|was|are|were|has|had|will|would|"
    r"said|says|remains|remained)\b)")
_NAME = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}"


def _named_with(text: str, noun: str) -> set[str]:
    """How `text` names a thing it calls `noun`, the noun in its place: "ferry Corran Star"
    of "the passenger ferry Corran Star" and of "Corran Star, a 28-year-old ferry";
    "Redvale Polymers plant" of "the Redvale Polymers plant"."""
    def bare(name: str) -> str:
        return " ".join(w for w in name.split() if w.lower() not in NOT_ENTITY)

    found = {f"{noun} {n}" for n in map(bare, re.findall(rf"\b{noun}\s+({_NAME})", text)) if n}
    for n in map(bare, re.findall(
            rf"({_NAME}),\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){{0,3}}?{noun}\b", text)):
        if n:
            found.add(n if n.split()[-1].lower() == noun else f"{noun} {n}")
    found |= {f"{n} {noun}" for n in map(bare, re.findall(rf"({_NAME})\s+{noun}\b", text))
              if n}
    return found


def described_referent(sentence: str, before: Sequence[str]) -> str | None:
    """How the nearest sentence before a sentence opening on "The <noun>" ("The ferry,
    built in 1998, ...") names a thing of that noun (`_named_with`: "ferry Corran Star"),
    or None: no such opening, no such sentence before it (`before`, nearest last), two
    names in it, or a name the sentence has already. News names a thing once and goes on
    with its noun; read alone, such a sentence shares no name with a claim about it (a true
    fresh dev claim about the Corran Star's vehicles was not judged against "The ferry,
    built in 1998, was also carrying 38 vehicles", session 66)."""
    m = _OPENING_DESCRIPTION.match(sentence)
    if m is None:
        return None
    noun = m.group(2)
    for earlier in reversed(before):
        names = _named_with(earlier, noun)
        if names:
            name = next(iter(names)) if len(names) == 1 else None
            break
    else:
        name = _introduced_then_named(noun, before)
    own = name and " ".join(w for w in name.split() if w.lower() != noun)
    return name if own and own.lower() not in sentence.lower() else None


def _introduced_then_named(noun: str, before: Sequence[str]) -> str | None:
    """"<noun> <Name>" for a thing a sentence of `before` brings in as "A ... <noun>" at
    its opening and the next sentence opens on the name of ("A passenger ferry carrying
    212 passengers ran aground ... / The MV Corran Star, operated by ..., struck Gannet
    Reef": "ferry MV Corran Star"), the latest such; None when there is none. News
    brings the story's thing in by its kind, names it in the next sentence, and goes on
    with "The ferry" (a fresh dev claim of session 66 stayed not_enough_info after
    `_named_with` was read)."""
    for k in range(len(before) - 2, -1, -1):
        if not re.match(rf"(?:A|An)\s+(?:[\w’'-]+\s+){{0,3}}?{noun}\b",
                        strip_dateline(before[k]).lstrip()):
            continue
        subject = _NAMED_SUBJECT.match(strip_dateline(before[k + 1]))
        words = [w for w in (subject.group(1).split() if subject else [])
                 if w.lower() not in NOT_ENTITY]
        if words and not (len(words) == 1 and is_common_word(words[0].lower())):
            return f"{noun} {' '.join(words)}"
    return None


# A sentence opening on a name, then a comma or a verb: "The MV Corran Star, operated by".
_NAMED_SUBJECT = re.compile(rf"^\s*(?:The\s+)?({_NAME})(?=,|\s+(?:[a-z]+ed|is|was|has|had)\b)")


def with_described_referent(sentence: str, before: Sequence[str]) -> str:
    """`sentence` with its opening "The <noun>" read as `described_referent` names it ("The
    ferry Corran Star, built in 1998, ...", "The Redvale Polymers plant, which ...");
    unchanged when there is none."""
    m = _OPENING_DESCRIPTION.match(sentence)
    name = described_referent(sentence, before)
    if m is None or name is None:
        return sentence
    return f"{m.group(1)}{name}{sentence[m.end():]}"


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
