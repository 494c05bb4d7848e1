"""Two named entities a sentence says are unconnected: "Brackwell Stoneworks ... has asked us
to make clear that it has no connection with Brackwell Stone Ltd or with Gorsefell Quarry",
"Felsham Health is not connected to Fellsham Care Group". News copy prints such a line
beside a near-miss entity; a claim that ties the two ("Brackwell Stoneworks operates
Gorsefell Quarry") is refuted by it (a newcomer's quarry story, session 59: the claim was
left not_enough_info, the model's P(refutes) 0.48).
"""

from __future__ import annotations

import re

from agent.text.facts import CAP_RUN, NOT_ENTITY
from agent.text.lexicon import is_noun
from agent.text.normalize import STOPWORDS
from agent.text.polarity import NEGATIONS

# The words that deny any tie, up to the preposition before the other entity.
_UNLINKED = re.compile(
    r"\b(?:no|any)\s+(?:connection|connections|link|links|ties|relation|affiliation)\s+"
    r"(?:whatsoever\s+)?(?:with|to)\b"
    r"|\b(?:not|never\s+been)\s+(?:connected|linked|related|affiliated)\s+(?:with|to)\b"
    r"|\bunconnected\s+(?:with|to)\b|\bnothing\s+to\s+do\s+with\b",
    re.IGNORECASE)
# Where the other entities end: the clause after the denial.
_CLAUSE_END = re.compile(r"[.;:!?\"“”]|,\s+(?!or\b|and\b|nor\b)|\s+(?:but|while|which|who)\s")


def _names(text: str) -> list[str]:
    """The capitalised names of `text`, lower-case, in order, without a leading word that
    names nothing ("The", "Despite"), nor one that only qualifies a noun after it ("the
    Ostley company": a place, not the company)."""
    out = []
    for m in CAP_RUN.finditer(text):
        words = m.group(0).split()
        while words and words[0].lower() in NOT_ENTITY:
            words = words[1:]
        after = re.match(r"\s+([a-z]+)\b", text[m.end():])
        if words and not (after and _qualified_noun(after.group(1))):
            out.append(" ".join(words).lower())
    return out


def _qualified_noun(word: str) -> bool:
    """A singular common noun a name may stand before as its qualifier ("company")."""
    return word not in STOPWORDS and not word.endswith("s") and is_noun(word)


def unlinked_pairs(sentence: str) -> list[tuple[str, str]]:
    """(entity, entity) for each pair the sentence says are unconnected, lower-case: the
    name right before the denial ("Felsham Health is not connected to ..."), else the
    sentence's first name (its subject, "Westcombe Savings Bank, which is based in
    Westcombe, ... has no link to ..."), and each name of the clause after it ("with Brackwell
    Stone Ltd or with Gorsefell Quarry"). A denial with no name on either side gives none."""
    pairs: list[tuple[str, str]] = []
    for m in _UNLINKED.finditer(sentence):
        before = sentence[: m.start()]
        verb = re.search(r"(?:\b(?:is|are|was|were|has|have|had|with|bears?|be)\s+)+$", before)
        head = before[: verb.start()] if verb else before
        near = _names(head[-60:]) if re.search(r"[A-Z][\w’'-]*\s*$", head) else []
        # (else the name the sentence opens with: "The Ostley company, whose TrailMag
        # tiles ..., stressed that it has" names no subject)
        opening = re.sub(r"^\W*(?:the\s+)?", "", before.lower())
        first = [n for n in _names(before)[:1] if opening.startswith(n)]
        subject = near[-1] if near else (first[0] if first else None)
        rest = sentence[m.end():]
        end = _CLAUSE_END.search(rest)
        others = _names(rest[: end.start()] if end else rest)
        pairs.extend((subject, other) for other in others if subject and other != subject)
    return pairs


def tie_denied(claim: str, sentence: str) -> tuple[str, str] | None:
    """The pair of the claim's names that the sentence says are unconnected, when the claim
    ties them with no negation of its own ("Brackwell Stoneworks operates Gorsefell
    Quarry"), or None. Each name must be one the claim writes whole: "Brackwell Stone"
    is not "Brackwell Stoneworks"."""
    pairs = unlinked_pairs(sentence)  # none in most sentences: the claim is read only after
    if not pairs:
        return None
    words = {w.lower() for w in re.findall(r"[\w’'-]+", claim)}
    if words & NEGATIONS or unlinked_pairs(claim):
        return None
    named = set(_names(claim))
    return next(((a, b) for a, b in pairs if a in named and b in named), None)
