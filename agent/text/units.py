"""The unit word written after a number: a duration ("three decades", in years), a currency
("20 pounds") or a unit of measure ("2.4 km", "2.4 kilometres", "7.5 tonnes", "an 11-mile
diversion", "minus 12C"); the period of a rate ("a year", `rate_period`); and the words that
make a number someone's age (`states_age`).
Measures are read with pint's unit registry: the unit's dimension and its
factor to SI base units, so "2.4 km" and "2,400 metres" are one figure and a length is never
compared with a weight.

Only units news reports use for distances, heights, weights, areas, volumes and speeds
count (REPORTED_UNITS, pint's canonical names): pint also reads "in" (inch), "league",
"point" and "pound" as units, words that after a number are mostly not ("19 league goals").
"""

from __future__ import annotations

import functools
import re
from typing import Any, Literal

from agent.text.facts import NOT_ENTITY

UnitKind = Literal["duration", "money", "measure"]
_CURRENCY_WORD = {"dollar": "$", "pound": "£", "euro": "€", "yen": "¥"}
# Pence written after the figure: "410p", "8 pence"; not "3 p.m." nor "5pm".
_PENCE = re.compile(r"p(?!\.?[A-Za-z])|\s*pence\b")
# Durations in years, so "three decades" and "30 years" compare.
_DURATION = {"decade": 10.0, "century": 100.0, "year": 1.0, "month": 1 / 12, "week": 7 / 365,
             "day": 1 / 365, "fortnight": 14 / 365, "hour": 1 / 8760,
             # "11 minutes into a 19-minute burn" had been a count of minutes (a newcomer)
             "minute": 1 / 525_600, "second": 1 / 31_536_000}
# (after "more", "further", "extra" or "additional": "for fifteen more years", "three
# further days" are durations too)
_UNIT_WORD = re.compile(r"\s*(?:-\s*)?(?:(?:more|further|extra|additional)\s+"
                        r"(?=(?:decade|centur|year|month|week|day|fortnight|hour|minute|second)))?"
                        r"([a-z]+)",
                        re.IGNORECASE)

REPORTED_UNITS = frozenset((
    "meter", "kilometer", "centimeter", "millimeter", "mile", "yard", "foot",
    "gram", "kilogram", "metric_ton", "stone",
    "liter", "milliliter", "gallon", "acre", "hectare",
    "mile_per_hour", "kilometer_per_hour", "nautical_mile",
))
# Abbreviations news writes for a unit pint reads as another: "6nm" at sea is six nautical
# miles, not six nanometres (a newcomer's estuary spill, session 70).
_NEWS_ABBREVIATIONS = {"nm": "nautical_mile", "nmi": "nautical_mile"}
# A unit of two words: "six nautical miles", "a six-nautical-mile stretch".
_TWO_WORD_UNIT = re.compile(r"\s*(?:-\s*)?(nautical[\s-]+mile)s?\b", re.IGNORECASE)


def two_word_unit(text: str, end: int) -> str:
    """The unit of two words right after the number ending at `end` ("nautical mile",
    lower case, one space), or ""."""
    m = _TWO_WORD_UNIT.match(text, end)
    return " ".join(m.group(1).lower().replace("-", " ").split()) if m else ""


@functools.lru_cache(maxsize=1)
def _registry() -> Any:
    import pint  # loaded on first use: building the registry takes about 0.5 s

    return pint.UnitRegistry()


@functools.lru_cache(maxsize=4096)
def measure_unit(word: str) -> tuple[str, float] | None:
    """(dimension, factor to SI base units) of a unit word ("km" -> ("[length]", 1000.0),
    "tonnes" -> ("[mass]", 1000.0)); None when `word` names no unit of REPORTED_UNITS."""
    ureg = _registry()
    try:
        unit = ureg.parse_units(_NEWS_ABBREVIATIONS.get(word.lower(), word.lower()))
    except Exception:  # pint raises several error types for a word that is no unit
        return None
    if str(unit) not in REPORTED_UNITS:
        return None
    base = (1 * unit).to_base_units()
    return str(base.dimensionality), float(base.magnitude)


# A temperature: "12C", "minus 3°C", "54°F", "35 degrees". pint's temperatures have an
# offset and cannot be scaled like other units, so they are read here, in their own scale.
_TEMPERATURE = re.compile(r"(?:\s*°\s*)?[CF]\b|\s+degrees?\b")
TEMPERATURE = "[temperature]"


def _singular_unit(word: str) -> str:
    """A unit word (lower-case) in the singular the unit tables use: "minutes" -> "minute",
    "centuries" -> "century"."""
    return "century" if word in {"centuries", "century"} else word.removesuffix("s")


def is_duration_unit(word: str) -> bool:
    """Whether `word` (lower case, singular) is a unit of time: "fortnight", "year"."""
    return word in _DURATION


def duration_unit(text: str, end: int) -> str:
    """The duration unit right after the number that ends at `end`, singular ("minute" of
    "a 19-minute burn", which is no adjective here), or "" when none follows."""
    m = _UNIT_WORD.match(text[end: end + 20])
    unit = _singular_unit(m.group(1).lower()) if m else ""
    return unit if is_duration_unit(unit) else ""


def unit_after(text: str, end: int) -> tuple[UnitKind | None, float, str]:
    """The unit word right after the number that ends at `end`: (kind, factor to the normal
    unit, unit), where unit is the currency sign or a measure's dimension (TEMPERATURE for
    a temperature: "a wind chill of minus 12C" counts nothing); (None, 1.0, "") when the
    next word is no unit."""
    if _TEMPERATURE.match(text, end):
        return "measure", 1.0, TEMPERATURE
    if _PENCE.match(text, end):
        return "money", 0.01, "£"  # "fell 78p to 332p": a share price, not a count
    if two := two_word_unit(text, end):
        dimension, factor = measure_unit(two.replace(" ", "_")) or ("", 1.0)
        return "measure", factor, dimension
    m = _UNIT_WORD.match(text[end: end + 20])
    if not m:
        return None, 1.0, ""
    w = m.group(1).lower()
    w1 = _singular_unit(w)
    if w1 in _DURATION:
        return "duration", _DURATION[w1], ""
    if w1 in _CURRENCY_WORD:
        return "money", 1.0, _CURRENCY_WORD[w1]
    measure = measure_unit(w)
    return ("measure", measure[1], measure[0]) if measure else (None, 1.0, "")


# Someone's age, in the forms news writes it: "the 38-year-old", "58 years old", "aged 38",
# and the appositive "Captain Hamish Tulloch, 58, who ..." / "John Reid (45)".
_AGE_AFTER = re.compile(r"[\s-]*years?[\s-]*old\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age)\s+$", re.IGNORECASE)
# a name, or a person named by a noun ("the driver, 45,"); the word is kept to exclude
# "In March, 12 ..."
_NAME_BEFORE = re.compile(r"(?:\b(?i:the|a)\s+[a-z]+|\b([A-Z][\w'’-]*))(?:,\s+|\s+\()$")
_AGE_CLOSE = re.compile(r"\s*[,)]")
MAX_AGE = 120


def states_age(text: str, start: int, end: int, value: float) -> bool:
    """Whether the number text[start:end] (whole years, `value`) is someone's age: "38-year-old",
    "38 years old", "aged 38", or set off after a name ("Tulloch, 58, who", "Reid (45)")."""
    if not 0 < value <= MAX_AGE or value != int(value):
        return False
    before = text[max(0, start - 40): start]
    if _AGE_AFTER.match(text, end) or _AGE_BEFORE.search(before):
        return True
    name = _NAME_BEFORE.search(before)
    return bool(name and _AGE_CLOSE.match(text, end)
                and (name.group(1) or "").lower() not in NOT_ENTITY)


# A rate's period within four words after a figure: "40,000 tonnes of plastic a year",
# "£1.8m annually"; not "for a year", "a year ago". ("1": the figures are read from text
# whose number words are digits, agent.text.number_words, "a year" among them.)
_RATE = re.compile(
    r"(?:\s+(?!(?:for|in|within|over|after|than|during|by|under|since|and|or|but)\b)"
    r"[a-z][\w'’-]*){0,4}?\s+(?:(?:a|an|1|per|each|every)\s+(?P<unit>year|month|week|day|night|hour)"
    r"\b(?!\s+(?:ago|earlier|later|before|after|on|from)\b)|(?P<adv>annually|yearly|monthly|"
    r"weekly|daily|nightly|hourly)\b)", re.IGNORECASE)
_ADVERB_PERIOD = {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week",
                  "daily": "day", "nightly": "night", "hourly": "hour"}


def rate_period(text: str, end: int) -> str:
    """The period of a rate given after the figure that ends at `end` (`_RATE`), else ""."""
    m = _RATE.match(text, end)
    if m is None:
        return ""
    return (m.group("unit") or _ADVERB_PERIOD[m.group("adv").lower()]).lower()
