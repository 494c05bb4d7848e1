"""A claim's figures against the story's: other outlets' versions of a figure the claim gives
(`figure_disputes`, `figure_rivals`) and a rival sentence's conflicts with it
(`figure_conflicts`), read with the linking rule of agent.verification.measures (which
figures of two outlets are one measure)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from agent.text.analysis import analyze
from agent.text.counted import shares_of_wholes
from agent.text.measured import sites_apart
from agent.text.near_miss import near_miss_name
from agent.text.quantities import Quantity
from agent.types import Sentence
from agent.verification.conflict import Conflict, figure_conflict
from agent.verification.conflicts import gives_another, vote_conflicts
from agent.verification.measures import (
    DATE_KINDS,
    MEASURE_KINDS,
    MIN_SHARED,
    OTHER_NOUN_SHARED,
    WHEN_KINDS,
    Figure,
    comparable_measure,
    counts_alike,
    durations_told_alike,
    figures,
    mentions,
    overlap,
    same_measure,
    sentence_figures,
    terms,
)


def figure_rivals(
    claim: str, items: Sequence[tuple[Sentence, str]]
) -> list[tuple[Figure, Quantity]]:
    """Other outlets' versions of the claim's figures among (sentence, outlet key) `items`,
    as (their figure, the claim figure it contradicts): `figure_disputes` without anchors."""
    first: dict[str, tuple[Figure, Quantity]] = {}
    for rival, q, _ in figure_disputes(claim, items):
        first.setdefault(rival.sentence.id, (rival, q))
    return list(first.values())


def figure_disputes(
    claim: str, items: Sequence[tuple[Sentence, str]]
) -> list[tuple[Figure, Quantity, Figure]]:
    """Other outlets' versions of the claim's figures among (sentence, outlet key) `items`,
    as (their figure, the claim figure it contradicts, the anchor it rivals).

    An *anchor* is a figure of `items` that gives one of the claim's figures (it agrees, a
    count of the same noun) in a sentence sharing MIN_SHARED of the claim's stems. A rival
    is a figure of another outlet that is the same measure as an anchor (`same_measure`) and
    cannot be true with the claim's figure, from an outlet that gives the claim's value for
    it nowhere in `items`, in a sentence that does not mention that value ("closed at $3.82
    after a $4.10 offer"): the dispute rule of the story summary's differences, seen from
    the claim (agent.generation.differences). When no outlet gives the claim's value, the
    claim's own figure is the anchor (outlet CLAIM_OUTLET, no article: not evidence)."""
    claimed = [q for q in sentence_figures(claim) if q.kind in MEASURE_KINDS]
    if not claimed:
        return []
    claim_terms = terms(claim)
    figs = figures(items)
    out: list[tuple[Figure, Quantity, Figure]] = []
    for q in claimed:
        # a bound on a share ("fewer than one in ten") gives it only in a sentence about it
        giving = [f for f in figs if comparable_measure(q, f.quantity)
                  and q.same_version(f.quantity)
                  and not (q.kind == "percent" and f.quantity.low <= 0 and overlap(
                      claim_terms, terms(f.sentence.text)) < OTHER_NOUN_SHARED)]
        if q.kind == "count" and not giving:
            # the claim counts under a noun no outlet gives its value with ("to hold 40,000
            # spectators" for "a 40,000-seat stadium", "eleven people" for "the eleven
            # walkers"): the same value counted under another noun, in a sentence about the
            # claim, gives it
            giving = [f for f in figs if f.quantity.kind == "count"
                      and f.quantity.part == q.part and f.quantity.value == q.value
                      and overlap(claim_terms, terms(f.sentence.text)) >= OTHER_NOUN_SHARED]
        gives = {f.outlet for f in giving}
        anchors = [f for f in giving
                   if overlap(claim_terms, terms(f.sentence.text)) >= MIN_SHARED]
        own = (_claim_figure(claim, q)
               if not giving and q.kind not in DATE_KINDS | WHEN_KINDS else None)
        if own is not None:
            # No outlet gives the claim's value: the claim's own words say what it measures,
            # so another outlet's value of that measure rivals it ("had debts of about
            # £4.2m" against every outlet's "had debts of about £2.4m", a newcomer trial,
            # where retrieval ranked the claim's name above the figure's sentences). Not a
            # date: a sentence's dates tell many events ("checked in 2024" / "scrapped the
            # watchman in 2022"), and not a count of another noun (`counts_alike`).
            anchors = [own]
        # every anchor a rival rivals, not only the first: each outlet that gives the
        # claim's value is one side of the dispute ("9-3" in three outlets, "8-4" in one)
        for a in anchors:
            for f in figs:
                if (f.outlet in gives
                        or not (same_measure(a, f) or (a is not own and (
                            counts_alike(a, f) or durations_told_alike(a, f, figs))))
                        or f.quantity.same_version(q) or mentions(f.sentence.text, q)
                        or near_miss_name(claim, f.sentence.text)
                        # a sum the anchor's outlet gives too is another thing it tells of
                        # (a £1.2m grant, the council's £450,000 grant); not counts: an
                        # outlet may cite the count it corrects (dev galloway c05)
                        or (f.quantity.kind == "money" and any(
                            g.outlet == a.outlet and g.quantity.kind == "money"
                            and g.quantity.same_version(f.quantity) for g in figs))):
                    continue
                out.append((f, q, a))
    return out


# The outlet key of the claim read as its own anchor (`figure_disputes`): no outlet's.
CLAIM_OUTLET = "\x00claim"


def _claim_figure(claim: str, q: Quantity) -> Figure | None:
    """The claim's figure `q` as a Figure of the claim's own sentence (outlet CLAIM_OUTLET,
    article id "")."""
    said = Sentence(id="claim", article_id="", doc_id="", start=0, end=len(claim), text=claim)
    return next((f for f in figures([(said, CLAIM_OUTLET)]) if f.quantity == q), None)




def figure_conflicts(claim: str, sentence: str) -> list[Conflict]:
    """The number conflicts of a rival sentence (`figure_rivals`) with the claim: each claim
    figure against the sentence's nearest figure of the same measure ("14 votes to 9" /
    "15 to 8": 14 vs 15 and 9 vs 8), when they cannot both be true; a count the sentence
    gives under no noun of the claim's, against its counts of other nouns (a rival found
    through an anchor of another noun: "a 42,000-seat stadium" for "40,000 spectators");
    a claim's count of one side of a vote or of its margin against the sentence's tally
    (agent.text.tallies). Counts of two sites are no rivals (agent.text.measured.sites_apart:
    "230 jobs at the Millhaven plant" / "all 410 jobs at the Corsley Bridge site")."""
    decided, out = vote_conflicts(analyze(claim), analyze(sentence))  # "4 against"
    claimed = [q for q in analyze(claim).quantities if not any(q is d for d in decided)]
    given = analyze(sentence).quantities  # and "two-thirds of its 3.6 million" as 2.4m
    found = [g for g in (*given, *shares_of_wholes(sentence, given)) if g.kind in MEASURE_KINDS]
    for q in claimed:
        same = [g for g in found if comparable_measure(q, g)
                and not gives_another(g, q, claimed) and not sites_apart(q, claim, g, sentence)]
        if not same and q.kind == "count":  # a rival under another noun (figure_disputes)
            same = [g for g in found if comparable_measure(replace(q, head=g.head), g)
                    and not gives_another(g, q, claimed)
                    and not sites_apart(q, claim, g, sentence)]
        if same and not any(q.agrees(g) for g in same):
            near = min(same, key=lambda g: abs(math.log(abs(g.value) / abs(q.value))))
            out.append(figure_conflict(q, [near]))
    return out
