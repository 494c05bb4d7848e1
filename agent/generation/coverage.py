"""The order in which the story summary takes its clusters: budgeted concept coverage.

Clusters ranked by how many outlets carry them (agent.generation.extractive.rank_clusters)
put the story's main event first and then, often, the same event again in other words: a
second and third line that say little new. The summary takes instead, after the top-ranked
cluster, the cluster with the greatest gain: the weight of the concepts its line adds per
word, times the number of outlets that carry the cluster. A concept is a content stem of a
line (agent.text.analysis), weighted by how many outlets' key sentences use it; a concept
already told counts no more. This is the greedy approximation of budgeted maximum coverage
used for extractive multi-document summaries (concepts weighted by document frequency:
Gillick & Favre 2009, "A scalable global model for summarization"; the gain scaled by
cost: Lin & Bilmes 2010), with the issue's own ranking signal, the outlets that carry a
point, kept as a factor.

Chosen on the 33 dev stories' key facts (the summary floor, `sourcebound eval --suite
summary --pipeline floor`): key-fact recall / core-fact recall 0.376 / 0.504 in rank order;
0.400 / 0.517 in this order. Without the outlets factor, 0.392 / 0.454 (the core facts,
told by many outlets, gave way to dense details); with it to the power 0.5 or 1.5, 0.394 /
0.500 and 0.400 / 0.508; keeping the top two clusters first, 0.398 / 0.479 (power 0),
0.404 / 0.512 (0.5), 0.400 / 0.508 (1).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from agent.generation.extractive import Cluster
from agent.text.analysis import analyze
from agent.text.glosses import strip_glosses


def concepts(text: str) -> frozenset[str]:
    """The concepts of a line: its content stems, its bracketed date glosses left out (a
    gloss repeats the line's own day)."""
    return frozenset(analyze(strip_glosses(text)).stems)


def coverage_order(clusters: Sequence[Cluster], line_text: Callable[[Cluster], str]
                   ) -> list[Cluster]:
    """`clusters` (ranked, best first) reordered for the summary: the first as it is, then
    repeatedly the one of greatest gain, the weight of the concepts its line (`line_text`)
    adds per word times its outlets (`Cluster.outlets`), a concept weighing the number of
    outlets whose cluster sentences use it. Ties keep rank order. Same clusters, new order;
    an empty list stays empty."""
    if len(clusters) < 2:
        return list(clusters)
    by_outlet: dict[str, set[str]] = {}
    for c in clusters:
        for s, outlet, _ in c.point.members:
            by_outlet.setdefault(outlet, set()).update(concepts(s.text))
    weight = Counter(t for told in by_outlet.values() for t in told)
    lines = {c.rank: (concepts(line_text(c)), max(1, len(line_text(c).split())))
             for c in clusters}
    first, *left = clusters
    out = [first]
    told = set(lines[first.rank][0])
    while left:
        gains = [sum(weight[t] for t in lines[c.rank][0] - told) / lines[c.rank][1] * c.outlets
                 for c in left]
        best = left[gains.index(max(gains))]  # the first of equals: rank order
        left.remove(best)
        out.append(best)
        told |= lines[best.rank][0]
    return out
