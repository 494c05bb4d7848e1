"""Bound words before a figure: how far "about", "nearly", "more than" or "up to" let the
value a text commits to lie from the figure it states.

agent.text.quantities turns each bound into an interval around its figure: "more than
4,000" is [4000, inf), "nearly 30" is [28.5, 30]. A comparative ("heavier than 7.5 tonnes")
bounds a figure as "more than" does; "cheaper than" as "less than" does.
"""

from __future__ import annotations

import math
import re

# How far an approximate figure may lie from its stated value (relative). 0.05 on the dev
# stories (session 15): 0.1 let "roughly 39 per cent" agree with another outlet's "41.2%"
# (a labelled conflict); 0.05 changed no other dev claim, difference or answer.
APPROX = 0.05
# A share said as a fraction or a ratio ("almost half", "two-thirds", "nine in ten") is
# coarser: it keeps 0.1 ("two-thirds" spans 60-73%).
SHARE_APPROX = 0.1


def _bound_words(approx: float) -> dict[str, tuple[float, float]]:
    """(low factor, high factor) around a stated value v for each bound word, with `approx`
    the room of the approximate ones."""
    near, below_ = (1 - approx, 1 + approx), (1 - approx, 1.0)
    up, down = (1.0, math.inf), (0.0, 1.0)
    return {
        "about": near, "around": near, "approximately": near, "roughly": near, "some": near,
        "an estimated": near, "estimated": near,
        # idioms of an amount, part of the figure as said, so what it measures is read
        # beyond them ("funded by the company to the tune of £3.2 million": "funded")
        "in the region of": near, "in the order of": near, "to the tune of": near,
        "close to": below_, "nearly": below_, "almost": below_, "just under": below_,
        "just over": (1.0, 1 + approx), "more than": up, "over": up, "above": up,
        "at least": up, "upwards of": up, "in excess of": up, "exceeding": up,
        # a verb of going past a mark ("when gusts exceed 45mph", "sales topped £2m") bounds
        # its figure as "above" does (a dev story of session 58)
        "exceed": up, "exceeds": up, "exceeded": up, "surpass": up, "surpasses": up,
        "surpassed": up, "topped": up, "tops": up,
        "a minimum of": up, "no fewer than": up, "no less than": up, "not fewer than": up,
        "not less than": up, "a maximum of": down, "less than": down, "fewer than": down,
        "under": down, "below": down, "up to": down, "at most": down, "no more than": down,
        "not more than": down,
        # an estimate told at its top ("as much as £2.4 million may have disappeared"): the
        # figure reported, which another outlet's "about £1.5 million" rivals (a crime
        # newcomer, session 61: it was read as any sum up to £2.4m)
        "as much as": below_, "as many as": below_, "as high as": below_,
        # "healed within 12 weeks": at most that long (a health newcomer's "healed in nine
        # weeks" was set against it)
        "within": down,
    }


BOUND_WORDS = _bound_words(APPROX)
SHARE_BOUND_WORDS = _bound_words(SHARE_APPROX)
# A comparative before a figure bounds it like "more than" ("lorries heavier than 7.5
# tonnes", "aged older than 60"); those that point down bound it like "less than".
_COMPARATIVE = r"(?!(?:other|rather|either|neither|under|over|after)\b)[a-z]{2,}er than"
_DOWNWARD = frozenset(("fewer", "lower", "smaller", "shorter", "lighter", "younger", "cheaper",
                       "slower", "narrower", "shallower", "earlier", "thinner", "weaker"))
BOUND_RE = "|".join([*sorted((re.escape(w) for w in BOUND_WORDS), key=len, reverse=True),
                      _COMPARATIVE])


# "the savings add up to £412m": "up to" after a form of "add" states a total, no bound.
_ADDS = re.compile(r"\b(?:add|adds|added|adding)\s+$", re.IGNORECASE)


def adds_up_to(text: str, start: int) -> bool:
    """Whether the "up to" that begins at `start` of `text` follows a form of "add": the
    figure after it is a total ("add up to £412,000,000" is £412m), not an upper bound."""
    return _ADDS.search(text, max(0, start - 10), start) is not None


def bound_factors(bound: str, table: dict[str, tuple[float, float]],
                  digits: str = "") -> tuple[float, float]:
    """(low factor, high factor) of a bound word or a comparative ("heavier than").

    A figure that falls short of a round mark (`digits`, the number as written, has one
    significant digit: "just under £1m", "nearly 1,000") gets the coarser room of a share
    (SHARE_APPROX): "just under £1m" tells what another outlet's "about £900,000" does (a
    newcomer trial, session 51), as "almost half" spans 45-50%, and so does a fraction of
    its unit ("almost a quarter of a century", `_below_one`). One written to
    PRECISE_DIGITS significant digits or more and hedged both ways ("about £312,000",
    "roughly"), has at most the room of its last digit's step (`_step_share`)."""
    if bound in table:
        low, high = table[bound]
        if high == 1.0 and low > 0 and (len(significant_digits(digits)) == 1
                                        or _below_one(digits)):
            return SHARE_BOUND_WORDS[bound]
        if low < 1.0 < high < math.inf and (step := _step_share(digits)) is not None:
            return max(low, 1 - step), min(high, 1 + step)
        return low, high
    return table["less than" if bound.split()[0] in _DOWNWARD else "more than"]


def _below_one(digits: str) -> bool:
    """Whether the number is a fraction of its unit ("0.25" of "almost a quarter of a
    century", read in digits): as coarse as a share said in words (a newcomer's bus
    franchise, session 71, had "almost a quarter of a century" disagree with "23 years")."""
    try:
        return 0 < float(digits.replace(",", "")) < 1
    except ValueError:
        return False


# A figure hedged by "about" yet written to this many significant digits is rounded to its
# last one: "about £312,000" is £311,000 to £313,000 at most, not "around £327,000" (a
# newcomer's fraud trial, session 71: 5% either side let the two agree).
PRECISE_DIGITS = 3


def _step_share(digits: str) -> float | None:
    """The step a number written to PRECISE_DIGITS or more significant digits is rounded
    to, as a share of it ("312,000" -> 1,000 / 312,000); None for a rounder one."""
    number = digits.replace(",", "")
    significant = significant_digits(number)
    if len(significant) < PRECISE_DIGITS:
        return None
    try:
        value = float(number)
    except ValueError:
        return None
    if value <= 0:
        return None
    decimals = len(number.split(".", 1)[1]) if "." in number else 0
    whole = number.split(".", 1)[0].lstrip("0")
    step = 10.0 ** -decimals if decimals else 10.0 ** (len(whole) - len(significant))
    return step / value


def significant_digits(number: str) -> str:
    """The significant digits of a number as written ("1,214,000" -> "1214", "1.2" -> "12",
    "1.20" -> "120": a zero after the point is written as precision, one before it may be
    rounding); "" for no digits."""
    digits = number.replace(",", "")
    significant = digits.replace(".", "").lstrip("0")
    return significant if "." in digits else significant.rstrip("0")
