"""The story's extractive floor and its differences, in code only.

The floor: key sentences of independent outlets (syndicated copies count once) are grouped
into clusters of cross-outlet sentences (agent.generation.story_points.group_points); clusters
are ranked by how many independent outlets carry them, then by centrality (the best
sentence's similarity to its article's centroid, with the lead bonus of
agent.generation.key_sentences); the best sentence of each top cluster is taken
verbatim, cited, until the word budget is spent. A model-written summary must beat this floor
on key-fact recall at equal length, or the floor is what ships (agent.generation.story_summary).

Differences come from the conflict records (agent.verification.conflicts) that the shared
checks find between two outlets' sentences of one cluster: "Outlets differ on the place:
Air Force One (AP, Reuters) vs Pennsylvania (Fox News)." Framing notes:
agent.generation.framing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from agent.generation.standalone import complete_sentence, stands_alone, word_count
from agent.generation.story_points import Point, group_points
from agent.text.analysis import analyze
from agent.text.facts import (
    CAP_RUN,
    MONTHS,
    NOT_ENTITY,
    WEEKDAYS,
)
from agent.text.normalize import normalize_for_match
from agent.text.place_frames import place_phrase
from agent.text.quantities import Quantity
from agent.text.quantity import show_quantity
from agent.text.tense import ahead
from agent.types import Sentence
from agent.verification.checks import compare
from agent.verification.conflict import Conflict

# A member's score is divided by its length in words to this power: under a word budget a
# shorter sentence that is as central says as much for less (the cost-scaled gain of the
# budgeted greedy selection of Lin & Bilmes 2010). Dev stories' floor key-fact recall:
# 0.430 at 0, 0.441-0.457 for 0.25-1.0.
BREVITY = 0.3
WORD_BUDGET = 180  # words in a story summary (issue 15: <= 180, most important first)
MAX_SIDES = 3  # versions of one detail named in a difference
@dataclass
class Cluster:
    """One ranked cluster: its point, its best sentence and the cluster's cosine matrix."""

    point: Point
    best: Sentence
    rank: int
    # the other members that could speak for it, best first (`_ranked_members`)
    alternates: list[Sentence] = field(default_factory=list)
    # members' texts as a line shows them, by sentence id, where that is not their own
    # words: an opening "He" named ("[Gareth Pennick] told the chamber ...")
    named: Mapping[str, str] = field(default_factory=dict)

    def text_of(self, sentence: Sentence) -> str:
        """The sentence as a line of the summary shows it (`named`, else its text)."""
        return self.named.get(sentence.id, sentence.text)

    @property
    def outlets(self) -> int:
        return len(self.point.outlets)


def _ranked_members(
    point: Point, vec_of: Callable[[Sentence], np.ndarray], opinion: frozenset[str],
    named: Mapping[str, str],
) -> list[Sentence]:
    """The members that may speak for the cluster, best first: complete sentences of
    reports (not of the `opinion` article ids), those that stand alone first (as `named`
    shows them); then by centrality plus mean similarity to the other members, per word to
    the power BREVITY."""
    members = [m for m in point.members
               if complete_sentence(m[0].text) and m[0].article_id not in opinion]

    def key(m: tuple[Sentence, str, float]) -> tuple[bool, bool, float]:
        others = [o for o in point.members if o[0].id != m[0].id]
        sim = (float(np.mean([vec_of(m[0]) @ vec_of(o[0]) for o in others])) if others
               else 0.0)
        # (a member in its own words before one whose pronoun a line must name)
        return (stands_alone(named.get(m[0].id, m[0].text)), m[0].id not in named,
                (m[2] + sim) / word_count(m[0].text) ** BREVITY)

    return [m[0] for m in sorted(members, key=key, reverse=True)]


def rank_clusters(
    items: Sequence[tuple[Sentence, str, float]], vecs: np.ndarray,
    opinion: frozenset[str] = frozenset(), named: Mapping[str, str] | None = None,
) -> list[Cluster]:
    """Clusters of (sentence, outlet key, centrality) `items` with (n, d) unit embeddings
    `vecs`, ranked by independent outlets, then by their best member's centrality; clusters
    with no complete sentence that stands alone outside the `opinion` articles (ids of
    `opinion_piece`s) are left out. `named`: sentence texts as a line would show them, by
    id (`Cluster.named`), read for whether they stand alone."""
    index = {s.id: i for i, (s, _, _) in enumerate(items)}
    named = named or {}

    def vec_of(s: Sentence) -> np.ndarray:
        return vecs[index[s.id]]

    def alone(s: Sentence) -> bool:
        return stands_alone(named.get(s.id, s.text))

    points = group_points(items, vecs)
    points.sort(key=lambda p: (-len(p.outlets), -max(sc for _, _, sc in p.members)))
    out: list[Cluster] = []
    for p in points:
        ranked = _ranked_members(p, vec_of, opinion, named)
        if ranked and alone(ranked[0]):
            mine = {s.id: named[s.id] for s, _, _ in p.members if s.id in named}
            out.append(Cluster(p, ranked[0], len(out),
                               [m for m in ranked[1:] if alone(m)], mine))
    return out


# --- differences --------------------------------------------------------------------------
@dataclass
class Side:
    """One version of a detail: its values as shown, the outlets that give it and the
    sentence of the first of them (the quote that backs it)."""

    values: tuple[str, ...]
    outlets: list[str] = field(default_factory=list)
    sentence: Sentence | None = None
    # One sentence per outlet named, in the order of `outlets`: the quotes a reader checks
    # each name against (empty: `sentence` alone backs the side).
    backing: list[Sentence] = field(default_factory=list)
    # Outlets of the side that word its value otherwise ("nearly 250" beside "248"), with
    # their own values: shown apart, so no outlet is credited with a figure it never gave.
    worded: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The side's figures as read (agent.text.quantities), for the verify stage's disputes;
    # empty for a difference found within one cluster or of places.
    figures: tuple[Quantity, ...] = ()
    # In a line led by another side's clause: this side's own clause, shown in place of its
    # values when its sentence does not tell the lead's event in the lead's words (an
    # outlet that says the committee "rejected" the plan on Monday is not shown as saying
    # it "approved" it then); "" to show the values.
    clause: str = ""

    def text(self, lead: str = "", noun: str = "") -> str:
        """"248 passengers (Harbourline) / nearly 250 (The Island Voice)"; `lead` in place of
        the values: the clause of `sentence` that gives them ("the mission has cost $184
        million"); `noun`: the counted noun the line names already, left off the values
        ("63 (A) vs more than 70 (B)" on the number of patients)."""

        def shown(values: tuple[str, ...]) -> str:
            return ", ".join(v.removesuffix(f" {noun}") if noun else v for v in values)

        own = [o for o in self.outlets if o not in self.worded]
        parts = [f"{lead or shown(self.values)} ({', '.join(own)})"] if own else []
        parts += [f"{shown(v)} ({o})" for o, v in self.worded.items()]
        return " / ".join(parts)


@dataclass
class Difference:
    """A detail independent outlets give differently (from a Conflict record)."""

    kind: str
    sides: list[Side]

    head: str = ""  # for a count: the word it counts ("votes"); for a place: the speaker
    # The clause of the first side's sentence that gives its value, as written ("the first
    # patient fell ill on Sunday"): what the figures are of, told in the line itself.
    lead: str = ""
    measure: str = ""  # what a figure of no counted noun measures: "the sum", "the distance"

    @property
    def detail(self) -> str:
        """What differs, as the sentence names it: "the place", "the number of votes",
        "the distance"."""
        if self.kind == "number":
            return f"the number of {self.head}" if self.head else self.measure or "the figure"
        if self.kind == "place" and self.head:
            return f"where {self.head} spoke"
        return {"place": "the place", "day": "the day", "month": "the date",
                "time": "the time", "year": "the year"}.get(
            self.kind, self.kind)

    def text(self) -> str:
        """"Outlets differ on the day: Friday (AP) vs Saturday (Reuters, Fox News)."; with a
        lead, "Outlets differ: the mission has cost $184 million (A) vs $148 million (B)."."""
        if self.lead and self.sides:
            first, *rest = self.sides
            led = [first.text(self.lead), *(s.text(s.clause) for s in rest)]
            return f"Outlets differ: {' vs '.join(led)}."
        noun = self.head if self.kind == "number" else ""
        told = " vs ".join(s.text(noun=noun) for s in self.sides)
        return f"Outlets differ on {self.detail}: {told}."


def _shown(values: tuple[str, ...], sentence: str, kind: str) -> tuple[str, ...]:
    """Values as the sentence writes them (case kept) when it does, else as recorded."""
    out = []
    for v in values:
        m = (re.search(re.escape(v), sentence, re.IGNORECASE)
             if kind != "number" or re.search("[a-z]", v) else None)
        out.append((kind == "place" and place_phrase(v, sentence))  # a venue: where it was
                   or (m.group(0) if m else (v.capitalize() if kind in ("day", "month") else v)))
    return tuple(out)


def _same_count(a: str, b: str) -> Conflict | None:
    """Two figures that count the same thing (same kind and unit, the same next word:
    "14 votes" / "15 votes") and cannot both be true; None when there are none."""
    for qa in analyze(a).quantities:
        for qb in analyze(b).quantities:
            if qa.head and qa.head == qb.head and qa.comparable(qb) and not qa.agrees(qb):
                return Conflict("number", (show_quantity(qa),), (show_quantity(qb),))
    return None


def _conflict(a: str, b: str, score: float, kind: str | None = None) -> Conflict | None:
    """The first conflict (of `kind`) the verifier's checks find between two sentences whose
    cosine similarity is `score` (the checks need alignment to call it a conflict). A
    figure is a difference only between figures of the same thing (`_same_count`): the
    checks also oppose figures of one kind in aligned sentences, too loose to print."""
    for c in compare(a, b, score=score).conflicts:
        if kind is not None and c.kind != kind:
            continue
        if c.kind == "number":
            return _same_count(a, b)
        return c
    return None


_DATE_WORDS = frozenset((*WEEKDAYS, *MONTHS))


def _actor_of(value: str, text: str) -> set[str]:
    """Words of the last name before `value` in `text` ("trump" for "Trump on Sunday
    said"), dates and non-names left out; empty when there is none."""
    at = text.lower().find(value.lower())
    if at < 0:
        return set()
    for m in reversed(list(CAP_RUN.finditer(text[:at]))):
        words = {w.lower().strip("’'") for w in m.group(0).split()}
        words = {w.removesuffix("’s").removesuffix("'s") for w in words
                 if w not in NOT_ENTITY and w not in _DATE_WORDS}
        if words:
            return words
    return set()


def same_event(conflict: Conflict, a: str, b: str) -> bool:
    """A day, date or figure two sentences give differently is a difference only when it
    belongs to the same actor in both ("Trump on Sunday said" vs "which Sheinbaum confirmed
    on Saturday" are two events; "Fenwick Road has 412 pupils" vs "the college has 1,030
    pupils" are two schools): the last names before the two values share a word. When
    either sentence names no one before its value, or gives two days or dates (two events
    of its own), it is not printed as a difference."""
    if conflict.kind == "place":
        return not _places_of_two_events(conflict, a, b)
    if conflict.kind not in ("day", "month", "number"):
        return True
    if conflict.kind in ("day", "month") and max(
            len(conflict.claim_values), len(conflict.source_values)) > 1:
        return False  # "fell ill on Sunday, and tests on Tuesday confirmed": two events
    actors = [_actor_of(v, t) for vs, t in ((conflict.claim_values, a),
                                             (conflict.source_values, b)) for v in vs[:1]]
    return len(actors) == 2 and bool(actors[0] & actors[1])


def _places_of_two_events(conflict: Conflict, a: str, b: str) -> bool:
    """Whether the places two sentences give are of two events: one told as to come and the
    other as past ("is due to appear at Marlshire Crown Court on 2 April" / "appeared at
    Ashcombe Magistrates' Court on Thursday"), or of two bodies of near-miss names, the names
    before them sharing a word but neither within the other ("Fernleigh Housing Association,
    ... based in Kenbury" / "Fernleigh Housing Trust, ... in Ashcombe"). A crime newcomer
    (session 61) saw both printed as differences between outlets. Names that share no word
    may be one event told around different people ("Penhallow unveiled the designs at ..."
    / "The designs, drawn up by Lindqvist & Rowe, were unveiled at ...", a dev difference)."""
    values = [(conflict.claim_values[0], a), (conflict.source_values[0], b)]
    if len({ahead(text, value) for value, text in values}) > 1:
        return True
    first, second = (_actor_of(value, text) for value, text in values)
    return bool(first & second) and not (first <= second or second <= first)


def word_from(head: str, text: str) -> str:
    """The word of `text` that the analysis folded to `head` ("properties" for
    "propertie"), lower-case; `head` itself when none is found."""
    m = re.search(rf"\b{re.escape(head)}\w*", text, re.IGNORECASE) if head else None
    return m.group(0).lower() if m else head


def _mentions(values: tuple[str, ...], text: str) -> bool:
    low = normalize_for_match(text)
    return all(normalize_for_match(v) in low for v in values)


def difference_of(
    point: Point, outlet_name: Callable[[str], str], sim: Callable[[Sentence, Sentence], float]
) -> Difference | None:
    """The first concrete difference between two independent outlets of `point`, with every
    member outlet placed on the side whose value its sentence states (outlets that do not
    state the detail are left out). `outlet_name` maps an outlet key to the name shown;
    `sim` gives two sentences' cosine similarity."""
    members = sorted(point.members, key=lambda m: -m[2])
    for i, (a, oa, _) in enumerate(members):
        for b, ob, _ in members[i + 1 :]:
            c = None if oa == ob else _conflict(a.text, b.text, sim(a, b))
            if c is None or not same_event(c, a.text, b.text):
                continue
            sides = [Side(_shown(c.claim_values, a.text, c.kind), [], a),
                     Side(_shown(c.source_values, b.text, c.kind), [], b)]
            raw = [c.claim_values, c.source_values]
            for s, o, _ in members:
                name = outlet_name(o)
                for k, side in enumerate(sides):
                    rep = side.sentence
                    if rep is not None and (s.id == rep.id or (
                            _mentions(raw[k], s.text)
                            and _conflict(rep.text, s.text, sim(rep, s), c.kind) is None)):
                        if name not in side.outlets:
                            side.outlets.append(name)
                        break
            head = next((word_from(q.head, a.text) for q in analyze(a.text).quantities
                         if q.kind == "count" and show_quantity(q) in c.claim_values), "")
            kind = "month" if c.kind == "number" and any(
                q.kind == "day" for q in analyze(a.text).quantities
                if show_quantity(q) in c.claim_values) else c.kind
            return Difference(kind, [x for x in sides if x.outlets][:MAX_SIDES], head)
    return None
