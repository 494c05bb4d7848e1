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
3. Linked figures form groups (connected components); within a group, figures that agree
   (overlapping intervals) are one version. A group with two versions, each given by
   outlets that give no other version, is a difference. Another outlet that states one
   version's exact value, however it words the sentence, is counted on that side.

No model call; the values are shown as the sentences write them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from agent.generation.extractive import Difference, Side
from agent.text.analysis import analyze
from agent.text.quantities import Quantity
from agent.types import Sentence
from agent.verification.conflicts import show_quantity

# Tuned on the dev stories' labelled conflicts (evals/stories/*/conflicts.jsonl, split dev);
# see the issue 15 results in evals/results.
MIN_SHARED = 0.3
MAX_MEASURE_RATIO = 3.0  # outlets that disagree on a figure disagree within this factor
MAX_YEAR_GAP = 5
MAX_DIFFERENCES = 3  # difference lines in a story summary
_KINDS = frozenset(("count", "money", "percent", "duration", "year", "day"))


@dataclass(frozen=True)
class Figure:
    """One figure of one outlet's sentence."""

    sentence: Sentence
    outlet: str
    quantity: Quantity

    @property
    def shown(self) -> str:
        """The figure as its sentence writes it ("more than 70", "£4.8m"; number words in
        digits), with the noun a count counts or a duration's unit ("63 patients")."""
        q = self.quantity
        if q.kind == "day" or not q.said:
            return show_quantity(q).title() if q.kind == "day" else show_quantity(q)
        said = q.said[:1].lower() + q.said[1:] if q.said[:1].isalpha() else q.said
        if q.kind in ("count", "duration") and q.head and q.head not in said.lower():
            return f"{said} {_word_from(q.head, self.sentence.text)}"
        return said


def _word_from(head: str, text: str) -> str:
    """The word of `text` the analysis folded to `head` ("patients" for "patient")."""
    low = text.lower()
    at = low.find(head)
    if at < 0:
        return head
    end = at
    while end < len(low) and (low[end].isalnum() or low[end] in "-'’"):
        end += 1
    return low[at:end]


def figures(items: Sequence[tuple[Sentence, str]]) -> list[Figure]:
    """The figures of (sentence, outlet key) `items`, at most one per thing a sentence
    measures (kind, unit and counted noun)."""
    out: list[Figure] = []
    for s, outlet in items:
        seen: set[tuple[str, str, str]] = set()
        for q in analyze(s.text).quantities:
            key = (q.kind, q.unit, q.head if q.kind in ("count", "day") else "")
            if q.kind in _KINDS and key not in seen:
                seen.add(key)
                out.append(Figure(s, outlet, q))
    return out


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def same_measure(a: Figure, b: Figure) -> bool:
    """Whether two figures may be two outlets' values of one measure (module docstring)."""
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
    return _overlap(_terms(a), _terms(b)) >= MIN_SHARED


def _terms(f: Figure) -> frozenset[str]:
    return frozenset(t for t in analyze(f.sentence.text).stems if not t[:1].isdigit())


def _components(figs: Sequence[Figure]) -> list[list[Figure]]:
    parent = list(range(len(figs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(figs):
        for j in range(i + 1, len(figs)):
            if same_measure(a, figs[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[Figure]] = {}
    for i, f in enumerate(figs):
        groups.setdefault(root(i), []).append(f)
    return [g for g in groups.values() if len({f.outlet for f in g}) > 1]


def _versions(group: Sequence[Figure]) -> list[list[Figure]]:
    """The group's figures split into versions: each figure joins the first version whose
    first figure it agrees with. Empty when an outlet gives two versions (it contradicts
    itself, or two measures were linked as one)."""
    versions: list[list[Figure]] = []
    for f in sorted(group, key=lambda f: f.quantity.value):
        for v in versions:
            if v[0].quantity.agrees(f.quantity):
                v.append(f)
                break
        else:
            versions.append([f])
    outlets = [{f.outlet for f in v} for v in versions]
    if any(outlets[i] & outlets[j] for i in range(len(outlets)) for j in range(i)):
        return []
    return versions


def _join_equal(versions: list[list[Figure]], figs: Sequence[Figure]) -> None:
    """Add to a version the figures of outlets not yet in the difference that state its
    exact value (same kind, unit and counted noun), whatever their wording: "a modest
    $148 million" in a comment piece is the $148 million version."""
    taken = {f.outlet for v in versions for f in v}
    for f in figs:
        if f.outlet in taken:
            continue
        for v in versions:
            q = v[0].quantity
            fq = f.quantity
            if ((fq.kind, fq.unit, fq.value, fq.low, fq.high) == (q.kind, q.unit, q.value, q.low,
                                                                   q.high)
                    and fq.said and q.said and (q.kind != "count" or q.head == fq.head)):
                v.append(f)
                taken.add(f.outlet)
                break


def story_differences(
    items: Sequence[tuple[Sentence, str]], outlet_name: Callable[[str], str]
) -> list[Difference]:
    """Differences over (sentence, outlet key) `items`, the body sentences of independent
    outlets: most outlets first, at most MAX_DIFFERENCES. Each side shows its values as its
    first sentence writes them, names its outlets (`outlet_name`) and is backed by that
    sentence."""
    found: list[tuple[int, Difference]] = []
    all_figures = figures(items)
    for group in _components(all_figures):
        versions = _versions(group)
        if len(versions) < 2:
            continue
        _join_equal(versions, all_figures)
        versions.sort(key=lambda v: -len({f.outlet for f in v}))
        sides = []
        for v in versions:
            names: list[str] = []
            for f in v:
                if outlet_name(f.outlet) not in names:
                    names.append(outlet_name(f.outlet))
            sides.append(Side((v[0].shown,), names, v[0].sentence))
        # The values carry their nouns, so the detail is named by kind only.
        kind = "month" if group[0].quantity.kind == "day" else "number"
        found.append((len({f.outlet for f in group}), Difference(kind, sides)))
    found.sort(key=lambda x: -x[0])
    return [d for _, d in found[:MAX_DIFFERENCES]]
