"""Figures the outlets of a story give differently, found across the whole story.

`difference_of` (agent.generation.extractive) compares the sentences of one cluster. Outlets
that give another figure often word the whole sentence differently, so the two versions land
in different clusters ("The mission cost $148 million" and "the $184m probe ..."): on the 8
dev stories the cluster search printed 1 of the 24 labelled differences. This pass links
figures across every body sentence of the independent outlets instead:

1. Each sentence's figures, one per thing it measures: the first count of a noun, the first
   sum of money, percentage, duration, year or date (a sentence's later figure of the same
   thing is usually a comparison: "peaked at 5.8 metres, beating the record of 5.2 metres").
2. Two figures of different outlets are *the same measure* when they are comparable (same
   kind and unit, agent.text.quantities), a count counts the same noun, a measure lies within
   MAX_MEASURE_RATIO (a year within MAX_YEAR_GAP), and their sentences share at least
   MIN_SHARED of their content stems (overlap coefficient: shared / the smaller set).
3. A *dispute* is two such figures whose values cannot both be true (their intervals do not
   overlap), when neither outlet states the other's value for the same measure anywhere.
   Disputes are taken best-overlap first, each figure in one at most; other outlets whose
   figure of the same measure agrees with one side join it, and so does an outlet that
   states one side's exact value, however it words the sentence.

Where a speaker spoke is the other detail outlets often give differently: venues that share
no word, from the speech sentences (`place_differences`). No model call; the values are
shown as the sentences write them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from agent.generation.extractive import MAX_SIDES, Difference, Side, word_from
from agent.text.analysis import analyze
from agent.text.quantities import Quantity
from agent.types import Sentence
from agent.verification.compare import venue_versions
from agent.verification.conflicts import show_quantity

# Tuned on the dev stories' labelled conflicts (evals/stories/*/conflicts.jsonl, split dev);
# see the issue 15 results in evals/results.
MIN_SHARED = 0.3
MAX_MEASURE_RATIO = 3.0  # outlets that disagree on a figure disagree within this factor
MAX_YEAR_GAP = 5
MAX_DIFFERENCES = 4  # difference lines in a story summary (dev floor: 3 and 4 score alike)
_KINDS = frozenset(("count", "money", "percent", "duration", "year", "day"))


@dataclass(frozen=True)
class Figure:
    """One figure of one outlet's sentence."""

    sentence: Sentence
    outlet: str
    quantity: Quantity
    against: Quantity | None = None  # a tally's second count ("14 votes to 9": the 9)

    @property
    def shown(self) -> str:
        """The figure as its sentence writes it ("more than 70", "£4.8m"; number words in
        digits), with the noun a count counts or a duration's unit ("63 patients"); a
        tally as "14 votes to 9"."""
        q = self.quantity
        if self.against is not None:
            return f"{q.said} {q.head}s to {self.against.said}"
        if q.kind == "day" or not q.said:
            return show_quantity(q).title() if q.kind == "day" else show_quantity(q)
        said = q.said[:1].lower() + q.said[1:] if q.said[:1].isalpha() else q.said
        if q.kind in ("count", "duration") and q.head and q.head not in said.lower():
            return f"{said} {word_from(q.head, self.sentence.text)}"
        return said


def figures(items: Sequence[tuple[Sentence, str]]) -> list[Figure]:
    """The figures of (sentence, outlet key) `items`, at most one per thing a sentence
    measures (kind, unit and counted noun)."""
    out: list[Figure] = []
    for s, outlet in items:
        seen: set[tuple[str, str, str]] = set()
        found = analyze(s.text).quantities
        for n, q in enumerate(found):
            key = (q.kind, q.unit, q.head if q.kind in ("count", "day") else "")
            if q.kind in _KINDS and key not in seen:
                seen.add(key)
                out.append(Figure(s, outlet, q, _tally_second(q, found[n + 1:])))
    return out


def _tally_second(q: Quantity, after: Sequence[Quantity]) -> Quantity | None:
    """The second count of a tally that `q` opens ("by 14 votes to 9", "voted 15-8"): the
    next figure, joined to `q` and smaller (agent.text.quantities gives it `q`'s noun),
    both as written."""
    nxt = after[0] if after else None
    if (nxt is None or not nxt.joined or q.kind != "count" or nxt.head != q.head
            or nxt.value >= q.value or not (q.said and nxt.said)):
        return None
    return nxt


def _counts_other(a: Quantity, b: Quantity) -> bool:
    """Two counts of different nouns ("over 7.5 tonnes" is no mention of "14 votes")."""
    return a.kind == b.kind == "count" and bool(a.head and b.head) and a.head != b.head


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def same_measure(a: Figure, b: Figure) -> bool:
    """Whether two figures may be two outlets' values of one measure (module docstring).
    Symmetric in `a` and `b`."""
    qa, qb = a.quantity, b.quantity
    if a.outlet == b.outlet or not qa.comparable(qb):
        return False
    if qa.kind == "count" and (not qa.head or qa.head != qb.head):
        return False
    if qa.kind == "year" and abs(qa.value - qb.value) > MAX_YEAR_GAP:
        return False
    if qa.kind in ("money", "percent", "duration", "count"):
        lo, hi = sorted((abs(qa.value), abs(qb.value)))
        if lo <= 0 or hi / lo > MAX_MEASURE_RATIO:
            return False
    return _overlap(_terms(a.sentence.text), _terms(b.sentence.text)) >= MIN_SHARED


@functools.lru_cache(maxsize=8192)
def _terms(text: str) -> frozenset[str]:
    """The sentence's content stems without figures."""
    return frozenset(t for t in analyze(text).stems if not t[:1].isdigit())


def _links(figs: Sequence[Figure]) -> list[set[int]]:
    """For each figure (by index), the figures that are the same measure (`same_measure`).
    Only figures of one kind and counted noun are compared: no others are comparable."""
    buckets: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(figs):
        q = f.quantity
        buckets.setdefault((q.kind, q.head if q.kind in ("count", "day") else ""), []).append(i)
    links: list[set[int]] = [set() for _ in figs]
    for members in buckets.values():
        for n, i in enumerate(members):
            for j in members[n + 1:]:
                if same_measure(figs[i], figs[j]):
                    links[i].add(j)
                    links[j].add(i)
    return links


def _disputes(figs: Sequence[Figure], links: Sequence[set[int]]) -> list[tuple[float, int, int]]:
    """(shared-stem overlap, i, j) for figures i and j of two outlets that are the same
    measure (`links`) with values that cannot both be true, when neither outlet states the
    other's value as the same measure anywhere (an outlet that gives "31%" for a premium
    elsewhere does not dispute a 31% premium with its "22% higher" close) and neither
    sentence states the other's value at all ("closed at $3.82 after a $4.10-a-share
    offer"). Best overlap first."""

    def states(outlet: str, f: Figure, other: int) -> bool:
        return any(figs[k].outlet == outlet and figs[k].quantity.agrees(f.quantity)
                   for k in links[other])

    def mentions(f: Figure, value: Quantity) -> bool:  # at any place in its sentence
        return any(q.agrees(value) and not _counts_other(q, value)
                   for q in analyze(f.sentence.text).quantities)

    out = []
    for i, linked in enumerate(links):
        for j in linked:
            a, b = figs[i], figs[j]
            if i < j and not a.quantity.agrees(b.quantity) and not (
                    states(b.outlet, a, i) or states(a.outlet, b, j)
                    or mentions(b, a.quantity) or mentions(a, b.quantity)):
                out.append((_overlap(_terms(a.sentence.text), _terms(b.sentence.text)), i, j))
    return sorted(out, reverse=True)


def _sides(figs: Sequence[Figure], links: Sequence[set[int]], i: int, j: int) -> list[list[int]]:
    """The two versions of the dispute (i, j), as figure indices: each seed with the
    figures of other outlets that are the same measure as either seed and agree with it."""
    sides = [[i], [j]]
    taken = {figs[i].outlet, figs[j].outlet}
    for k in sorted(links[i] | links[j]):
        f = figs[k]
        if f.outlet in taken:
            continue
        for side in sides:
            if figs[side[0]].quantity.agrees(f.quantity):
                side.append(k)
                taken.add(f.outlet)
                break
    return sides


def _join_equal(versions: list[list[int]], figs: Sequence[Figure]) -> None:
    """Add to a version (figure indices) the figures of outlets not yet in the difference
    that state its exact value (same kind, unit and counted noun), whatever their wording:
    "a modest $148 million" in a comment piece is the $148 million version."""
    taken = {figs[k].outlet for v in versions for k in v}
    for n, f in enumerate(figs):
        if f.outlet in taken:
            continue
        for v in versions:
            q = figs[v[0]].quantity
            fq = f.quantity
            if ((fq.kind, fq.unit, fq.value, fq.low, fq.high) == (q.kind, q.unit, q.value, q.low,
                                                                   q.high)
                    and fq.said and q.said and (q.kind != "count" or q.head == fq.head)):
                v.append(n)
                taken.add(f.outlet)
                break


def story_differences(
    items: Sequence[tuple[Sentence, str]], outlet_name: Callable[[str], str]
) -> list[Difference]:
    """Differences over (sentence, outlet key) `items`, the body sentences of independent
    outlets: most outlets first, at most MAX_DIFFERENCES, no figure in two of them. Each
    side shows its value as its first sentence writes it, names its outlets (`outlet_name`)
    and is backed by that sentence."""
    figs = figures(items)
    links = _links(figs)
    used: set[int] = set()
    found: list[tuple[int, float, Difference]] = []
    disputes = _disputes(figs, links)
    for score, i, j in disputes:
        if i in used or j in used:
            continue
        sides = _sides(figs, links, i, j)
        _join_equal(sides, figs)
        used.update(k for side in sides for k in side)
        # Other figures the same two sentences dispute are told in the same line
        # ("18%, $3.69 ... vs 22%, $3.82").
        pair = (figs[i].sentence.id, figs[j].sentence.id)
        also = [(k, m) for _, k, m in disputes if k not in used and m not in used
                and {figs[k].sentence.id, figs[m].sentence.id} == set(pair)]
        values = [[figs[side[0]].shown] for side in sides]
        for k, m in also:
            a, b = (k, m) if figs[k].sentence.id == pair[0] else (m, k)
            values[0].append(figs[a].shown)
            values[1].append(figs[b].shown)
            used.update((k, m))
        outlets = [{figs[k].outlet for k in side} for side in sides]
        shown = []
        for n in sorted(range(2), key=lambda n: -len(outlets[n])):
            names, backing = _named([(figs[k].outlet, figs[k].sentence) for k in sides[n]],
                                    outlet_name)
            shown.append(Side(tuple(values[n]), names, figs[sides[n][0]].sentence, backing))
        # The values carry their nouns, so the detail is named by kind only.
        kind = "month" if figs[i].quantity.kind == "day" else "number"
        found.append((len(outlets[0] | outlets[1]), score, Difference(kind, shown)))
    found += [(sum(len(s.outlets) for s in d.sides), 1.0, d)
              for d in place_differences(items, outlet_name)]
    found.sort(key=lambda x: (-x[0], -x[1]))
    return [d for _, _, d in found[:MAX_DIFFERENCES]]


def _named(
    given: Sequence[tuple[str, Sentence]], outlet_name: Callable[[str], str]
) -> tuple[list[str], list[Sentence]]:
    """The outlets' names in first-seen order and one sentence of each (its first)."""
    names: list[str] = []
    backing: list[Sentence] = []
    for key, sentence in given:
        if outlet_name(key) not in names:
            names.append(outlet_name(key))
            backing.append(sentence)
    return names, backing


def place_differences(
    items: Sequence[tuple[Sentence, str]], outlet_name: Callable[[str], str]
) -> list[Difference]:
    """Where outlets say one speaker spoke, when they name venues that share no word
    (agent.verification.compare.venue_versions, what `compare` shows as venue rows): "Outlets
    differ on where Trump spoke: aboard Air Force One (AP) vs at a rally (Fox News)."."""
    out = []
    for who, versions in venue_versions([(outlet, s) for s, outlet in items]):
        sides = []
        for v in versions:
            names, backing = _named([(key, s) for key, s, _ in v], outlet_name)
            phrase = v[0][2]
            sides.append(Side((phrase[:1].lower() + phrase[1:],), names, v[0][1], backing))
        sides.sort(key=lambda side: -len(side.outlets))
        out.append(Difference("place", sides[:MAX_SIDES], who.title()))
    return out
