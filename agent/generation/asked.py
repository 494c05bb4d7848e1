"""What a question asks for, checked against an answer before it is given: the kind of figure
("how much will the recount cost" asks for a sum of money, "how long a sentence" for a
duration, "how fast" for a speed) and the day it is about ("on Tuesday, the strike's second
day"). An answer that gives no figure of the kind asked, or tells of another day than the
question's, restates a nearby fact: the answerer abstains instead (issue 13: answers say only
what a cited sentence says, and abstain when the question's key detail is in no evidence).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.retrieval.evidence import answer_type_match
from agent.text.analysis import analyze
from agent.text.normalize import STOPWORDS
from agent.text.quantities import quantities
from agent.text.slots import name_slots, near_miss_name, sibling_in
from agent.types import AnswerSentence

_HOW_MANY = re.compile(r"\bhow many\s+(\w+)", re.IGNORECASE)

# (question cue, kinds of figure that answer it: agent.text.quantities kinds)
_ASKED_FIGURES: list[tuple[re.Pattern[str], frozenset[str]]] = [
    # "By how much did the price rise?": a change, in money or in per cent
    (re.compile(r"\bby how much\b", re.IGNORECASE),
     frozenset({"money", "percent", "count", "measure"})),
    (re.compile(r"\bhow much\b.*\b(?:cost|costs|pay|paid|fine|fined|price|worth|spen[dt]|"
                r"loan|fund|funding|fee|fees|raised?|compensation|charge|budget|bill|owe)\b"
                r"|\bhow much money\b|\bwhat (?:price|sum)\b", re.IGNORECASE),
     frozenset({"money"})),
    (re.compile(r"\bhow long\b", re.IGNORECASE), frozenset({"duration", "measure", "time"})),
    (re.compile(r"\bhow (?:far|fast|high|tall|deep|wide|heavy)\b", re.IGNORECASE),
     frozenset({"measure"})),
    (re.compile(r"\bwhat (?:percentage|proportion|share)\b", re.IGNORECASE),
     frozenset({"percent"})),
    (re.compile(r"\b(?:which|what) year\b", re.IGNORECASE), frozenset({"year"})),
]


def asked_figure_kinds(question: str) -> frozenset[str] | None:
    """The kinds of figure that answer `question` (the first cue that matches), or None
    when it asks for no particular kind."""
    return next((kinds for cue, kinds in _ASKED_FIGURES if cue.search(question)), None)


# A second question joined to the first ("What position did he hold, and for how long?",
# "Where was he tried, and what was he convicted of?"): one part may be answered alone.
COMPOUND = re.compile(r"\b(?:and|or)\s+(?:what|who|where|when|why|how|which|for how)\b",
                       re.IGNORECASE)


def gives_asked_figure(question: str, texts: Sequence[str]) -> bool:
    """Whether `texts` (the answer's sentences) give a figure of a kind the question asks
    for; True when it asks for none, or asks two things."""
    if COMPOUND.search(question):
        return True
    kinds = asked_figure_kinds(question)
    return kinds is None or any(q.kind in kinds for t in texts for q in quantities(t))


def tells_another_day(question: str, texts: Sequence[str]) -> bool:
    """Whether the question dates what it asks about to a weekday ("on Tuesday") and the
    answer's sentences name weekdays, none of them the question's: "38 flights were cancelled
    on Monday" does not answer how many were cancelled on Tuesday."""
    asked = analyze(question).event_weekdays
    told = frozenset().union(*(analyze(t).event_weekdays for t in texts)) if texts else frozenset()
    return bool(asked and told and not asked & told)


def _singular(word: str) -> str:
    """A crude singular, enough to match "seats" with "40,000-seat" and "buses" with "bus"."""
    for suffix, repl in (("ies", "y"), ("s", "")):
        if len(word) > 3 and word.endswith(suffix):
            return word[: -len(suffix)] + repl
    return word


def counts_what_is_asked(question: str, sentences: Sequence[AnswerSentence]) -> bool:
    """A "how many X" answer must cite a sentence that names X: "How many buses used the
    bridge?" is not answered by "14,000 vehicles a day" (a lure: the figure is there, the
    thing counted is not)."""
    m = _HOW_MANY.search(question)
    if m is None or not sentences or m.group(1).lower() in STOPWORDS:
        return True
    head = _singular(m.group(1).lower())
    cited = {_singular(w) for s in sentences for c in s.citations
             for w in re.findall(r"[a-z]+", c.quote.lower())}
    # "nurses"/"nurse", "buses"/"bus": one singular is a prefix of the other
    return any(w.startswith(head) or (len(w) >= 3 and head.startswith(w)) for w in cited)


def gives_asked_kind(question: str, sentences: Sequence[AnswerSentence]) -> bool:
    """A *how many* answer has a number, a *when* answer a date, a *where* answer a place
    (questions of no such kind pass; agent.retrieval.evidence.answer_type_match). The small
    model sometimes restates a nearby sentence instead of answering."""
    if answer_type_match(question, "") is None:
        return True  # a question of no particular kind: nothing to check
    return any(answer_type_match(question, s.text) for s in sentences)


def names_another_entity(question: str, sentences: Sequence[AnswerSentence]) -> str | None:
    """The entity the answer's cited quotes name in place of one the question names, when
    no quote names the question's own (lower-cased), else None: a near-spelling
    (`slots.near_miss_name`: "Nora Castellan" for "Naomi Castellane") or a sibling
    (`slots.sibling_in`: "Harbour City Wanderers" for "Harbour City Rovers"). The answer
    would give the other entity's facts as the asked one's (shared case 08's kind)."""
    quotes = [c.quote for s in sentences for c in s.citations]
    for slot in name_slots(question):
        if not quotes or any(slot.name.lower() in q.lower() for q in quotes):
            continue
        for q in quotes:
            other = sibling_in(slot.name, q)
            if other:
                return other
    return next((other for q in quotes if (other := near_miss_name(question, q))), None)
