"""How much of a sentence its quotes back: the one support measure of answers, summary lines
and their checks (agent.generation.answer, story_summary, sentence_checks)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from agent.text.analysis import analyze
from agent.text.facts import entities, mentions
from agent.text.normalize import content_terms, normalize_for_match

# An answer sentence must have this share of its content words in its cited evidence.
MIN_SUPPORT = 0.5
_NUMBER = re.compile(r"\d[\d,.]*")


def numbers_in(text: str) -> set[str]:
    """The numbers written in digits in `text`, without thousands separators."""
    return {n.rstrip(".,").replace(",", "") for n in _NUMBER.findall(text)}


def support_score(sentence: str, evidence: Sequence[str], question: str = "") -> float:
    """Share of the sentence's content words found in the evidence (0 if a number is missing,
    written in digits or in words: "Sixty-three patients" is not backed by "More than 70
    patients", agent.text.quantities).

    Words from the question are not counted: restating the question proves nothing."""
    joined = " ".join(evidence)
    if not numbers_in(sentence) <= numbers_in(joined):
        return 0.0
    have = analyze(joined).quantities
    if any(not any(q.agrees(h) for h in have) for q in analyze(sentence).quantities
           if q.kind != "ordinal"):
        return 0.0
    terms = content_terms(sentence) - content_terms(question)
    if not terms:
        return 1.0
    return len(terms & content_terms(joined)) / len(terms)


def unbacked_names(sentence: str, named: Sequence[str], question: str = "") -> set[str]:
    """The names of `sentence` (capitalised spans, agent.text.facts.entities, lower-case)
    that neither `question` nor any text of `named` (its quotes, and the outlet, byline or
    title of their articles) names: the writer's, not the sources' ("in Tresham" from
    quotes that never say Tresham). A name counts as named when one of its words is."""
    asked, have = normalize_for_match(question), normalize_for_match(" ".join(named))
    return {n for n in entities(sentence) if not mentions(asked, n) and not mentions(have, n)}


# How alike a name's word and a question's word must be to be two spellings: "corvane" and
# "corvana" (6 of 7 letters alike, 0.86) are; "corvane" and "corby" are not.
RESPELLING_RATIO = 0.8
_NAME_WORD = re.compile(r"[a-z][a-z'’-]{3,}")


def respelled_names(sentence: str, question: str) -> set[str]:
    """The words of the question's names (4+ letters) that `sentence` does not give but gives
    in another spelling of the same first letter (RESPELLING_RATIO, by difflib's ratio; no
    inflection: "telecom" of "telecoms"): the answer is about the look-alike of what was
    asked. A data-breach newcomer asked "What did Corvana Telecoms say?", and the answer said
    "Corvane Telecom said ...", citing the quote about Corvana."""
    said = {w for n in entities(sentence) for w in _NAME_WORD.findall(n)}
    asked = {w for n in entities(question) for w in _NAME_WORD.findall(n)}
    return {a for a in asked - said
            if any(w[0] == a[0] and not (w.startswith(a) or a.startswith(w))
                   and SequenceMatcher(None, a, w).ratio() >= RESPELLING_RATIO
                   for w in said - asked)}
