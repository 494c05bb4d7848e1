"""The sentences of a story that give the count of the vote a claim counts one side of
("Four board members voted against the plan"): each outlet's tally ("voted 9–3", "8–4")
is a rival when its count of that side differs and an anchor when it agrees, as for the
claim's other figures (agent.verification.claim_figures.figure_disputes). Retrieval ranks a
tally's sentence by its other words, which a claim of one side rarely shares ("The Carrow
Valley Health Board voted 8–4 on Thursday to turn Rowan Ward into a midwife-led birth
centre"), so the story is scanned (agent.verification.gather).
"""

from __future__ import annotations

from collections.abc import Sequence

from agent.text.analysis import analyze
from agent.types import Sentence
from agent.verification.measures import MIN_SHARED, overlap, terms


def vote_disputes(claim: str, sentences: Sequence[Sentence]
                  ) -> tuple[list[Sentence], list[Sentence]]:
    """(rivals, anchors) among `sentences` for the vote count `claim` gives (a side, the
    margin or "unanimous", agent.text.tallies): sentences whose vote gives that count,
    otherwise or alike, sharing MIN_SHARED of the claim's terms. A sentence with a year
    the claim does not give is left out: it may tell an earlier vote ("rejected a similar
    plan by 20 votes to 10 in 2022"). Both empty when the claim counts no vote."""
    mine = analyze(claim).vote
    if mine is None or not (mine.said or mine.unanimous):
        return [], []
    claim_terms = terms(claim)
    claim_years = {q.value for q in analyze(claim).quantities if q.kind == "year"}
    rivals: list[Sentence] = []
    anchors: list[Sentence] = []
    for s in sentences:
        found = analyze(s.text)
        theirs = found.vote
        if theirs is None or theirs.margin is None:
            continue  # only a tally counts the vote whole
        if {q.value for q in found.quantities if q.kind == "year"} - claim_years:
            continue
        if overlap(claim_terms, terms(s.text)) < MIN_SHARED:
            continue
        decided, other = mine.compared(theirs)
        if other:
            rivals.append(s)
        elif decided:
            anchors.append(s)
    return rivals, anchors
