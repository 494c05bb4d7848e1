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

from agent.text.facts import FINITE_CUES, MONTHS, WEEKDAYS, beside_speech, event_weekdays
from agent.text.lexicon import is_past_form
from agent.text.quantities import Quantity, quantities

# Words that put what a sentence tells after its publication.
# "would" is the future of a report ("said it would announce compensation on Wednesday"),
# not "would have" (what did not happen).
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|would(?!\s+have)|scheduled|expected to|plans? to|"
    r"(?:is|are) (?:due|to))\b",
    re.IGNORECASE)
# An obligation puts a day after it to come ("must tell the board ... by 19 June"), not one
# before it ("candidates who sat the paper on 9 June must take the new one").
_DUE = re.compile(r"\bmust(?!\s+have)\b", re.IGNORECASE)


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


# Where one clause of a sentence ends and another begins; "that" opens a reported clause
# ("said on Tuesday that seven papers will be retracted": the saying is past), and so does
# a reporting clause after a comma ("... will rise from 1 April, the company announced on
# Monday": the announcing is past).
_REPORTING = rf"(?:{FINITE_CUES}|announced|confirmed)"  # a reporting verb of a clause
_CLAUSES = re.compile(r"[;:]|,\s+(?:and|but|while|whereas|although)\s+|\s+[—–]\s+|\s+that\s+"
                      rf"|,\s+(?=(?:[\w’'-]+\s+){{1,5}}{_REPORTING}\b)",
                      re.IGNORECASE)


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
                  gaps: tuple[tuple[str, int], ...] = ()) -> tuple[Quantity, ...]:
    """The day of the month of each weekday that dates what `text` tells
    (agent.text.facts.event_weekdays), as a "day" quantity (agent.text.quantities: value the
    day, head the month), when the sentence gives no date of its own; empty without a
    publication date. `gaps`: days to add to a weekday's date (("saturday", -2) for "on
    Saturday, two days after the vote", read of the vote: agent.text.events.day_gaps)."""
    if published is None or any(q.kind == "day" for q in quantities(text)):
        return ()
    by_day, out = dict(gaps), []
    for said, when in event_dates(text, published):
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
    next one after it when the day's clause speaks of what is to come (`ahead`)."""
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
    if ahead(text, day):
        return published + timedelta(days=(7 - shift) % 7)
    return published - timedelta(days=shift)


def ahead(text: str, word: str) -> bool:
    """Whether the clause of `text` holding `word` speaks of what is to come ("will reopen on
    Monday", "must apply by Friday"); what is to come is told in the word's own clause
    ("retracted four on Tuesday, and the rest are expected to follow": Tuesday is past)."""
    clause = _clause_of(text, word)
    # "next" only for the word itself: "voted on Thursday to ... from next September"
    if re.search(rf"\bnext\s+(?:{re.escape(word)}|week)\b", clause, re.IGNORECASE):
        return True
    at = clause.lower().find(word.lower())
    before = sorted((m for cue in (_FUTURE, _DUE) for m in cue.finditer(clause) if m.end() <= at),
                    key=lambda m: m.end())
    if before:
        # a past verb between the future and the word dates the word ("would consider a
        # review of the warnings issued on Friday": Friday is past)
        return not _past_verb(clause, before[-1].end(), max(at, before[-1].end()))
    return _FUTURE.search(clause) is not None


# A verb of what was: a past form of "be", "have" or "do", or a past form not after "is" /
# "are" / "be" (a passive or an adjective of the present: "is licensed until 2027"): one in
# -ed, or one the verb lexicon knows ("came into force", "brought in"; agent.text.lexicon),
# not the end of a compound ("midwife-led").
_PAST = re.compile(r"\b(?:was|were|had|did)\b|(?<!\bis )(?<!\bare )(?<!\bbe )(?<![\w-])[a-z]{3,}\b",
                   re.IGNORECASE)
# A word after a determiner is a noun or its modifier ("on the ground", "a bit later").
_AFTER_DETERMINER = re.compile(r"\b(?:a|an|the|its|their|his|her|our|this|that|these|those)\s+$",
                               re.IGNORECASE)


def _past_words(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """The matches of `_PAST` in text[start:end] that are past verbs: "was", "had" ..., a
    word in -ed, or a past form of the lexicon not right after a determiner."""
    for m in _PAST.finditer(text, start, len(text) if end is None else end):
        word = m.group(0).lower()
        if (word in ("was", "were", "had", "did") or (len(word) > 4 and word.endswith("ed"))
                or (is_past_form(word)
                    and not _AFTER_DETERMINER.search(text, max(0, m.start() - 8), m.start()))):
            yield m


# An -ed word between a determiner and its noun describes the noun, whatever the tense: "will
# switch to a temporary, reduced timetable from Monday" tells what is to come.
_ADJECTIVE_ED = re.compile(r"\b(?:a|an|the|its|their|his|her|our|this|these|those)\s+"
                           r"(?:[a-z-]+,\s+|[a-z]+ly\s+)?([a-z]{3,}ed)\b"
                           r"(?=\s+(?!(?:on|in|at|by|for|to|from|with|of|and|or|but|after|"
                           r"before|when|that|which|as|until|since)\b)[a-z])", re.IGNORECASE)


def _past_verb(clause: str, start: int, end: int) -> bool:
    """Whether clause[start:end] holds a verb of what was (`_PAST`), an -ed word that
    describes a noun (`_ADJECTIVE_ED`) left out."""
    adjectives = {m.start(1) for m in _ADJECTIVE_ED.finditer(clause)}
    return any(m.start() not in adjectives for m in _past_words(clause, start, end))


def behind(text: str, word: str, sentence: bool = False) -> bool:
    """Whether the clause of `text` holding `word` tells what was: a past verb and no sign of
    what is to come (`ahead`): "In 2023 the board downgraded the unit"; not "is not eligible
    to play until 2027". With `sentence`, a past verb anywhere in `text` will do when the
    clause has an irregular one ("said ... a failure that cut service on Tuesday")."""
    if ahead(text, word):
        return False
    return next(_past_words(text if sentence else _clause_of(text, word)), None) is not None


# A reported clause with no "that" opens after its reporting verb and the day it was said
# ("The council said on Monday the bridge will reopen": the saying is Monday's, past).
_SAID_ON = re.compile(rf"\b{_REPORTING}\s+(?:on\s+)?"
                      rf"(?:{'|'.join(WEEKDAYS)}|yesterday|today)\b", re.IGNORECASE)


def _clause_of(text: str, word: str) -> str:
    """The clause of `text` (split at `_CLAUSES` and after `_SAID_ON`) that holds `word`,
    else the whole text."""
    parts = [p for c in _CLAUSES.split(text)
             for p in _SAID_ON.sub(lambda m: m.group(0) + "\0", c).split("\0")]
    return next((c for c in parts if word.lower() in c.lower()), text)


def implied_years(text: str, published: date | None) -> tuple[Quantity, ...]:
    """The year of each date `text` gives without one, as a "year" quantity: a day of the
    month ("from 1 June") or a weekday or relative day read as one (`weekday_dates`) is in
    the year that puts it nearest the publication date ("1 June" in an article of 20 May
    2026 is 2026; "28 December" in one of 3 January 2026 is 2025). Empty when `text` names a
    year itself or has no publication date. News gives the year of a current date rarely,
    a claim often ("from 1 June 2026")."""
    found = quantities(text)
    if published is None or any(q.kind == "year" for q in found):
        return ()
    # "will close on 31 July" in an article of November: next July, not the nearer past one
    # (a newcomer trial, session 46); weekday dates are dated by their words already
    days = [(q, ahead(text, q.said), behind(text, q.said)) for q in found if q.kind == "day"]
    days += [(q, False, False) for q in weekday_dates(text, published)]
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
_RELATIVE_DAY = re.compile(
    r"\b(yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening))\b",
    re.IGNORECASE)
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
