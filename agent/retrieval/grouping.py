"""Cross-outlet grouping: sentences that state the same point, by embedding similarity.

One mechanism serves the story summary (agent.generation) and the outlet matrix
(agent.verification.compare): leader grouping. Sentences are taken in a sequence; each joins
the group whose leader it resembles most (cosine >= threshold), or else leads a new group.
Only the sequence differs:
- the story summary passes its sentences in order of centrality, so every sentence ends in
  a group (a single-outlet group is what only one outlet reports);
- compare takes `widest_reach_first`: the sentence that most other outlets echo leads, then
  the sentences near it; sentences no other outlet echoes are left out.

Needs only unit vectors and outlet keys (no corpus, no model), so both stages import it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

# MiniLM cosine at which two sentences state the same point: paraphrases score 0.51-0.76,
# unrelated sentences < 0.15 (offline-stack notes).
SAME_POINT_SIM = 0.62


@dataclass
class Group:
    """Indices of the sentences of one group: `leader` first, then the others in the order
    they joined."""

    leader: int
    members: list[int] = field(default_factory=list)


def similarities(vecs: np.ndarray) -> np.ndarray:
    """Cosine similarity matrix (n, n) of L2-normalised row vectors (n, d)."""
    return np.asarray(vecs @ vecs.T)


def leader_groups(
    sim: np.ndarray, sequence: Iterable[int], threshold: float = SAME_POINT_SIM
) -> list[Group]:
    """Groups in order of creation. Each index of `sequence` joins the group whose leader it
    resembles most (`sim` >= threshold; among equals the later group, as in a running
    `>=` scan) or leads a new one. Indices absent from `sequence` are in no group."""
    groups: list[Group] = []
    leaders: list[int] = []
    for i in map(int, sequence):
        if leaders:
            near = sim[i, leaders]
            best = float(near.max())
            if best >= threshold:
                last = int(np.flatnonzero(near == best)[-1])
                groups[last].members.append(i)
                continue
        leaders.append(i)
        groups.append(Group(leader=i, members=[i]))
    return groups


def widest_reach_first(
    sim: np.ndarray, outlets: Sequence[str], threshold: float = SAME_POINT_SIM
) -> Iterator[int]:
    """Indices for `leader_groups`: the not yet yielded sentence that the most *other*
    outlets echo (cosine >= threshold among sentences not yet yielded; ties: lowest index),
    then every not yet yielded sentence near it in index order; again, until no sentence
    left is echoed by another outlet. Each yielded leader is then near none of the earlier
    leaders, so the sentences yielded after it join its group."""
    keys = np.asarray(outlets)
    done = np.zeros(len(keys), dtype=bool)

    def reach(i: int) -> int:
        """How many other outlets echo sentence i among those not yet yielded."""
        near = np.nonzero((sim[i] >= threshold) & ~done)[0]
        return len({keys[j] for j in near if keys[j] != keys[i]})

    while True:
        reaches = [reach(i) if not done[i] else -1 for i in range(len(keys))]
        i = int(np.argmax(reaches)) if reaches else 0
        if not reaches or reaches[i] < 1:
            return
        near = [int(j) for j in np.nonzero((sim[i] >= threshold) & ~done)[0]]
        done[near] = True
        done[i] = True
        yield i
        yield from (j for j in near if j != i)


def group_across_outlets(
    vecs: np.ndarray,
    outlets: Sequence[str],
    *,
    order: Sequence[int] | None = None,
    threshold: float = SAME_POINT_SIM,
) -> list[Group]:
    """Groups of sentences stating the same point.

    `vecs` (n, d) are L2-normalised sentence embeddings and `outlets` (n) the independent
    outlet of each sentence. With `order` (a permutation of range(n), most central first),
    every sentence is grouped; without it, sentences are taken widest reach first and only
    groups told by two or more outlets are formed. Returns groups in order of creation."""
    sim = similarities(vecs)
    sequence = order if order is not None else widest_reach_first(sim, outlets, threshold)
    return leader_groups(sim, sequence, threshold)
