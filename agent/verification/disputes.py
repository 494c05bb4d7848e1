"""Story-level disputes as evidence: a claim that takes one side of a figure the outlets give
differently is conflicting (labelling rule 1, evals/stories/README.md).

The pairs a claim part is judged on (agent.verification.verify) are a handful of sentences
near the claim; the story's differences (agent.generation.differences, linked over every body
sentence of the independent outlets, with the rules that keep an outlet that states both
values, a near-miss entity or another count out of them) see the whole story. The verify
stage takes them as typed `Dispute` records, built where the stages are wired (agent.app), so
that verification imports nothing from generation.

On the 33 dev stories' claims, a claim part taking exactly one side of a dispute
(`side_taken`) was labelled conflicting for 69 of 75 claims; on session 30-32's nine stories
it turned 5 wrong verdicts (4 refuted, 1 not_enough_info) into conflicting and no right one
wrong (cached replay, session 36).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from agent.ingest.corpus import Corpus
from agent.retrieval.citations import cited_outlet, make_citation
from agent.text.quantities import Quantity
from agent.types import Sentence
from agent.verification.measures import sentence_figures, terms
from agent.verification.verdicts import GIVES_FIGURE, EvidenceItem, Label

# Content terms (figures aside) a claim part must share with a sentence of the side whose
# value it gives: the figure is of the same thing ("The Corran Star had 212 passengers
# aboard" / "The Corran Star ... with 212 passengers"). At 2, 69 of the 75 dev claims taking
# a side were labelled conflicting; at 3, 54 of 59.
MIN_SHARED_TERMS = 2


@dataclass(frozen=True)
class DisputeSide:
    """One version of a disputed figure: its values (`figures`), the sentences that give it
    (one per outlet) and those outlets' names."""

    figures: tuple[Quantity, ...]
    sentences: tuple[Sentence, ...]
    outlets: tuple[str, ...]


@dataclass(frozen=True)
class Dispute:
    """A figure the story's outlets give differently: `detail` names it for a reader ("the
    number of passengers"), `sides` are its versions (two or more)."""

    detail: str
    sides: tuple[DisputeSide, ...]


def same_value(a: Quantity, b: Quantity) -> bool:
    """One kind and each value inside the other's interval ("about 350" / "roughly 350"; "by
    5pm" is not "by 7.30pm", whose intervals only overlap); a count of a named noun only as
    a count of the same noun."""
    if a.kind != b.kind or (a.kind == "count" and a.head and b.head and a.head != b.head):
        return False
    return b.low <= a.value <= b.high and a.low <= b.value <= a.high


def _gives(part: str, figures: Sequence[Quantity], side: DisputeSide,
           dispute: Dispute) -> bool:
    """Whether the claim part's `figures` include the side's value, given by a sentence of
    the side about the same thing (MIN_SHARED_TERMS shared terms), or the part is so short
    that all its words but its figures' are in one sentence of the dispute ("The shortfall
    is 3.1 million pounds" of "plug a £3.1m hole" / "close a £2.4m shortfall": the sides'
    sentences are one measure already, a council newcomer, session 62)."""
    if not any(same_value(p, q) for p in figures for q in side.figures):
        return False
    words = terms(part)
    told = words - frozenset().union(*(terms(q.said) for q in figures))
    about = bool(told) and any(told <= terms(s.text) for d in dispute.sides
                               for s in d.sentences)
    return any((about or len(words & terms(s.text)) >= MIN_SHARED_TERMS)
               and any(same_value(p, q) for p in figures for q in sentence_figures(s.text))
               for s in side.sentences)


def side_taken(part: str, disputes: Sequence[Dispute]) -> tuple[Dispute, int] | None:
    """The first dispute of which the claim part gives exactly one side's value (`_gives`),
    with that side's index; None when it gives no side's, or several sides' values of one
    dispute (it reports the disagreement rather than taking a side)."""
    figures = sentence_figures(part)
    if not figures:
        return None
    for d in disputes:
        taken = [k for k, side in enumerate(d.sides) if _gives(part, figures, side, d)]
        if len(taken) == 1:
            return d, taken[0]
    return None


def dispute_verdict(
    part: str, disputes: Sequence[Dispute], corpus: Corpus
) -> tuple[Label, str, list[EvidenceItem]] | None:
    """("conflicting", why, evidence) when the claim part takes one side of a dispute
    (`side_taken`): the side's sentences quoted as giving the claim's figure, the other
    sides' as contradicting it; None otherwise."""
    found = side_taken(part, disputes)
    if found is None:
        return None
    dispute, k = found
    items: list[EvidenceItem] = []
    for n, side in enumerate(dispute.sides):
        values = ", ".join(dict.fromkeys(q.said or str(q.value) for q in side.figures))
        for s in side.sentences:
            cite = make_citation(corpus, s.article_id, s.text)
            if cite is not None:
                taken = n == k
                items.append(EvidenceItem(
                    citation=cite, stance="silent" if taken else "refutes",
                    signals=[GIVES_FIGURE if taken else f"gives another value: {values}"],
                    outlet=cited_outlet(corpus, s.article_id, s)))
    others = [o for n, side in enumerate(dispute.sides) if n != k for o in side.outlets]
    why = (f"Sources disagree on {dispute.detail}: {', '.join(dispute.sides[k].outlets)} "
           f"{'gives' if len(dispute.sides[k].outlets) == 1 else 'give'} the claim's value, "
           f"{', '.join(others)} {'gives' if len(others) == 1 else 'give'} another.")
    return "conflicting", why, items
