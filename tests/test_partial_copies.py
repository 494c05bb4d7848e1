"""An article that reprints some paragraphs of an earlier one word for word, and writes the
rest itself (a science desk that opens with a wire's first paragraphs): its copied sentences
are the earlier article's (`Sentence.duplicate_of`, agent.ingest.dedup), so the story
summary does not count them as a second outlet's agreement, nor as a side of a difference
(an environment newcomer, session 53, saw "(agreement, 2 outlets)" for one wire sentence).
Fakes: chat model, embedder."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.app import App
from agent.generation.difference_records import corpus_differences

MakeApp = Callable[..., App]

COPIED = ("Rescuers found 41 stranded pilot whales on Kelby Sands on Sunday morning, the "
          "Coastal Wildlife Trust said.")
ARTICLES = {
    "a_wire.txt": ("Whales stranded on Kelby Sands\n\n"
                   f"{COPIED}\n"
                   "Volunteers kept the animals wet until the evening tide refloated most of "
                   "them.\n"
                   "The trust said 29 whales were returned to the sea.\n"),
    "b_science.txt": ("Why pilot whales strand together\n\n"
                      f"{COPIED}\n"
                      "Pilot whales live in tight family pods that follow a leader.\n"
                      "When the leader strands, the rest of the pod often follows it ashore.\n"
                      "Acoustic surveys suggest pods of this size are common in the bay.\n"),
    "c_local.txt": ("Whale rescue on our beach\n\n"
                    "Thirty-one whales were helped back into the water at Kelby Sands, the "
                    "Coastal Wildlife Trust said.\n"
                    "Dog walkers raised the alarm at dawn.\n"),
}


@pytest.mark.integration
def test_a_copied_sentence_is_no_second_outlets_agreement(make_app: MakeApp) -> None:
    app = make_app(ARTICLES)
    science = app.corpus.article("b_science")
    assert science.duplicate_of is None  # a partial copy: an outlet of its own
    (copied,) = [s for s in science.sentences if s.text == COPIED]
    assert copied.duplicate_of is not None and copied.duplicate_of.startswith("a_wire:")
    summarizer = app.summarizer()
    items = summarizer.outlet_sentences()
    assert [s.id for s, _, _ in items if s.text == COPIED] == [copied.duplicate_of]
    # the science desk's own sentences still speak for it
    assert any(s.article_id == "b_science" for s, _, _ in items)
    # the wire's figure has one outlet on its side of the difference: the copy is no side
    sides = [side.outlets for d in corpus_differences(app.corpus) for side in d.sides]
    assert sides, "the wire's 41 and the local site's 31 are a difference"
    assert not [o for o in sides if {"a_wire", "b_science"} <= set(o)]
