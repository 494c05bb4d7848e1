"""A sentence that gives its own count of a noun tells that count there, and its count of
another noun is of a part or of something else (agent.verification.measures.counts_alike):
"Seven people, among them two pupils, were taken to hospital" disputes "Four people were
treated in hospital" with 7, not 2. A newcomer's gondola story (session 69) printed
"Outlets differ: Four people were treated in hospital (...) vs 2 pupils". Invented
wordings in other domains."""

from __future__ import annotations

from agent.types import Sentence
from agent.verification.measures import Figure, counts_alike, figures, measure_conflicts


def _s(article: str, text: str) -> Sentence:
    return Sentence(id=f"{article}:0", article_id=article, doc_id=article, start=0,
                    end=len(text), text=text)


def _counts(s: Sentence) -> list[Figure]:
    return [f for f in figures([(s, s.article_id)]) if f.quantity.kind == "count"]


def test_a_part_named_beside_the_whole_is_no_version_of_another_outlets_whole() -> None:
    wire = _s("wire", "Four people were treated in hospital for smoke inhalation after the "
                      "roof fell in, a hospital spokesperson said.")
    paper = _s("paper", "Seven people, among them two Dunmore firefighters, were taken to "
                        "hospital with smoke inhalation after the roof fell in.")
    assert [c.describe() for c in measure_conflicts(wire, paper)] == [
        "number: claim 4 vs source 7"]


def test_counts_of_two_nouns_in_sentences_without_the_others_noun_stay_alike() -> None:
    # "about 300 staff" / "more than 350 workers": neither sentence counts the other's noun
    a = _s("wire", "About 300 staff at the Harlow depot walked out on Monday over pay.")
    b = _s("paper", "More than 350 workers at the Harlow depot walked out on Monday over pay.")
    (x,), (y,) = _counts(a), _counts(b)
    assert counts_alike(x, y)
    # the second sentence counts staff too: its workers are some other count
    c = _s("paper", "About 300 staff walked out at the Harlow depot on Monday, and 60 "
                    "workers at the depot joined them over pay.")
    (_, workers) = _counts(c)
    assert workers.quantity.head == "worker" and not counts_alike(x, workers)
