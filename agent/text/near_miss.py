"""Near-misses of a claim's or question's names in one sentence: a name spelt nearly alike
("Nora Castellan" for "Castellane"), the claim's surname after another given name ("Helena
Marsh" for "Elena Marsh") and a sibling entity ("Halverd Power" for "Halverd Gas
Networks"). A sentence about a near-miss is about another entity: its figures are no rival
of the claim's, and it backs neither claim nor answer (agent.verification.checks,
agent.verification.measures, agent.generation.asked). The name readings are
agent.text.slots'; `sibling_in` finds a sibling.
"""

from __future__ import annotations

import re

from agent.text.actors import predicate_of
from agent.text.facts import entities, mentions
from agent.text.lexicon import is_adjective, is_common_word, is_noun_not_verb, is_singular_noun
from agent.text.normalize import STOPWORDS, normalize_for_match
from agent.text.number_words import words_to_digits
from agent.text.slots import (
    absent_from,
    is_name,
    name_slots,
    name_words,
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


def sibling_in(name: str, text: str) -> str | None:
    """A name of `text` that shares all but the last word of `name` and ends otherwise
    ("Harbour City Wanderers" for "Harbour City Rovers", "Corran Spirit" for "Corran Star"),
    lower-cased, when `name` itself is not in `text`; else None: a sibling entity, the one a
    reader most easily takes for the named one."""
    words = name_words(name)
    if len(words) < 2 or mentions(normalize_for_match(text), " ".join(words), every=True):
        return None
    for other in sorted(entities(text)):
        ow = other.split()
        if (len(ow) >= max(2, len(words)) and ow[:len(words) - 1] == words[:-1]
                and ow[len(words) - 1] != words[-1]):
            return other
        # the same first word and no other ("Varden Park" for "Varden Grammar School",
        # "Wexcombe Bondholders' Action Group" for "Wexcombe Building Society")
        bare = [w.removesuffix("’s").removesuffix("'s").strip("’'") for w in ow]
        if len(ow) >= 2 and bare[0] == words[0] and not set(bare[1:]) & set(words[1:]):
            return other
    return _common_sibling(words, text)


# Lower-case words after a name's first words that may name another thing of the place.
_LOWER_WORDS = 3


def _common_sibling(words: list[str], text: str) -> str | None:
    """The name's first words before a lower-case noun phrase that is not its last word,
    which `text` never writes ("the Lowfield railway viaduct" for "Lowfield Bridge"), lower
    case: another thing named after the same place or owner. Else None."""
    low = normalize_for_match(text)
    if re.search(rf"\b{re.escape(words[-1])}\b", low):
        return None
    prefix = r"\s+".join(re.escape(w) for w in words[:-1])
    for m in re.finditer(rf"(?i:\b{prefix})\s+((?:[a-z][\w-]*\s*){{1,{_LOWER_WORDS}}})", text):
        after = m.group(1).split()
        # nouns and their modifiers only: "Felsham notified it" names no other thing
        after = after[:next((i for i, w in enumerate(after) if not _modifier_or_noun(w)),
                            len(after))]
        while after and not is_noun_not_verb(after[-1]):
            after.pop()
        if after:
            return " ".join([*words[:-1], *after])
    return None


def _modifier_or_noun(word: str) -> bool:
    """A word of a noun phrase: a noun that is no verb ("viaduct"; a noun that is also a verb,
    "plans", may be the verb: "Kestrel plans ...") or an adjective, not a stopword ("it")."""
    return word not in STOPWORDS and (is_noun_not_verb(word) or is_adjective(word))


def things_apart(a: str, b: str) -> tuple[str, str] | None:
    """Two things of one kind, each named in one sentence and not in the other: names ending
    in the same common noun whose other words the other sentence never writes ("Tollard
    Bridge will close for fourteen months" / "Ardley ... closed its Millford Bridge for
    eleven months", a newcomer trial, session 52), as (a's name, b's name), lower case; else
    None. A figure of each is of its own thing, no version of the other's."""
    words_a, words_b = (set(re.findall(r"\w+", normalize_for_match(t))) for t in (a, b))
    for x in sorted(entities(a)):
        xw = re.findall(r"\w+", normalize_for_match(x))
        if (len(xw) < 2 or not is_common_word(xw[-1]) or set(xw[:-1]) & words_b
                or words_to_digits(x) != x):  # "Eight wards" is a count, no name
            continue
        for y in sorted(entities(b)):
            yw = re.findall(r"\w+", normalize_for_match(y))
            if len(yw) >= 2 and yw[-1] == xw[-1] and not set(yw[:-1]) & words_a:
                return x, y
    return None


# Words that end a subject's head noun phrase: a relative clause, a preposition, a comma.
_AFTER_HEAD = frozenset(("that", "who", "which", "whose", "of", "in", "at", "on", "from",
                         "with", "for", "to", "by", "near", "inside", "outside"))


def other_of_kind(claim: str, evidence: str) -> str | None:
    """"other <noun>" when the claim's subject is one thing named by a common noun ("The
    lynx that escaped was a seven-year-old male": "the" and a singular head noun before
    its verb, agent.text.actors.predicate_of) and the sentence speaks of another of its
    kind ("The park's other lynx, a seven-year-old male called Birch, ...", "another
    lynx"): that sentence is about another thing, as a near-miss name is (dev brantwick
    c15 was supported by the other lynx's age). None otherwise; a plural or indefinite
    subject ("Uninjured passengers") may be the sentence's "other passengers"."""
    predicate = predicate_of(claim)
    if predicate is None:
        return None
    subject = claim[: claim.find(predicate)].split()
    if len(subject) < 2 or subject[0].lower() != "the":
        return None
    words = []
    for w in subject[1:]:
        if w.lower().strip(",") in _AFTER_HEAD:
            break
        words.append(w.strip(","))
        if w.endswith(","):
            break
    head = words[-1].lower() if words else ""
    if not head.isalpha() or not is_singular_noun(head):
        return None
    other = re.compile(rf"\b(?:other|another)\s+(?:[\w-]+\s+){{0,2}}?{re.escape(head)}\b",
                       re.IGNORECASE)
    others = other.findall(evidence)
    # (a sentence that also speaks of the claim's own thing, "the ferry, unlike another
    # ferry, ...", is not only about the other)
    mentioned = re.findall(rf"\b{re.escape(head)}\b", evidence, re.IGNORECASE)
    if not others or len(others) < len(mentioned) or other.search(claim):
        return None
    return f"other {head}"
