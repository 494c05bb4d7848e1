"""One figure a text commits to (`Quantity`): its value in a normal unit, the interval its
bound words allow, what it counts, and how two figures compare: whether one states another,
agrees with it or is another time's value. agent.text.quantities reads them from text.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from agent.text.bounds import significant_digits
from agent.text.changes import Phase, other_time
from agent.text.lexicon import noun_plural

Kind = Literal["count", "percent", "money", "duration", "year", "ordinal", "day", "label",
               "time", "weekday", "measure", "age"]

# Kinds whose figures are labels, not measurements: no rounding room.
_EXACT = frozenset({"year", "ordinal", "day", "label", "time", "weekday", "age"})
ROUNDING = 0.005  # relative room for rounding between two measured figures
# Percentage points between a share said as a fraction and the same share in per cent
# ("two-thirds" / "around 66 per cent", a newcomer's theatre story, session 58).
SPOKEN_SHARE_ROOM = 1.0
_PER_CENT = re.compile(r"%|per\s?cent", re.IGNORECASE)
CONVERSION = 0.03  # between one measure in two units: a converted figure kept to 2 digits
# A month is 28 to 31 days: "eight weeks" is said for "two months" (8.7 weeks), "30 days" for
# "a month" (a newcomer's space story, session 65), but "six weeks" is not.
MONTH_ROOM = 0.1


@dataclass(frozen=True)
class Quantity:
    """One figure a text commits to.

    value: the stated figure in the normal unit (durations in years, money in units of its
    currency, percents as 0..100, measures in SI base units, a day of the month for kind
    "day", whose head is the month; the number of a named thing for kind "label", whose
    head is its name word: "Ward 7"). low/high: the interval the wording allows ("more than
    4,000" is [4000, inf)). unit: "", the currency sign, or a measure's dimension
    ("[length]", agent.text.units). head: the next content word, lower-case ("runners" in
    "10,000 runners"; a measure's unit word), "" if none. approx: the wording hedges it.
    """

    value: float
    low: float
    high: float
    kind: Kind
    unit: str = ""
    head: str = ""
    approx: bool = False
    # The words that state it, as matched ("more than 70", "£4.8 million"; number words
    # already in digits); "" for once/twice and ordinal words. Not part of equality.
    said: str = field(default="", compare=False)
    # The second count of "14 votes to 9", "voted 15-8" (its noun carried from the first).
    joined: bool = field(default=False, compare=False)
    # A part of a whole named after it ("four of the papers", "three of them"): a count of
    # a subset. Not part of equality.
    part: bool = field(default=False, compare=False)
    # The period of a rate ("year" for "40,000 tonnes of plastic a year", "day" for "90
    # flights daily"), "" for an amount. Not part of equality: a claim that leaves out "a
    # year" still states the figure, but a rate and an amount are never rivals.
    per: str = field(default="", compare=False)
    # Its place in a change (agent.text.changes): "before" for the £6 of "up from £6 to
    # £7", "after" for its £7, "" for a figure said of no change. Not part of equality.
    phase: Phase = field(default="", compare=False)

    def another_time(self, other: Quantity) -> bool:
        """`other` (a source's figure) is of another time than this one (a claim's): the
        value before a change against the value after it, or against a claim that names no
        change (agent.text.changes.other_time). It neither states nor contradicts it."""
        return other_time(self.phase, other.phase)

    def comparable(self, other: Quantity) -> bool:
        """Same kind and unit: a count is never compared with a year or a sum of money."""
        if {"day", "label"} & {self.kind, other.kind}:
            # the 9th and the 19th differ only in one month; Ward 7 and Ward 9 are two wards
            return self.kind == other.kind and self.head == other.head
        return self.kind == other.kind and (
            not self.unit or not other.unit or self.unit == other.unit)

    def _room(self, scale: float) -> float:
        """Rounding room around a figure of size `scale`: none for labels such as years."""
        if self.kind in _EXACT:
            return 0.0  # 2021 is not 2022 "rounded"
        return ROUNDING * scale

    def stated_by(self, other: Quantity) -> bool:
        """`other` states this figure: comparable, and it commits to no more than this one
        allows ("over 4,000" states "more than 4,000"; "$1.2 million" states "$1,200,000")."""
        eps = self._room(abs(self.value))
        # Two round figures of one value state each other ("around 75%" / "about
        # three-quarters", "nearly thirty years" / "almost three decades"), bounds aside.
        loose = (self.approx and other.approx and abs(self.value - other.value) <= eps
                 and not any(math.isinf(q.high) or q.low <= 0 for q in (self, other)))
        # "as much as £2.4 million" (a cap) reports £2.4m as the top: a smaller sum ("about
        # £1.5 million") is within it but does not state it; another cap of the same value
        # does ("up to $2 million"; a crime newcomer, session 61).
        if self.cap and other.cap and self.comparable(other):
            return abs(self.high - other.high) <= eps
        reaches = not self.cap or other.high >= self.high - eps
        return (
            self.comparable(other)
            and (loose or (self.low - eps <= other.low and other.high <= self.high + eps))
            and reaches
            and not self.rival_bound(other)
        )

    def rival_bound(self, other: Quantity) -> bool:
        """Both are bounds the same way with different ends: two thresholds of one measure
        ("more than 3.5 tonnes" / "over 7.5 tonnes"), not one figure stated loosely. On the
        dev claims a claim's bound moved to another value was written as a refutation
        ("applies to vehicles weighing more than 3.5 tonnes" where every outlet says 7.5).
        A count's lower bounds are no thresholds but estimates of one number: "more than
        2,000 calls failed" and "at least 2,100 calls failed" can both be true, and the
        tighter states the looser (a newcomer trial); a count's upper bound still is one
        ("towns of fewer than 20,000 people")."""
        if not self.comparable(other) or self.kind in _EXACT:
            return False  # "before 11pm" and "by 10.55pm" are one time, loosely said
        eps = self._room(max(abs(self.value), abs(other.value)))
        up = math.isinf(self.high) and math.isinf(other.high)
        down = self.low <= 0 < self.high and other.low <= 0 < other.high and not up
        if up:
            return self.kind != "count" and abs(self.low - other.low) > eps
        return down and abs(self.high - other.high) > eps

    def counts_another(self, other: Quantity) -> bool:
        """Both are counts of different nouns ("over 7.5 tonnes" is no "14 votes")."""
        return (self.kind == other.kind == "count" and bool(self.head and other.head)
                and self.head != other.head)

    def agrees(self, other: Quantity) -> bool:
        """The two figures can both be true: comparable and their intervals overlap (with a
        little room for rounding: 1.2 million vs 1,180,000 is not a contradiction; more
        for measures in two units: "5 miles" is "8 km" to two figures)."""
        if not self.comparable(other):
            return False
        scale = max(abs(self.value), abs(other.value))
        converted = self.kind == "measure" and self.head != other.head
        eps = CONVERSION * scale if converted else self._room(scale)
        if self.kind == "duration" and self.head != other.head and "month" in {
                self.head, other.head}:
            eps = MONTH_ROOM * scale
        if self.cap and other.cap:
            # Two caps ("may generate up to 120 lorry movements a day" / "allows as many as
            # 210") state the limit itself: they agree only as the limits agree.
            return abs(self.high - other.high) <= eps
        return self.low <= other.high + eps and other.low <= self.high + eps

    def same_version(self, other: Quantity) -> bool:
        """Whether two outlets giving these figures give one version of the figure: they
        agree (`agrees`), two estimates ("about 36,000" / "about 38,000": each a value
        with room either side) give the same value, and a value and a bound of one side
        ("£1,214,000" / "more than £1.2 million") lie within a step of the bound's precision
        (`bound_step`). Two outlets' different estimates are two
        versions, though each fits the other's room (a newcomer trial, session 47)."""
        if not self.agrees(other):
            return False
        bounds = [q for q in (self, other) if _one_sided(q)]
        exact = [q for q in (self, other) if q.low == q.value == q.high]
        if len(bounds) == 1 and len(exact) == 1:
            # "stole more than £1.2 million" is the £1.2m version, not a claim's £2.1m: a
            # bound leaves unsaid only what lies within one step of the precision it is
            # written to (a newcomer's court story)
            bound, value = bounds[0], exact[0].value
            step = bound.bound_reach(value)
            return (value <= bound.low + step if math.isinf(bound.high)
                    else value >= bound.high - step)
        estimates = all(q.approx and q.low < q.value < q.high for q in (self, other))
        room = self._room(max(abs(self.value), abs(other.value)))
        if any(q.spoken_share for q in (self, other)):
            room = max(room, SPOKEN_SHARE_ROOM)  # "two-thirds" is "around 66 per cent"
        return not estimates or abs(self.value - other.value) <= room

    def beyond_bound(self, other: Quantity) -> bool:
        """Whether one of the two is a one-sided bound ("more than 140,000") and the other,
        no bound, lies wholly beyond one step of the bound's precision (`bound_step`) from it
        ("nearly 190,000"): a bound leaves unsaid only what lies within that step, so the two
        are two outlets' versions though their intervals overlap (an energy newcomer,
        session 61). "More than 3,800" and "nearly 4,000" are one."""
        for bound, value in ((self, other), (other, self)):
            if _one_sided(value) or not self.comparable(other):
                continue
            reach = bound.bound_reach(bound.value)
            if math.isinf(bound.high) and value.low > bound.low + reach:
                return True
            if bound.low <= 0 < bound.high and value.high < bound.high - reach:
                return True
        return False

    @property
    def spoken_share(self) -> bool:
        """A percentage said as a fraction or a ratio ("two-thirds", "nine in ten"), not in
        per cent: one written in per cent rounds it to a whole per cent or so."""
        return self.kind == "percent" and not _PER_CENT.search(self.said)

    def bound_step(self) -> float:
        """One step of the precision the figure is written to: 100,000 for "more than £1.2
        million", 1,000 for "over 4,000", 10 for "more than 70" (its significant digits
        read from `said`); infinite when `said` holds no digits."""
        m = re.search(r"\d[\d,]*(?:\.\d+)?", self.said)
        if m is None or self.value == 0:
            return math.inf
        significant = significant_digits(m.group(0))
        return float(10 ** (math.floor(math.log10(abs(self.value))) - max(len(significant), 1) + 1))

    def bound_reach(self, near: float) -> float:
        """How far past this bound a figure near `near` may lie and still be left unsaid by
        it: one step of its precision (`bound_step`) and the rounding room at `near`."""
        return self.bound_step() + self._room(abs(near))

    @property
    def cap(self) -> bool:
        """Whether the wording gives a limit ("up to 120", "as many as 210", "a maximum of
        300"), not a bound of an estimate ("fewer than 4 in 10", "under half")."""
        return bool(_CAP.match(self.said))


_CAP = re.compile(r"(?:up to|as many as|as much as|a maximum of|maximum of|at most)\b",
                  re.IGNORECASE)


def implied_changes(found: Sequence[Quantity]) -> tuple[Quantity, ...]:
    """The amounts of change (phase "delta") that the value pairs of `found` (a text's
    figures, in order) imply: each figure of phase "before" followed by a comparable one of
    phase "after" ("falls from £2.4m to £1.8m", "cut from ten points to six") gives their
    gap (£600,000; 4 points) and, for a sum, count or measure, the gap as a percent of the
    value before ("from £14 to £18.50": 32.1%). Only what a claim's amount of change is
    stated by, never a rival of it: the text does not say the gap in words."""
    out: list[Quantity] = []
    for before, after in itertools.pairwise(found):
        if before.phase != "before" or after.phase != "after" or not before.comparable(after):
            continue
        gap = abs(after.value - before.value)
        approx = before.approx or after.approx
        out.append(Quantity(gap, gap, gap, before.kind, before.unit, before.head or after.head,
                            approx, phase="delta"))
        if before.kind != "percent" and before.value:
            share = 100 * gap / abs(before.value)
            out.append(Quantity(share, share, share, "percent", approx=approx, phase="delta"))
    return tuple(out)


def show_quantity(q: Quantity) -> str:
    """A quantity as conflicts show it: "$2,100,000", "45%", "3 years", "9 may", "aged 38"."""
    if q.kind == "age":
        return f"aged {q.value:g}"
    if q.kind == "day":
        return f"{q.value:g} {q.head}"
    if q.kind == "time":
        hours, minutes = divmod(round(q.value * 60), 60)
        return f"{hours:02d}:{minutes:02d}"
    if q.kind == "label":
        return f"{q.head.title()} {q.value:g}"
    if q.kind == "weekday":
        return q.said.lower()
    if q.kind == "measure":  # "60 metres", "1 tonne", "2.4 km" (the value is in SI units)
        said = q.said or f"{q.value:g}"
        one = said.split()[-1].lower() in ("1", "one", "a", "an")
        return f"{said} {q.head if one else noun_plural(q.head)}"
    if q.kind == "duration":
        return _show_duration(q.value)
    unit = "%" if q.kind == "percent" else ""
    shown = f"{q.value:,.0f}" if q.value >= 1e4 and q.value == int(q.value) else f"{q.value:g}"
    if q.kind == "money" and q.value < 1e4 and round(q.value, 2) != int(q.value):
        shown = f"{q.value:,.2f}"  # "£4.20", a price in pence read as pounds
    return f"{q.unit}{shown}{unit}"


def _show_duration(years: float) -> str:
    """A duration (held in years, agent.text.units) in the unit a reader would say: years
    from one year up ("1 year", "1.5 years"), whole months below it ("6 months"), weeks or
    days ("3 weeks", "10 days"), and hours below a day or for a few days not whole ("4
    hours", "55 hours"); a newcomer read "0.0575342 years" as noise, and "0 years" for
    four hours."""
    months, days = years * 12, years * 365
    if years >= 1:
        n, unit = round(years, 2), "year"
    elif months >= 1 and abs(months - round(months)) <= 0.01:
        n, unit = round(months), "month"
    elif days < 1 or (days < 4 and abs(days - round(days)) > 0.01):
        n, unit = round(years * 8760, 1), "hour"
    elif round(days) % 7 == 0:
        n, unit = round(days) // 7, "week"
    else:
        n, unit = round(days), "day"
    return f"{n:g} {unit}{'' if n == 1 else 's'}"


def _one_sided(q: Quantity) -> bool:
    """A bound with one side open: "more than 4,000" (no top), "fewer than 40" (from 0)."""
    return math.isinf(q.high) or q.low <= 0 < q.high
