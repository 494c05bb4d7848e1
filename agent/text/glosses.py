"""The editor's bracketed dates: a day, month or year that an article names relative to its
own date ("on Monday", "last month"), followed by its calendar date in square brackets for a
reader away from the article ("on Monday [23 November 2026]", "last month [February 2026]"),
and the same text without them (`strip_glosses`) for a judge of what a source prints.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from agent.text.dates import (
    DAY_NAMES,
    MONTH_NAMES,
    RELATIVE_DAY_WORDS,
    relative_day,
    tensed_date,
    weekday_date,
)
from agent.text.facts import MONTHS, WEEKDAYS
from agent.text.tense import ahead, behind

# A weekday or relative day a reader cannot place without the article's date, with the part
# of the day that may follow it ("yesterday morning", "on Saturday night") or its possessive
# ("Tuesday's recall"); a weekday that a day of the month follows ("Sunday 9 November",
# "Sunday, November 9") is dated already.
_UNDATED_DAY = re.compile(
    rf"\b(?:(?P<rel>{RELATIVE_DAY_WORDS}"
    # capitalised only where a sentence starts: "Tollerby Today" is a name
    rf"|(?:(?<=^)|(?<=[.!?:\"“] ))(?:Yesterday|Today|Tonight|Tomorrow|Last night"
    rf"|This (?:morning|afternoon|evening)))|(?P<day>{DAY_NAMES})\b)"  # not "on Sundays"
    rf"(?:['’]s\b|\s+(?:night|morning|afternoon|evening)(?:['’]s\b)?)?"
    # nor one that names a kind of thing: "Sunday day-ticket holders", "Saturday-only passes"
    # nor one its date follows ("Sunday 12 March", "Sunday 12th"); a number that is no
    # day of a month ("yesterday, 11 minutes into ...": a newcomer's undated answer) is none
    rf"(?!,?\s+(?:\d{{1,2}}(?:st|nd|rd|th)\b|\d{{1,2}}\s+(?:{MONTH_NAMES})\b|(?:{MONTH_NAMES})\b"
    rf"|\[)|\s+day\b|-)")


# A month or year named relative to the article's: "last month", "next year"; not "the last
# year" (twelve months up to now), a possessive ("last year's figures") or one a year
# follows ("last year, in 2024").
_UNDATED_PERIOD = re.compile(
    r"(?<!\bthe )(?<!\bpast )\b(?P<which>[Ll]ast|[Nn]ext|[Tt]his) (?P<unit>month|year)\b"
    r"(?!['’]s\b|\s*\[|,?\s+(?:in\s+)?(?:19|20)\d\d\b)")
_SHIFT = {"last": -1, "this": 0, "next": 1}
# A day of the month printed without its year ("on Saturday 21 November", "on March 3"):
# the article's date implies the year, which a reader away from it lacks. Not one a year
# follows ("21 November 2026"), a bracket already glosses, or a range goes on from ("3-4").
_YEARLESS_DAY = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{MONTH_NAMES})"
    rf"|(?P<m2>{MONTH_NAMES})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)\b"
    # nor a day whose year follows in words ("from 1 March next year": that gets its own)
    rf"(?!,?\s+(?:19|20)\d\d|\s*\[|\s*[-–]|\s+(?:next|last|this)\s+year\b)")
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _period(m: re.Match[str], published: date) -> str:
    """The bracketed month ("last month" -> " [February 2026]") or year (" [2025]") that
    `m` (of `_UNDATED_PERIOD`) names in an article of `published`."""
    shift = _SHIFT[m.group("which").lower()]
    if m.group("unit") == "year":
        return f" [{published.year + shift}]"
    year, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
    return f" [{MONTHS[month].title()} {year}]"


def _year_of(m: re.Match[str], text: str, published: date) -> str:
    """The bracketed year (" [2026]") of the day of the month `m` (of `_YEARLESS_DAY`)
    names in `text`, published on `published`: the next such day for what is to come, the
    last one for what is gone, else the nearest (agent.text.dates.tensed_date); "" when the
    day does not exist."""
    day, month = int(m.group("d1") or m.group("d2")), MONTHS.index(
        (m.group("m1") or m.group("m2")).lower()) + 1
    said = m.group(0)
    when = tensed_date(day, month, published, ahead(text, said), behind(text, said))
    return f" [{when.year}]" if when is not None else ""


def date_glossed(text: str, published: date | None, years: bool = False,
                 names: Sequence[str] = ()) -> str:
    """`text` with the calendar date in square brackets after each day, month or year it
    names relative to the article's date (`published`): "yesterday morning [Thursday 16
    October 2025]", "on Monday [23 November 2026]" (`weekday_date`: the latest such day, or
    the next one when its clause speaks of what is to come), "last month [October 2025]".
    The editor's bracket marks words the source does not print; unchanged without a
    publication date. With `years`, a day of the month printed without a year gets the year
    the article implies ("on Saturday 21 November [2026]"), for an answer a reader sees
    apart from its article, unless `text` names a year anywhere (which may be that day's).
    The story summary goes without: on the dev stories the brackets' words cost its
    180-word budget three key facts (session 50). A day inside one of `names` (outlets'
    names: "According to The Sentinel on Sunday — Comment: ...") is no day the text tells."""
    if published is None:
        return text

    def in_name(m: re.Match[str]) -> bool:  # (spans in the text being rewritten, m.string)
        return any(n.start() <= m.start() < n.end() for name in names if name
                   for n in re.finditer(re.escape(name), m.string))

    if years and not _ANY_YEAR.search(text):
        original = text
        text = _YEARLESS_DAY.sub(lambda m: m.group(0) + _year_of(m, original, published), text)

    def gloss(m: re.Match[str]) -> str:
        if in_name(m):
            return m.group(0)
        if m.group("rel"):
            return m.group(0) + bracketed_date(relative_day(m.group("rel").lower(), published),
                                               weekday=True)
        day = m.group("day").lower()
        if m.group(0).endswith(("'s", "’s")) and ahead(text, day):
            # "marks from Tuesday's paper will be discarded": the clause's future is not the
            # day's event, which may be past; an undated day is better than a wrong date
            return m.group(0)
        return m.group(0) + bracketed_date(weekday_date(text, day, published))

    text = _UNDATED_PERIOD.sub(
        lambda m: m.group(0) if in_name(m) else m.group(0) + _period(m, published), text)
    return _UNDATED_DAY.sub(gloss, text)


def bracketed_date(when: date, weekday: bool = False) -> str:
    """`when` in the editor's brackets, after a space: " [16 October 2025]", with its
    weekday first when `weekday` (" [Thursday 16 October 2025]"); `strip_glosses` removes
    it again."""
    day = f"{WEEKDAYS[when.weekday()].title()} " if weekday else ""
    return f" [{day}{when.day} {MONTHS[when.month - 1].title()} {when.year}]"


# The editor's note after a figure that outlets give differently, told by a difference line
# of the same summary: "first raised concerns in March 2023 [outlets differ]".
DISPUTED_GLOSS = " [outlets differ]"
# A date in the editor's brackets, as `bracketed_date` and `_period` write it, or the note.
_GLOSS = re.compile(
    rf" \[(?:(?:{DAY_NAMES}) )?(?:\d{{1,2}} )?(?:(?:{MONTH_NAMES}) )?(?:19|20)\d\d\]"
    rf"|{re.escape(DISPUTED_GLOSS)}")


def strip_glosses(text: str) -> str:
    """`text` without the bracketed dates `date_glossed` adds and DISPUTED_GLOSS: the words
    its source prints, for a judge of what a quote states."""
    return _GLOSS.sub("", text)
