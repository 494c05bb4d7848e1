"""Weekdays read as dates of the month, relative to the article's own date.

News dates events by weekday ("the first patients fell ill on Sunday"); a claim, or another
outlet, gives the date ("on 15 November"). Read against the article's publication date
(Thursday 19 November 2026), "on Sunday" is 15 November: the latest Sunday on or before it,
since news reports what happened, or the next Sunday after it when the sentence speaks of
what is to come ("will reopen on Monday"). Publication dates are parsed with `dateparser`
(a maintained parser of human-written dates, day-first when ambiguous, as in the outlets'
"19/11/2026 13:20").
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from agent.text.facts import (
    MONTHS,
    WEEKDAYS,
    beside_speech,
    event_weekdays,
    speech_weekdays,
)
from agent.text.quantities import Quantity, quantities
from agent.text.tense import ahead, behind, untensed

# A date or time phrase, with the preposition that introduces it: "on Sunday 9 November
# 2025", "in March", "since 2019", "at 4am". Month and weekday names count only capitalised
# ("may" is mostly a verb).
MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS)
DAY_NAMES = "|".join(d.capitalize() for d in WEEKDAYS)
# A day of the month, written day first ("14 September", "1st of June"): day, month.
_MONTH_DAY = rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_NAMES})\b"
# ... and the year written with it, if any ("1 September 2025").
DAY_OF_MONTH = re.compile(rf"{_MONTH_DAY}(?:,?\s+((?:19|20)\d\d)\b)?")
_DATE_PHRASE = re.compile(
    rf"(?:\b(?:on|in|by|from|since|until|at|last|this|next|early on|late on)\s+)?(?:"
    rf"\b(?:{DAY_NAMES})(?:\s+(?:night|morning|afternoon|evening))?"
    rf"|{_MONTH_DAY}"
    rf"|\b(?:{MONTH_NAMES})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b)?"
    rf"|\b(?:19|20)\d\d\b"
    rf"|\b\d{{1,2}}(?:[:.]\d{{2}})?\s*(?i:[ap]\.?m\b\.?)"
    rf")(?:,?\s+(?:19|20)\d\d\b)?"
)


def strip_dates(text: str) -> str:
    """`text` without its date and time phrases ("The break-in happened early on Sunday 9
    November 2025" -> "The break-in happened"): what is left says what happened, for a
    search that should find the outlets giving another date for it."""
    return " ".join(_DATE_PHRASE.sub(" ", text).split())


@functools.lru_cache(maxsize=4096)
def publication_date(raw: str | None) -> date | None:
    """The calendar date of an article's date field ("Thursday, 19 November 2026",
    "19/11/2026 13:20", "2026-11-19"), or None when there is none or it cannot be read."""
    if not raw or not raw.strip():
        return None
    import dateparser  # imported on first use: the package loads its locale data

    parsed = dateparser.parse(raw, languages=["en"],
                              settings={"DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed is not None else None


@functools.lru_cache(maxsize=8192)  # the checks ask it again through `implied_years`
def weekday_dates(text: str, published: date | None,
                  gaps: tuple[tuple[str, int], ...] = (),
                  statements: bool = True) -> tuple[Quantity, ...]:
    """The day of the month of each weekday that dates what `text` tells
    (agent.text.facts.event_weekdays), as a "day" quantity (agent.text.quantities: value the
    day, head the month), when the sentence gives no date of its own; empty without a
    publication date. `gaps`: days to add to a weekday's date (("saturday", -2) for "on
    Saturday, two days after the vote", read of the vote: agent.text.events.day_gaps).
    Without `statements`, a day that dates a speech act ("the university announced on
    Monday", agent.text.facts.beside_speech) is left out: it dates the saying, not what
    is said (a newcomer trial, session 46)."""
    if published is None or any(q.kind == "day" for q in quantities(text)):
        return ()
    by_day, out = dict(gaps), []
    spoken = set() if statements else speech_weekdays(text)
    for said, when in event_dates(text, published):
        if said.split()[0].lower() in spoken:
            continue
        if gap := by_day.get(said.split()[0].lower(), 0):
            when += timedelta(days=gap)
            said = _weekday_phrase(WEEKDAYS[when.weekday()], when)
        out.append(_day_of_month(when, said))
    return tuple(out)


def event_dates(text: str, published: date) -> Iterator[tuple[str, date]]:
    """(the day as a date phrase, its date) of each relative day ("yesterday 16 october")
    and each event weekday ("Monday 14 September") of `text`, an article's sentence of date
    `published` (`relative_days`, `weekday_date`)."""
    for word, when in relative_days(text, published):
        yield f"{word} {when.day} {MONTHS[when.month - 1]}", when
    for day in sorted(event_weekdays(text)):
        when = weekday_date(text, day, published)
        yield _weekday_phrase(day, when), when


def _weekday_phrase(day: str, when: date) -> str:
    """"Monday 14 September": weekday `day` (lower case) with its date `when`."""
    return f"{day.title()} {when.day} {MONTHS[when.month - 1].title()}"


def weekday_date(text: str, day: str, published: date) -> date:
    """The date of weekday `day` (lower case) in `text`, an article's sentence of date
    `published`: the day of the month the text writes after it ("Wednesday 4 November",
    "Wednesday, November 4"), else the latest such day on or before `published`, or the
    next one after it when the day's clause speaks of what is to come (`ahead`) or names
    it "this Saturday"; "next Thursday" is the nearest Thursday more than two days after
    `published`."""
    written = re.search(rf"\b{day},?\s+(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
                        rf"(?P<m1>{MONTH_NAMES})|(?P<m2>{MONTH_NAMES})\s+(?P<d2>\d{{1,2}}))\b",
                        text, re.IGNORECASE)
    if written:
        month = (written.group("m1") or written.group("m2")).lower()
        when = nearest_date(int(written.group("d1") or written.group("d2")),
                            MONTHS.index(month) + 1, published)
        if when is not None:  # "Wednesday 31 November" is no date
            return when
    shift = (published.weekday() - WEEKDAYS.index(day)) % 7
    if re.search(rf"\bnext\s+{day}\b", text, re.IGNORECASE):
        # "next Thursday" is no day of the next two: one would say "tomorrow". In an
        # article of Wednesday 9 December it is 17 December (a business newcomer's wire
        # gave that date; the gloss had said 10 December); said on a Monday, the nearer
        # Thursday may be meant, and is kept.
        ahead_days = (WEEKDAYS.index(day) - published.weekday()) % 7 or 7
        return published + timedelta(days=ahead_days + (7 if ahead_days <= 2 else 0))
    if ahead(text, day) or re.search(rf"\bthis\s+{day}\b", text, re.IGNORECASE):
        # "this Saturday" is the coming one ("Rusk's first game in charge is away at Brindle
        # Town this Saturday", in an article of Tuesday 17 March: a sport newcomer, session
        # 71, had it glossed as the Saturday gone)
        return published + timedelta(days=(7 - shift) % 7)
    if untensed(text, day) and 7 - shift < shift:
        # an infinitive's day ("asked for the committee to meet on Thursday", in an article
        # of Tuesday 3 March: a science newcomer, session 60) is the nearer one, not the
        # one gone by default
        return published + timedelta(days=7 - shift)
    return published - timedelta(days=shift)


def implied_years(text: str, published: date | None,
                  statements: bool = True) -> tuple[Quantity, ...]:
    """The year of each date `text` gives without one, as a "year" quantity: a day of the
    month ("from 1 June") or a weekday or relative day read as one (`weekday_dates`) is in
    the year that puts it nearest the publication date ("1 June" in an article of 20 May
    2026 is 2026; "28 December" in one of 3 January 2026 is 2025). Empty when `text` names a
    year itself, other than one something runs from ("since 2019", `_SINCE_YEAR`), or has no
    publication date. News gives the year of a current date rarely,
    a claim often ("from 1 June 2026"). Without `statements`, the day of a speech act
    implies no year (`weekday_dates`)."""
    found = quantities(text)
    # a year a tenure runs from dates no day of the sentence: "Gordon Pryce, who had been
    # chief executive since 2019, stepped down yesterday" is dated in the article's year (a
    # fresh dev claim, session 67: "... stepped down on 22 November 2026" lacked its year)
    since = set(_SINCE_YEAR.findall(text))
    if published is None or any(q.kind == "year" and q.said not in since for q in found):
        return ()
    # "will close on 31 July" in an article of November: next July, not the nearer past one
    # (a newcomer trial, session 46); weekday dates are dated by their words already
    days = [(q, ahead(text, q.said), behind(text, q.said)) for q in found if q.kind == "day"]
    days += [(q, False, False) for q in weekday_dates(text, published, (), statements)]
    years = {when.year for q, to_come, gone in days
             if (when := tensed_date(int(q.value), MONTHS.index(q.head) + 1, published,
                                     to_come, gone)) is not None}
    return tuple(Quantity(float(y), float(y), float(y), "year") for y in sorted(years))


def tensed_date(day: int, month: int, published: date, to_come: bool,
                gone: bool) -> date | None:
    """The date `day` `month` (1-12) of a sentence published on `published`: the first on
    or after it when the sentence tells what is `to_come` (`ahead`), the last on or before
    it when it tells what is `gone` (`behind`), else the nearest (`nearest_date`); None
    when there is no such day."""
    found = _candidates(day, month, published)
    if to_come and (later := [d for d in found if d >= published]):
        return later[0]
    if gone and (earlier := [d for d in found if d <= published]):
        return earlier[-1]
    return min(found, key=lambda d: abs((d - published).days), default=None)


def _candidates(day: int, month: int, published: date) -> list[date]:
    """`day` `month` in the year before `published`'s, its own and the next, where it exists."""
    found = []
    for year in (published.year - 1, published.year, published.year + 1):
        with contextlib.suppress(ValueError):
            found.append(date(year, month, day))
    return found


def nearest_date(day: int, month: int, published: date) -> date | None:
    """The date `day` `month` (1-12) in the year that puts it nearest `published`; None when
    there is no such day ("31 June")."""
    return tensed_date(day, month, published, to_come=False, gone=False)


def days_of_month(text: str, published: date) -> Iterator[date]:
    """Each day of the month `text` writes (`DAY_OF_MONTH`, numbers in words read first by
    the caller) as a date: in the year written with it, else in the year nearest
    `published` (`nearest_date`); a day no month has ("31 June") is skipped."""
    for m in DAY_OF_MONTH.finditer(text):
        nth, month = int(m.group(1)), MONTHS.index(m.group(2).lower()) + 1
        if m.group(3):  # the year it is written with
            with contextlib.suppress(ValueError):
                yield date(int(m.group(3)), month, nth)
            continue
        dated = nearest_date(nth, month, published)
        if dated is not None:
            yield dated


def _day_of_month(when: date, said: str) -> Quantity:
    """`when` as a "day" quantity (value the day of the month, head the month's name)."""
    day = float(when.day)
    return Quantity(day, day, day, "day", "", MONTHS[when.month - 1], said=said)


# A day named relative to the article's date, with its offset in days.
# (not "a week ago today": an anniversary, the day a week before)
RELATIVE_DAY_WORDS = (r"yesterday|today|tonight|tomorrow|last night"
                      r"|this (?:morning|afternoon|evening)")
_RELATIVE_DAY = re.compile(rf"\b(?<!ago )({RELATIVE_DAY_WORDS})\b", re.IGNORECASE)
_DAY_OFFSET = {"yesterday": -1, "tomorrow": 1, "last night": -1}


def relative_day(word: str, published: date) -> date:
    """The date of a relative day's word ("yesterday", "this morning"; lower-case) in an
    article of date `published`."""
    return published + timedelta(days=_DAY_OFFSET.get(word, 0))


def relative_days(text: str, published: date | None) -> list[tuple[str, date]]:
    """(the words, the date) of each day `text` names relative to its publication date
    ("yesterday afternoon" in an article of Friday 17 October is Thursday 16 October), not
    one that dates a speech act ("said yesterday", "yesterday told": agent.text.facts.
    beside_speech, as for weekdays); empty without a publication date."""
    if published is None:
        return []
    out = []
    for m in _RELATIVE_DAY.finditer(text):
        if beside_speech(text, m.start(), m.end()):
            continue
        word = m.group(1).lower()
        out.append((word, relative_day(word, published)))
    return out


def relative_weekdays(text: str, published: date | None) -> frozenset[str]:
    """The weekday names of the days `text` names relative to its date (`relative_days`)."""
    return frozenset(WEEKDAYS[when.weekday()] for _, when in relative_days(text, published))


def dated_weekdays(found: Iterable[Quantity], published: date | None) -> frozenset[str]:
    """The weekday names of the days of the month among `found` (kind "day": the day of the
    month, the month's name as its head), each in the year nearest `published`: "on March
    26", in an article of March 2026, is a Thursday. Empty without a `published`."""
    if published is None:
        return frozenset()
    dated = (nearest_date(int(q.value), MONTHS.index(q.head) + 1, published)
             for q in found if q.kind == "day" and q.head in MONTHS)
    return frozenset(WEEKDAYS[when.weekday()] for when in dated if when is not None)


# "last year", "this month": a period named relative to the article's date.
_RELATIVE_PERIOD = re.compile(r"\b(last|previous|this|next)\s+(year|month)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SHIFT = {"last": -1, "previous": -1, "this": 0, "next": 1}


def _month_shift(published: date, months: int) -> tuple[int, int]:
    n = published.year * 12 + published.month - 1 + months
    return n // 12, n % 12 + 1


def relative_periods(text: str, published: date | None) -> frozenset[tuple[int, int]]:
    """The periods `text` names relative to its date, as (year, month) with month 0 for a
    whole year: "last year" in an article of 19 November 2026 is (2025, 0), "last month"
    (2026, 10). Empty without a publication date."""
    if published is None:
        return frozenset()
    out = set()
    for m in _RELATIVE_PERIOD.finditer(text):
        shift = _SHIFT[m.group(1).lower()]
        if m.group(2).lower() == "year":
            out.add((published.year + shift, 0))
        else:
            out.add(_month_shift(published, shift))
    return frozenset(out)


def relative_years(text: str, published: date | None) -> tuple[Quantity, ...]:
    """The years of the periods `text` names relative to its date (`relative_periods`), as
    "year" quantities: "reviewed last year" in an article of 2025 gives 2024."""
    years = sorted({year for year, _ in relative_periods(text, published)})
    return tuple(Quantity(float(y), float(y), float(y), "year") for y in years)


_SINCE_YEAR = re.compile(r"\bsince\s+((?:19|20)\d\d)\b(?!\s*[-–]\d)")


def years_since(text: str, published: date | None) -> tuple[Quantity, ...]:
    """The time from each year `text` counts from ("has run the crossing since 1997") to its
    article's date, as a duration in whole years, as a reader would put it: 29 in an
    article of 2026, whatever the months."""
    if published is None:
        return ()
    spans = sorted({published.year - int(y) for y in _SINCE_YEAR.findall(text)})
    return tuple(Quantity(float(n), float(n), float(n), "duration", "", "year", True,
                          f"since {published.year - n}") for n in spans if n > 0)


def named_periods(text: str, published: date | None) -> frozenset[tuple[int, int]]:
    """Every period `text` names or dates its events in, as (year, month), month 0 for a
    whole year: years ("in 2023"), months (of the article's year unless a year follows:
    "in March", "3 March 2026"), relative periods (`relative_periods`) and the months of
    the weekdays it dates events by (`weekday_dates`)."""
    out = set(relative_periods(text, published))
    out.update((int(y), 0) for y in _YEAR.findall(text))
    for n, month in enumerate(MONTHS):  # capitalised: "may" is mostly a verb
        for m in re.finditer(rf"\b{month.title()}\b(?:\s+\d{{1,2}}\b,?)?(?:\s+((?:19|20)\d\d))?",
                             text):
            year = int(m.group(1)) if m.group(1) else (published.year if published else None)
            if year is not None:
                out.add((year, n + 1))
    if published is not None:
        for q in weekday_dates(text, published):
            # a weekday a few days back may fall in the month before the article's
            nth = MONTHS.index(q.head) + 1
            out.add((published.year - (nth > published.month), nth))
    return frozenset(out)
