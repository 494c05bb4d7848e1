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

import functools
import re
from datetime import date, timedelta

from agent.text.facts import MONTHS, WEEKDAYS, event_weekdays
from agent.text.quantities import Quantity, quantities

# Words that put what a sentence tells after its publication.
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|next|scheduled|expected to|plans? to|(?:is|are) (?:due|to))\b",
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


def weekday_dates(text: str, published: date | None) -> tuple[Quantity, ...]:
    """The day of the month of each weekday that dates what `text` tells
    (agent.text.facts.event_weekdays), as a "day" quantity (agent.text.quantities: value the
    day, head the month), when the sentence gives no date of its own; empty without a
    publication date."""
    if published is None or any(q.kind == "day" for q in quantities(text)):
        return ()
    ahead = bool(_FUTURE.search(text))
    out = []
    for day in sorted(event_weekdays(text)):
        shift = (published.weekday() - WEEKDAYS.index(day)) % 7
        when = published + timedelta(days=(7 - shift) % 7) if ahead else published - timedelta(
            days=shift)
        month = MONTHS[when.month - 1]
        out.append(Quantity(float(when.day), float(when.day), float(when.day), "day", "",
                            month, said=f"{day.title()} {when.day} {month.title()}"))
    return tuple(out)
