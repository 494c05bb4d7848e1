"""A key sentence that opens on "He" or "She" is shown in the story summary with the person
the sentence before names, in an editor's brackets ("[Gareth Pennick] told the chamber
..."), and is quoted verbatim in its citation (agent.text.referents.bracketed_referent,
agent.generation.extractive.Cluster.named): a council newcomer's summary (session 62) left
out both leaders' case, each told after a sentence naming the speaker. Invented articles;
fake chat model and embedder."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from agent.app import App
from agent.generation.extractive import Cluster, rank_clusters
from agent.generation.standalone import stands_alone
from agent.generation.story_points import Point
from agent.generation.story_summary import extractive_line
from agent.generation.summarize import Summarizer
from agent.text.referents import bracketed_referent
from agent.types import Sentence

BEFORE = "Opposition leader Mira Castell hit back at the meeting."
SAID = "She claimed the council had wasted £3m on a failed ferry terminal."
SHOWN = "[Mira Castell] claimed the council had wasted £3m on a failed ferry terminal."


@pytest.mark.unit
@pytest.mark.parametrize(("sentence", "before", "shown"), [
    (SAID, [BEFORE], SHOWN),
    ("He told the chamber that the council had no choice.",
     ["Council leader Tom Rudd spoke first."], "[Tom Rudd] told the chamber that the council "
                                               "had no choice."),
    # "It", no sentence before, or one that names no one: nothing to name
    ("It was the third vote on the ferry.", ["The ferry terminal closed in May."], None),
    (SAID, [], None),
    (SAID, ["The meeting ran for four hours."], None),
])
def test_an_opening_he_or_she_is_named_in_brackets(sentence: str, before: list[str],
                                                   shown: str | None) -> None:
    assert bracketed_referent(sentence, before) == shown


def _s(article: str, text: str, index: int) -> Sentence:
    return Sentence(id=f"{article}:{index}", article_id=article, doc_id=article,
                    start=0, end=len(text), text=text)


@pytest.mark.unit
def test_a_named_opening_stands_alone_and_its_line_shows_the_name() -> None:
    said = _s("a", SAID, 1)
    assert not stands_alone(SAID) and stands_alone(SHOWN)
    cluster = Cluster(Point(members=[(said, "A", 1.0)]), said, 0, named={said.id: SHOWN})
    line = extractive_line(cluster)
    assert line.text == SHOWN and line.cited == [said]


@pytest.mark.unit
def test_a_member_in_its_own_words_speaks_before_a_named_one() -> None:
    said = _s("a", SAID, 1)
    own = _s("b", "Mira Castell said the council had wasted £3m on a failed ferry terminal, "
                  "a claim the leader denied.", 0)
    items = [(said, "A", 1.0), (own, "B", 0.9)]
    vecs = np.array([[1.0, 0.0], [1.0, 0.0]])
    (cluster,) = rank_clusters(items, vecs, named={said.id: SHOWN})
    assert cluster.best == own
    # without its name the pronoun's sentence is no line at all
    assert rank_clusters([(said, "A", 1.0)], vecs[:1]) == []
    assert len(rank_clusters([(said, "A", 1.0)], vecs[:1], named={said.id: SHOWN})) == 1


FERRY = {
    "a_post.txt": ("Ferry row at council\nBy Ann Cole\nMonday 2 November 2026\n"
                   "The Fenwick Post\n\n"
                   "Fenwick council voted to close the ferry terminal on Monday.\n"
                   f"{BEFORE}\n{SAID}\n"
                   "The terminal will shut in the spring.\n"),
}


@pytest.mark.integration
def test_the_story_summary_names_whom_a_quoted_pronoun_stands_for(
    make_app: Callable[..., App],
) -> None:
    app = make_app(FERRY)
    summary = Summarizer(app.corpus, app.embedder, app.llm).story(mode="extractive")
    lines = {s.text: s for s in summary.sentences}
    assert SHOWN in lines
    assert [c.quote for c in lines[SHOWN].citations] == [SAID]
