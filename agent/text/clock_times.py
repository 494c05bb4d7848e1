"""Times of day in a sentence ("6:42 p.m.", "4am", "11 o'clock at night", "23:40"), read
before any other figure (agent.text.quantities): "10:55" is no count of 10 and one of 55."""

from __future__ import annotations

import re

# Hours on a 24-hour clock; a bare o'clock is before noon.
_TIME = re.compile(
    r"(?:\b(?P<tb>shortly before|just before|shortly after|just after|before|after|by|until|"
    r"around|about)\s+)?\b(?P<h>\d{1,2})(?:[:.](?P<min>\d{2}))?\s*"
    # "2:40 in the morning", "since six in the morning": the part of the day named (a bare
    # hour only after a word of time, `_AT_TIME`: "two in the morning raid" counts raids)
    r"(?P<ap>[ap]\.?m\b\.?|o[’']clock|(?<=\d)(?=\s+(?:in the (?:morning|afternoon|evening)"
    r"|at night)\b))", re.IGNORECASE)
_AT_TIME = re.compile(r"\b(?:at|since|from|by|until|till|before|after|around|about)\s+$",
                      re.IGNORECASE)
# "23:40": a clock time with no part of the day named; "11:40" spans both halves of the day.
_CLOCK_TIME = re.compile(r"\b(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)\b")
_LATE_DAY = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:at night|tonight|in the (?:evening|afternoon))|"
                       r"^\s*(?:on|last|this)\s+(?:the\s+)?\w+\s+(?:night|evening|afternoon)\b",
                       re.IGNORECASE)
# A day part after the hour that puts it before noon ("at six o'clock in the morning").
_MORNING = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:in the (?:morning|early hours)|this morning)\b|"
                      r"^\s*(?:on|last|this)\s+(?:the\s+)?\w+\s+morning\b", re.IGNORECASE)
# (low, high) room a time bound leaves, in hours around the stated time t.
_TIME_BOUNDS = {"before": (-24.0, 0.0), "by": (-24.0, 0.0), "until": (-24.0, 0.0),
                "after": (0.0, 24.0), "shortly before": (-0.5, 0.0), "shortly after": (0.0, 0.5),
                "just before": (-0.5, 0.0), "just after": (0.0, 0.5),
                "around": (-0.25, 0.25), "about": (-0.25, 0.25)}


def _approx_room(minutes: int) -> float:
    """The room, in hours either side, of "about" a time stated to the minute: half the step
    it is rounded to ("about 11.15pm" is a quarter-hour's, "around 10.50pm" five minutes'),
    not the quarter hour either side of "about 11pm" (a newcomer's pier collapse, session
    70: "about 11.15pm" agreed with "around 10.50pm")."""
    if minutes % 15 == 0:
        return 7.5 / 60
    return 2.5 / 60 if minutes % 5 == 0 else 1 / 60


def times_of_day(text: str) -> tuple[list[tuple[float, float, float, str]], str]:
    """(hour, earliest, latest, as written) of each time of day in `text` (hours 0-24; a
    bound widens the interval: "shortly after 4pm" is 16 to 16.5), and `text` with them
    blanked out (spaces of the same length), so their digits are read as no other figure."""
    out: list[tuple[float, float, float, str]] = []
    timed = [m for m in _TIME.finditer(text)
             if m.group("ap") or m.group("min") or _AT_TIME.search(text[: m.start("h")])]
    for m in timed:
        hour = int(m.group("h")) % 12 + int(m.group("min") or 0) / 60
        marker = m.group("ap").lower()
        said = m.group(0)
        if marker.startswith("p") or (not marker.startswith("a")
                                      and _LATE_DAY.match(text[m.end():])):
            hour += 12
        bound = (m.group("tb") or "").lower()
        lo, hi = _TIME_BOUNDS.get(bound, (0.0, 0.0))
        if bound in ("around", "about") and m.group("min"):
            room = _approx_room(int(m.group("min")))
            lo, hi = -room, room
        # a bare o'clock names no half of the day ("stopped shortly before a quarter to
        # three", told after "on Saturday afternoon": a newcomer's gondola, session 69, was
        # shown "2.45am" and set against "about 2:40 pm"): either hour, like "11:40"
        either = (marker.startswith("o") and hour < 12  # no evening read after it
                  and not _MORNING.match(text[m.end():]))
        if either:
            said = re.sub(r"\s*o[’']clock$", "", said, flags=re.IGNORECASE)
        out.append((hour, max(0.0, hour + lo), min(24.0, hour + hi + (12 if either else 0)),
                    said))
    # the times' digits are read: blank them for the other figures
    for m in timed:
        text = text[: m.start()] + " " * len(m.group(0)) + text[m.end():]
    for m in _CLOCK_TIME.finditer(text):
        h = int(m.group("h"))  # the sum as a marked time's, so equal times compare equal
        hour = h % 12 + int(m.group("min")) / 60 + (12 if h >= 12 else 0)
        high = hour + 12 if 1 <= h < 12 else hour
        out.append((hour, hour, high, m.group(0)))
    text = _CLOCK_TIME.sub(lambda m: " " * len(m.group(0)), text)
    return out, text


def clock_shown(hour: float) -> str:
    """A time of day (hours 0-24, as `times_of_day` reads it) written as "7.30pm", "11am",
    "12.15am"."""
    h, minutes = int(hour) % 24, round((hour % 1) * 60)
    twelve = h % 12 or 12
    return f"{twelve}{f'.{minutes:02d}' if minutes else ''}{'pm' if h >= 12 else 'am'}"
