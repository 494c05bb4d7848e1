"""The one cross-outlet grouping (agent/retrieval/grouping.py) behind story points and compare."""

from __future__ import annotations

import numpy as np

from agent.retrieval.grouping import (
    group_across_outlets,
    leader_groups,
    similarities,
    widest_reach_first,
)


def unit(*rows: list[float]) -> np.ndarray:
    m = np.array(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_in_a_given_order_every_sentence_is_grouped_and_joins_its_closest_leader() -> None:
    # 0 and 1 lead (they are far apart); 2 is near both and closer to 1.
    vecs = unit([1, 0, 0], [0, 1, 0], [0.6, 0.8, 0], [0, 0, 1])
    groups = group_across_outlets(vecs, ["a", "b", "c", "d"], order=[0, 1, 2, 3], threshold=0.5)
    assert [(g.leader, g.members) for g in groups] == [(0, [0]), (1, [1, 2]), (3, [3])]


def test_equal_similarity_goes_to_the_later_leader() -> None:
    sim = np.array([[1.0, 0.0, 0.7], [0.0, 1.0, 0.7], [0.7, 0.7, 1.0]])
    assert [g.members for g in leader_groups(sim, [0, 1, 2], 0.6)] == [[0], [1, 2]]


def test_widest_reach_first_leaves_out_what_no_other_outlet_echoes() -> None:
    # 0, 1 and 2 echo each other across three outlets; 3 and 4 only within outlet d.
    vecs = unit([1, 0.1, 0], [1, 0, 0], [1, -0.1, 0], [0, 1, 0], [0, 1, 0.05])
    outlets = ["a", "b", "c", "d", "d"]
    order = list(widest_reach_first(similarities(vecs), outlets, 0.9))
    assert order == [0, 1, 2]  # ties of reach go to the lowest index
    groups = group_across_outlets(vecs, outlets, threshold=0.9)
    assert [(g.leader, g.members) for g in groups] == [(0, [0, 1, 2])]


def test_no_sentences_no_groups() -> None:
    empty = np.zeros((0, 3), dtype=np.float32)
    assert group_across_outlets(empty, []) == []
    assert group_across_outlets(empty, [], order=[]) == []
