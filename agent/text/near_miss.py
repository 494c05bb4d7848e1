"""Near-misses of a claim's or question's names in one sentence: a name spelt nearly alike
("Nora Castellan" for "Castellane"), the claim's surname after another given name ("Helena
Marsh" for "Elena Marsh") and a sibling entity ("Halverd Power" for "Halverd Gas
Networks"). A sentence about a near-miss is about another entity: its figures are no rival
of the claim's, and it backs neither claim nor answer (agent.verification.checks,
agent.verification.measures, agent.generation.asked). The name readings are
agent.text.slots'.
"""

from __future__ import annotations

import re

from agent.text.facts import entities, mentions
from agent.text.lexicon import is_common_word
from agent.text.normalize import normalize_for_match
from agent.text.slots import (
    absent_from,
    is_name,
    name_slots,
    name_words,
    sibling_in,
    spelt_alike_words,
)


def near_miss_name(claim: str, evidence: str,
                   known: frozenset[str] | None = None) -> str | None:
    """The name (lower-cased) the evidence sentence gives in place of one of the claim's
    names (agent.text.slots.name_slots; with `known`, the words the articles capitalise
    mid-sentence), or None: one spelt nearly alike ("Nora Castellan" for "Castellane") when
    no word of the claim's name is in it; else the claim's surname after another given
    name (`_other_given_name`) or a sibling entity (`_sibling`) when the claim's whole
    name is not in it."""
    for slot in name_slots(claim):
        if not is_name(slot.name, known):
            continue
        words = name_words(slot.name)
        if absent_from(slot, evidence):
            for name in sorted(entities(evidence)):
                if spelt_alike_words(words, name):
                    return name
        elif (other := _other_given_name(words, evidence) or _sibling(words, slot.name,
                                                                       evidence)):
            return other
    return None


def _sibling(words: list[str], name: str, evidence: str) -> str | None:
    """A sibling entity of `evidence` (`sibling_in`: "Halverd Power" for "Halverd Gas
    Networks", a newcomer trial, session 47) when no word that tells the name from it
    ("gas", "networks") is in `evidence`: "Rovers' plan" names Harbour City Rovers beside
    "Harbour City Council"."""
    other = sibling_in(name, evidence)
    if other is None:
        return None
    low = normalize_for_match(evidence)
    own = set(words) - set(other.split())
    return None if any(re.search(rf"\b{re.escape(w)}\b", low) for w in own) else other


def _other_given_name(words: list[str], evidence: str) -> str | None:
    """The person of `evidence` with the surname of the name `words` (lower-cased, given
    names first) and another given name written out before it, when `evidence` lacks the
    name itself: "Helena Marsh" for "Elena Marsh" (a newcomer trial, session 46). A given
    name is a word the lexicon lacks (`lexicon.is_common_word`): an office before the
    surname ("Vice-Chancellor Marsh") is none, and a name with a common word before its
    last ("Wexcombe Building Society") is no person's. An initial or a short form of the
    given name ("E. Marsh", "Tom" for "Thomas") is the same person."""
    given = words[:-1]
    if (not given or any(is_common_word(w) for w in given)
            or mentions(normalize_for_match(evidence), " ".join(words), every=True)):
        return None
    for name in sorted(entities(evidence)):
        other = name.split()
        if words[-1] not in other[1:]:  # ("professor tomas lindqvist uppsala")
            continue
        theirs = other[other.index(words[-1]) - 1].rstrip(".")
        if len(theirs) > 1 and not is_common_word(theirs) and not any(
                a.startswith(theirs) or theirs.startswith(a) for a in given):
            return name
    return None
