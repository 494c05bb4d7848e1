"""Running totals: a count told as reached by a time ("had taken in 62 oiled birds by midday
on Monday", "By last night the centre had admitted 140 birds"). Two outlets' totals by two
different times are two readings of a count that grows, not two versions of one figure: a
newcomer's estuary spill (session 70) had "62 ... by midday on Monday" answered with "The
Northern Chronicle differs: By last night ... 140 birds".
"""

from __future__ import annotations

import re

from agent.text.facts import WEEKDAYS
from agent.text.frames import clause_span
from agent.text.number_words import words_to_digits
from agent.text.quantity import Quantity

# "by" and the time it names, up to the clause's next comma: "by midday on Monday", "by
# last night", "by 6pm", "by the end of the week". Not "by 14 votes", "by police": the
# phrase holds a word of time.
_BY_TIME = re.compile(r"\bby\s+((?:the\s+)?[\w.:]+(?:\s+(?!and\b)[\w.:]+){0,3})", re.IGNORECASE)
_TIME_WORD = re.compile(
    r"\b(?:morning|midday|noon|afternoon|evening|night|midnight|tonight|today|yesterday|"
    rf"{'|'.join(WEEKDAYS)}|weekend|week|month|"
    r"\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm)|\d{1,2}[.:]\d{2}|end)\b", re.IGNORECASE)
_OPENING = re.compile(r"^(?:the|last|this|next|early|late)\s+", re.IGNORECASE)
_COUNTED_KINDS = frozenset(("count", "measure", "money"))


def total_time(text: str, q: Quantity) -> str:
    """The time by which figure `q` of `text` was reached, as its clause says it ("midday
    on monday", lower case), or "" when the clause names none."""
    if q.kind not in _COUNTED_KINDS or not q.said:
        return ""
    digits = words_to_digits(text)
    at = digits.find(q.said)
    if at < 0:
        return ""
    start, end = clause_span(digits, at, at + len(q.said))
    for m in _BY_TIME.finditer(digits, start, end):
        phrase = re.split(r"[,;]", m.group(1))[0]
        times = list(_TIME_WORD.finditer(phrase))
        # opening on its time ("By Isla Fennimore Monday ..." is a byline), and up to its
        # last word of time ("by last night Tarne Wildlife Rescue had")
        if times and _TIME_WORD.match(_OPENING.sub("", phrase)):
            return " ".join(phrase[: times[-1].end()].lower().split())
    return ""


def totals_apart(a_text: str, a: Quantity, b_text: str, b: Quantity) -> bool:
    """Whether figures `a` (of `a_text`) and `b` (of `b_text`) are totals reached by two
    different times (`total_time`): two readings of one growing count."""
    first, second = total_time(a_text, a), total_time(b_text, b)
    return bool(first and second and first != second)
