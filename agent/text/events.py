"""Which event each day of a sentence dates.

A sentence that dates several things gives several days: "The 72-hour strike is due to end at
4am on Thursday", "a hearing expected tomorrow". Only a day of the claim's own event can
contradict the claim's day ("The strike began on Monday 14 September"). What is typed here is
time: a day still to come when the article was written (a weekday or relative day in a clause
about what is to come, "tomorrow", a day of the month after the publication date) does not date
what a claim says has happened (a claim whose dated clause speaks of no future). Such a day may
still be the claim's event put off ("will not take effect until 1 January" for "took effect on 1
September"); the sentence then says so in words the model reads, not in a date.

Words beside a day do not tell its event well enough to part two days: on the dev stories
outlets date one event in other words ("started leaking on the Saturday night" / "escaped ...
late on Sunday"), and a day often stands between its subject and its verb ("A journal
yesterday withdrew four papers").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Set
from datetime import date

from agent.text.actors import finite_verb
from agent.text.analysis import analyze, stems
from agent.text.dates import DAY_OF_MONTH, RELATIVE_DAY_WORDS, days_of_month, event_dates
from agent.text.facts import SPEECH_WORDS, WEEKDAYS
from agent.text.frames import WEEKDAY_WORD
from agent.text.number_words import words_to_digits
from agent.text.tense import ahead


def other_event_days(claim: str, evidence: str, published: date | None) -> frozenset[date]:
    """The days `evidence` (a sentence of an article dated `published`) names that date
    another event than the one `claim` dates: those after `published` when the claim's
    dated clause speaks of no future (module docstring), those before it when every one
    speaks of what is to come. Calendar dates; a weekday, a
    relative day and a day of the month ("on 18 May", in the year nearest `published`
    unless written with its own) are read against `published`; a day the claim names
    itself is the claim's. Empty without a publication date or when the claim dates
    nothing."""
    if published is None:
        return frozenset()
    past, future = _dates_the_past(claim), _dates_what_is_to_come(claim)
    if not (past or future):
        return frozenset()
    # the claim's own day is the claim's event ("takes effect on 31 July 2027")
    own = {(d.day, d.month) for d in days_of_month(words_to_digits(claim), published)}
    found = {when for when in _evidence_days(evidence, published)
             if (when > published if past else when < published)}
    # ... and the days of coordinate clauses that tell another act (most sentences have none)
    if elsewhere := days_of_other_clauses(claim, evidence):
        found |= {when for said, when in event_dates(evidence, published)
                  if said.split()[0].lower() in elsewhere}
    return frozenset(when for when in found if (when.day, when.month) not in own)


# Coordinate clauses: "The first patients fell ill on Friday, and tests have since confirmed"
_COORDINATE = re.compile(r",\s+(?:and|but)\s+|;\s+")
_RELATIVE_DAY = re.compile(rf"\b(?:{RELATIVE_DAY_WORDS})\b", re.IGNORECASE)


def _verbs(text: str) -> frozenset[str]:
    """The lemmas of `text`'s past and "-s" verb forms (agent.text.actors.finite_verb)."""
    return frozenset(lemma for w in re.findall(r"[a-z]+", text.lower())
                     for lemma in finite_verb(w))


def _days_named(text: str) -> set[str]:
    """The weekdays and relative days ("yesterday") `text` names, lower case."""
    return {m.group(0).lower().split()[0]
            for pattern in (WEEKDAY_WORD, _RELATIVE_DAY) for m in pattern.finditer(text)}


def days_of_other_clauses(claim: str, evidence: str) -> frozenset[str]:
    """The weekdays and relative days (lower case) that `evidence` names only in coordinate
    clauses (split at ", and", ", but", ";") holding none of the claim's verbs (those before
    a "that", "which" or "who"), when another of its clauses holds one and names no day:
    "The first patients on Ward 7 fell ill on Friday, and tests have since confirmed the bug
    as norovirus" does not date the confirming (a fresh dev claim, session 67: "Lab tests
    confirmed on 17 November" was refuted by that Friday). Empty for a sentence of one
    clause."""
    clauses = _COORDINATE.split(evidence)
    # the claim's own act, not one of a clause it goes on with ("every property that lost it")
    verbs = _verbs(re.split(r"\b(?:that|which|who|whose)\b", claim, maxsplit=1)[0])
    if len(clauses) < 2 or not verbs:
        return frozenset()
    telling = [c for c in clauses if _verbs(c) & verbs]
    if not telling or any(_days_named(c) for c in telling):
        return frozenset()
    return frozenset(d for c in clauses if not _verbs(c) & verbs for d in _days_named(c))


@functools.lru_cache(maxsize=4096)  # the checks ask it for every evidence sentence
def _days_ahead(claim: str) -> tuple[bool, ...]:
    """For each day `claim` names (a weekday or a day of the month), whether its clause
    speaks of what is to come (agent.text.tense.ahead)."""
    digits = words_to_digits(claim)
    return tuple(ahead(digits, m.group(0)) for pattern in (WEEKDAY_WORD, DAY_OF_MONTH)
                 for m in pattern.finditer(digits))


def _dates_the_past(claim: str) -> bool:
    """Whether `claim` names a day and none of its dated clauses speaks of what is to come."""
    days = _days_ahead(claim)
    return bool(days) and not any(days)


def _dates_what_is_to_come(claim: str) -> bool:
    """Whether `claim` names a day and every dated clause of it speaks of what is to come
    ("The walkout is scheduled to finish on Friday morning"): a day before the evidence
    article's date dates another event then (a newcomer's strike story, session 66: the
    claim was refuted by "The walkout, which started ... on Tuesday morning, ...")."""
    days = _days_ahead(claim)
    return bool(days) and all(days)


def tells_a_statement(claim: str) -> bool:
    """Whether `claim` tells of a speech act ("was announced on 2 November", "The mayor
    spoke at the depot on Saturday": agent.text.facts.SPEECH_WORDS). A claim that tells of
    none is not dated by the day a source's speaker spoke ("will close on 31 July 2027"
    against "..., the university announced on Monday": a newcomer trial, session 46)."""
    return SPEECH_WORDS.search(claim) is not None


def _evidence_days(text: str, published: date) -> Iterator[date]:
    """The date of each day `text` dates an event on: its relative days, event weekdays and
    days of the month."""
    for _, when in event_dates(text, published):
        yield when
    yield from days_of_month(words_to_digits(text), published)


# "on Saturday, two days after health chiefs voted": the day dates the gathering; the vote
# was two days before it. Only whole days and "a day" are read.
_DAYS_APART = re.compile(
    r"\b(?P<day>" + "|".join(WEEKDAYS) + r")\b[^.;]{0,60}?\b(?P<n>\d{1,2}|a|one)\s+days?\s+"
    r"(?P<rel>after|before)\s+(?P<clause>[^.;]+)", re.IGNORECASE)
_GAP_WORDS = re.compile(r"\bdays?\s+(?:after|before)\b", re.IGNORECASE)  # in words or digits


def day_gaps(claim: str, evidence: str) -> tuple[tuple[str, int], ...]:
    """(weekday of `evidence` (lower case), days from it to the event `claim` tells) for a
    day that dates the main clause of "on Saturday, two days after health chiefs voted"
    when the "N days after / before" clause holds more of the claim's content stems, names
    aside, than the words before it (("saturday", -2): the vote was on Thursday). A newcomer
    trial: a Thursday vote was read as contradicted by the protest's Saturday."""
    if not _GAP_WORDS.search(evidence):  # asked for every (claim, sentence) pair
        return ()
    digits = words_to_digits(evidence)
    claim_terms = stems(claim) - analyze(claim).name_stems  # what happened, not to whom
    gaps: dict[str, int] = {}
    for m in _DAYS_APART.finditer(digits):
        n = 1 if m.group("n").lower() in ("a", "one") else int(m.group("n"))
        inside = len(claim_terms & stems(m.group("clause")))
        if inside > len(claim_terms & stems(digits[: m.start("n")])):
            gaps[m.group("day").lower()] = -n if m.group("rel").lower() == "after" else n
    return tuple(gaps.items())


def shift_days(found: Set[str], gaps: tuple[tuple[str, int], ...]) -> frozenset[str]:
    """Weekdays `found` (lower case), each moved by its gap in `gaps` (`day_gaps`)."""
    by_day = dict(gaps)
    return frozenset(WEEKDAYS[(WEEKDAYS.index(d) + by_day[d]) % 7] if d in by_day else d
                     for d in found)
