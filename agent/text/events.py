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

import contextlib
import re
from collections.abc import Iterator
from datetime import date

from agent.text.dates import ahead, nearest_date, relative_days, weekday_date
from agent.text.facts import MONTHS, event_weekdays
from agent.text.frames import WEEKDAY_WORD
from agent.text.number_words import words_to_digits

_MONTH_NAMES = "|".join(m.title() for m in MONTHS)
# A day of the month: "14 September", "1st of June", "1 September 2025".
_DAY_OF_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_NAMES})\b(?:,?\s+((?:19|20)\d\d)\b)?")


def other_event_days(claim: str, evidence: str, published: date | None) -> frozenset[date]:
    """The days `evidence` (a sentence of an article dated `published`) names that date
    another event than the one `claim` dates: those after `published` when the claim's
    dated clause speaks of no future (module docstring). Calendar dates; a weekday, a
    relative day and a day of the month ("on 18 May", in the year nearest `published`
    unless written with its own) are read against `published`. Empty without a
    publication date or when the claim dates nothing."""
    claim_digits = words_to_digits(claim)
    spans = [*_day_spans(claim_digits)]
    if published is None or not spans:
        return frozenset()
    if any(ahead(claim_digits, claim_digits[s:e]) for s, e in spans):
        return frozenset()  # the claim tells what is to come: any day to come may be its own
    return frozenset(when for when in _evidence_days(evidence, published) if when > published)


def _day_spans(digits: str) -> Iterator[tuple[int, int]]:
    """Where a text names a day: its weekdays and days of the month."""
    for m in WEEKDAY_WORD.finditer(digits):
        yield m.start(), m.end()
    for m in _DAY_OF_MONTH.finditer(digits):
        yield m.start(), m.end()


def _evidence_days(text: str, published: date) -> Iterator[date]:
    """The date of each day `text` dates an event on: its relative days, event weekdays and
    days of the month."""
    digits = words_to_digits(text)
    for _, when in relative_days(text, published):
        yield when
    for day in event_weekdays(text):
        yield weekday_date(text, day, published)
    for m in _DAY_OF_MONTH.finditer(digits):
        nth, month = int(m.group(1)), MONTHS.index(m.group(2).lower()) + 1
        if m.group(3):  # the year it is written with
            with contextlib.suppress(ValueError):  # "31 June 2025": no such day
                yield date(int(m.group(3)), month, nth)
            continue
        dated = nearest_date(nth, month, published)
        if dated is not None:
            yield dated
