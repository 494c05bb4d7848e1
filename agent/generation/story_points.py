"""Story points: the reduce step of the story summary, in code only (no model).

Key sentences of independent outlets are grouped into points by the shared cross-outlet
grouping (agent.retrieval.grouping), each point is classified (agreement / difference /
framing) by the code checks and a small lexicon of loaded wording, and the points to write
are chosen, best first. agent.generation.summarize asks the model to write each one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from agent.retrieval.grouping import SAME_POINT_SIM, group_across_outlets
from agent.text.normalize import normalize_for_match
from agent.types import Sentence
from agent.verification.checks import compare
from agent.verification.conflict import Conflict

Section = Literal["agreement", "difference", "framing"]
MAX_POINT_SENTENCES = 3  # sentences shown per story point prompt
# Shown in this order: what outlets agree on is the story; then where they differ, then how
# they word it.
MAX_POINTS = {"agreement": 6, "difference": 3, "framing": 2}
SINGLE_OUTLET_POINTS = 3
# Small generic lexicon of evaluative/loaded news wording (not tied to any story).
_LOADED = """stunning stunned shocking shocked shock bombshell defiant defiance defiantly slammed
slams slam slapped slaps blasted blasts blast lashed lashes ripped rips torched mocked mocks
humiliating humiliated humiliation disastrous disaster catastrophic chaos chaotic meltdown
outrageous outrage outraged furious fury fumed fuming scathing brazen bold boldly reckless
radical extremist extreme caved caves crushing crushed destroyed destroys obliterated
sigh relief flooding flood invasion invading thugs impunity out-of-control lawless
explosive fiery firestorm vicious brutal ruthless dangerous disgraceful shameful snubbed
snubs rebuked rebuke scolded dodged trashed savaged"""
LOADED_WORDS = frozenset(_LOADED.split())
LOADED_PHRASES = ("lashed into", "lashed out", "out of control", "sigh of relief", "tore into")


@dataclass
class Point:
    """A group of sentences from (possibly) several outlets saying the same thing."""

    members: list[tuple[Sentence, str, float]] = field(default_factory=list)  # (s, outlet, score)
    section: Section | None = None
    detail: str = ""  # what differs (the conflict's kind), or which words are loaded
    conflict: Conflict | None = None  # a difference's first conflict (agent.verification)

    @property
    def sides(self) -> tuple[str, str]:
        """A difference's two values as text ("sunday", "saturday"); ("", "") otherwise."""
        if self.conflict is None:
            return "", ""
        return self.conflict.claim_text, self.conflict.source_text

    @property
    def outlets(self) -> set[str]:
        """The independent outlets (outlet keys) behind the point."""
        return {o for _, o, _ in self.members}

    @property
    def weight(self) -> float:
        """Summed centrality of the point's sentences."""
        return sum(sc for _, _, sc in self.members)


def loaded_terms(text: str) -> list[str]:
    """The loaded phrases, then words, of `text` in order of first use (lower-case)."""
    low = normalize_for_match(text)
    found = [p for p in LOADED_PHRASES if p in low]
    words = re.findall(r"[a-z][a-z-]*", low)
    found += [w for w in dict.fromkeys(words) if w in LOADED_WORDS]
    return found


def states_both_sides(text: str, conflict: Conflict | None) -> bool:
    """A difference sentence must name a value from each side of its conflict (the small
    model sometimes writes "one says Sunday, another says on Sunday"). False without one."""
    if conflict is None:
        return False
    low = normalize_for_match(text)
    # Values are also split at commas, as when sides travelled as text: a figure's digit
    # groups ("1,200,000") count one by one.
    return all(
        any(v.strip() and normalize_for_match(v.strip()) in low
            for value in side for v in value.split(","))
        for side in (conflict.claim_values, conflict.source_values)
    )


def classify(point: Point, sims: Callable[[Sentence, Sentence], float]) -> None:
    """Sets `point.section` (and `detail`, `conflict`) in place; `sims` gives two sentences'
    cosine similarity.
    Difference: two outlets' sentences disagree on a number/date/place (verification.checks).
    Framing: one outlet uses loaded wording where another states the point neutrally.
    Agreement: two or more outlets, otherwise. None: one outlet only."""
    point.section = None
    if len(point.outlets) < 2:
        return
    for i, (a, oa, _) in enumerate(point.members):
        for b, ob, _ in point.members[i + 1 :]:
            if oa != ob:
                conflicts = compare(a.text, b.text, score=sims(a, b)).conflicts
                if conflicts:
                    point.section, point.detail = "difference", conflicts[0].kind
                    point.conflict = conflicts[0]
                    return
    loaded = {o: loaded_terms(s.text) for s, o, _ in point.members}
    if any(loaded.values()) and any(not v for v in loaded.values()):
        point.section = "framing"
        point.detail = ", ".join(dict.fromkeys(t for v in loaded.values() for t in v))
        return
    point.section = "agreement"


def group_points(
    items: Sequence[tuple[Sentence, str, float]],
    vecs: np.ndarray,
    threshold: float = SAME_POINT_SIM,
) -> list[Point]:
    """Points from the shared cross-outlet grouping (agent.retrieval.grouping), sentences
    taken most central first: a sentence joins the point whose leader it resembles most,
    else starts a new one. `items` are (sentence, outlet key, centrality), `vecs` (n, d)
    their unit embeddings."""
    order = [int(i) for i in np.argsort([-sc for _, _, sc in items], kind="stable")]
    groups = group_across_outlets(vecs, [o for _, o, _ in items], order=order, threshold=threshold)
    return [Point(members=[items[i] for i in g.members]) for g in groups]


def point_evidence(point: Point) -> list[Sentence]:
    """At most MAX_POINT_SENTENCES sentences, one per outlet first; for framing, a loaded
    and a neutral one."""
    ranked = sorted(point.members, key=lambda m: -m[2])
    if point.section == "framing":
        ranked.sort(key=lambda m: not loaded_terms(m[0].text))
        neutral = next((m for m in ranked if not loaded_terms(m[0].text)), None)
        if neutral is not None:
            ranked.remove(neutral)
            ranked.insert(1, neutral)
    chosen: list[tuple[Sentence, str, float]] = []
    for m in ranked:
        if m[1] not in {c[1] for c in chosen}:
            chosen.append(m)
    for m in ranked:
        if m not in chosen:
            chosen.append(m)
    return [s for s, _, _ in chosen[:MAX_POINT_SENTENCES]]


def choose_points(points: Sequence[Point]) -> list[Point]:
    """The classified points to write, in order: up to MAX_POINTS of each section (most
    outlets, then most central first), then SINGLE_OUTLET_POINTS told by one outlet only."""
    ranked = sorted(points, key=lambda p: (-len(p.outlets), -p.weight))
    chosen: list[Point] = []
    for section, cap in MAX_POINTS.items():
        if section == "agreement":
            # What several outlets report is agreed even when they differ on a detail
            # (the day, the place): that point is stated once here, its difference below.
            shared = [p for p in ranked if p.section in ("agreement", "difference")]
            chosen += [replace(p, section="agreement") for p in shared[:cap]]
        else:
            chosen += [p for p in ranked if p.section == section][:cap]
    # Then what only one outlet reports, most central first (section None).
    chosen += [p for p in ranked if p.section is None][:SINGLE_OUTLET_POINTS]
    return chosen


def story_points(items: Sequence[tuple[Sentence, str, float]], vecs: np.ndarray) -> list[Point]:
    """Grouped, classified and chosen points, best first. `items` are (sentence, outlet key,
    centrality) from the map step, `vecs` (n, d) their unit embeddings."""
    index = {s.id: i for i, (s, _, _) in enumerate(items)}
    points = group_points(items, vecs)
    for p in points:
        classify(p, lambda a, b: float(vecs[index[a.id]] @ vecs[index[b.id]]))
    return choose_points(points)
