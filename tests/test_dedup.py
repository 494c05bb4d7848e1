"""Exact/near duplicate articles and syndicated sentences."""

from __future__ import annotations

import random
import re

import pytest

import agent.ingest.dedup as dedup
from agent.ingest.dedup import (
    NEAR_DUP_THRESHOLD,
    duplicate_groups,
    jaccard,
    mark_duplicates,
    normalize_for_match,
    shingles,
)
from agent.types import Article, Sentence


def make_article(article_id: str, text: str, doc_id: str | None = None) -> Article:
    """An article whose sentences are the '.'-terminated pieces of `text`."""
    doc = doc_id or article_id.split("#")[0]
    sentences = [
        Sentence(
            id=f"{article_id}:{i}",
            article_id=article_id,
            doc_id=doc,
            start=m.start(),
            end=m.end(),
            text=m.group(0),
        )
        for i, m in enumerate(re.finditer(r"[^.]+\.", text))
    ]
    return Article(id=article_id, doc_id=doc, start=0, end=len(text), sentences=sentences)


def prose(seed: int, n_sentences: int = 20) -> str:
    rng = random.Random(seed)
    vocab = [f"w{seed % 7}{i}" for i in range(400)] + ["the", "a", "of", "to", "in"]
    return " ".join(
        " ".join(rng.choice(vocab) for _ in range(rng.randint(8, 16))).capitalize() + "."
        for _ in range(n_sentences)
    )


def test_normalize_for_match() -> None:
    assert normalize_for_match("  “Trump’s”\u00a0 PLAN —\n ok…  ") == '"trump\'s" plan - ok...'


def test_shingles_and_jaccard() -> None:
    a = shingles("one two three four five six")
    assert len(a) == 2
    assert shingles("One  two three four five six") == a  # case and spacing do not matter
    assert len(shingles("too short")) == 1
    assert shingles("") == set()
    assert jaccard(a, a) == 1.0
    assert jaccard(a, shingles("seven eight nine ten eleven")) == 0.0


def test_exact_copy_is_marked_and_earliest_wins() -> None:
    text = prose(1)
    arts = [make_article("a", text), make_article("b#1", text), make_article("c", prose(2))]
    marked = mark_duplicates(arts)
    assert [m.duplicate_of for m in marked] == [None, "a", None]
    assert arts[1].duplicate_of is None  # inputs are not mutated
    assert duplicate_groups(marked) == [["a", "b#1"]]


def test_perturbed_copy_is_a_near_duplicate() -> None:
    text = prose(3, 30)
    words = text.split()
    for i in (10, 100, 200):  # change three words spread through the text
        words[i] = "changed"
    copy = " ".join(words)
    assert NEAR_DUP_THRESHOLD <= jaccard(shingles(text), shingles(copy)) < 1.0
    marked = mark_duplicates([make_article("orig", text), make_article("copy", copy)])
    assert marked[1].duplicate_of == "orig"


def test_half_overlapping_articles_are_not_duplicates() -> None:
    a, b = prose(4, 20), prose(5, 20)
    mixed = " ".join(a.split(". ")[:10]) + " " + " ".join(b.split(". ")[:10])
    marked = mark_duplicates([make_article("a", a), make_article("m", mixed)])
    assert marked[1].duplicate_of is None


def test_copy_of_a_copy_points_to_the_canonical() -> None:
    text = prose(6)
    marked = mark_duplicates([make_article(x, text) for x in ("first", "second", "third")])
    assert [m.duplicate_of for m in marked] == [None, "first", "first"]
    assert duplicate_groups(marked) == [["first", "second", "third"]]


def test_syndicated_sentences_are_marked_across_documents() -> None:
    shared = "Officials said the new bridge will open to traffic next spring."
    a = make_article("docA", f"The mayor spoke on Monday about roads. {shared}")
    b = make_article("docB#2", f"A different story starts here today. {shared.upper()} He said no.")
    marked = mark_duplicates([a, b])
    assert marked[1].duplicate_of is None
    dup_sentences = {s.text.strip(): s.duplicate_of for s in marked[1].sentences}
    assert dup_sentences[shared.upper()] == "docA:1"
    assert dup_sentences["A different story starts here today."] is None
    assert all(s.duplicate_of is None for s in marked[0].sentences)


def test_a_reprint_without_the_wire_dateline_is_a_copy() -> None:
    """A reprint drops the wire's dateline: its sentence repeats the wire's, and a whole
    reprint without it is a copy of the wire article."""
    lede = "About 2,000 fish have been killed after sewage escaped into the river Osk."
    wire = make_article("wire", f"CORLEIGH, England, March 3 (BNA) - {lede} {prose(3, 12)}")
    desk = make_article("desk", f"{lede} Our science editor explains what ammonia does to gills.")
    reprint = make_article("reprint", f"{lede} {prose(3, 12)}")
    other = make_article("other", f"OSK VALLEY - A new footbridge opened over the river. {lede}")
    marked = mark_duplicates([wire, desk, reprint, other])
    assert marked[1].duplicate_of is None
    assert marked[1].sentences[0].duplicate_of == "wire:0"
    assert marked[1].sentences[1].duplicate_of is None
    assert marked[2].duplicate_of == "wire"
    # a dateline opening a sentence of other words makes no copy of it
    assert marked[3].sentences[0].duplicate_of is None
    assert marked[3].sentences[1].duplicate_of == "wire:0"


def test_short_common_sentences_and_duplicate_articles_do_not_seed_marks() -> None:
    base = prose(7)
    only_in_copy = "This closing line appears only in the copied version of it."
    a = make_article("a", base + " He said no.")
    b = make_article("b", base + " " + only_in_copy)  # near copy of a
    c = make_article("c", f"Something else entirely happened in town. {only_in_copy} He said no.")
    marked = mark_duplicates([a, b, c])
    assert marked[1].duplicate_of == "a"
    assert all(s.duplicate_of is None for s in marked[2].sentences)
    # The copy's own sentences point at the canonical article's sentences.
    assert marked[1].sentences[0].duplicate_of == "a:0"


def test_many_articles_scale_and_find_the_planted_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sub-quadratic: only candidates (LSH buckets, shared sentences) get an exact comparison,
    not every pair. (The time it takes on a large corpus is benchmarks/bench_ingest.py's
    `stages.dedup_refresh`.)"""
    arts = [make_article(f"d{i}", prose(1000 + i, 12)) for i in range(1500)]
    planted = arts[10].body.replace("the", "THE")  # a case-only change: exact after normalising
    words = arts[20].body.split()
    words[5] = "edited"
    arts.append(make_article("copy10", planted))
    arts.append(make_article("copy20", " ".join(words)))
    compared: list[float] = []
    similarity = dedup.similarity

    def counting_similarity(a: set[int], b: set[int]) -> float:
        compared.append(score := similarity(a, b))
        return score

    monkeypatch.setattr(dedup, "similarity", counting_similarity)
    marked = mark_duplicates(arts)
    assert {m.id: m.duplicate_of for m in marked if m.duplicate_of} == {
        "copy10": "d10",
        "copy20": "d20",
    }
    # copy10 is caught by its hash, copy20 by one candidate pair; the other ~1.1 million pairs
    # of 1,502 articles are never compared (a few chance LSH collisions at most).
    assert 1 <= len(compared) <= 20, len(compared)
    assert max(compared) >= NEAR_DUP_THRESHOLD


def test_a_paper_crediting_the_wire_in_its_byline_is_its_copy() -> None:
    # a newcomer's paper printed a wire's report "By Hal Ingersby, Meridian Press Agency"
    # with its own edits: 7 of its 12 sentences the wire's, under CONTAINMENT_THRESHOLD
    wire_text, own = prose(8, 12), prose(9, 8)
    half = ". ".join(wire_text.split(". ")[:7]) + ". " + own
    wire = make_article("wire", wire_text).model_copy(update={"outlet": "Isles Wire"})
    paper = make_article("paper", half)
    credited = paper.model_copy(update={"byline": "Ann Lee, Isles Wire"})
    other = paper.model_copy(update={"byline": "Ann Lee, Harwick Gazette"})
    assert mark_duplicates([wire, credited])[1].duplicate_of == "wire"
    assert mark_duplicates([wire, other])[1].duplicate_of is None  # shares, credits none
    assert not dedup.credits("Ann Lee", "Isles Wire")
    assert not dedup.credits("Ann Lee, Isles Wire", None)


def test_a_copys_sentence_with_words_cut_is_the_originals() -> None:
    # a newcomer's syndicated copy (session 69) trimmed clauses of the wire's sentences and
    # was counted as a second outlet for them; a sentence it changed or added stays its own
    wire_text = ("The pier, restored in 2009, drew 300,000 visitors last summer, making it "
                 "the busiest on the coast. Four people were treated in hospital and were "
                 "released on Sunday, a spokesperson for Harlow General said. "
                 "The council said on Monday it had opened an inquiry into the collapse. "
                 + prose(11, 6))
    copy_text = ("The pier, restored in 2009, drew 300,000 visitors last summer. "
                 "Four people were treated in hospital, a Harlow General spokesperson said. "
                 "Five people were treated in hospital, a Harlow General spokesperson said. "
                 "Among the visitors were three families from Dunmore who were unhurt. "
                 "The council said on Monday it had opened an inquiry into the collapse. "
                 + prose(11, 6))
    _, copy = mark_duplicates([make_article("wire", wire_text),
                                  make_article("copy", copy_text)])
    assert copy.duplicate_of == "wire"
    marks = [s.duplicate_of for s in copy.sentences[:5]]
    assert marks == ["wire:0", "wire:1", None, None, "wire:2"]
    # an article that is no copy keeps its own sentences, trimmed or not
    other = make_article("other", "The pier, restored in 2009, drew 300,000 visitors last "
                         "summer. " + prose(12, 10))
    assert mark_duplicates([make_article("wire", wire_text), other])[1].sentences[0] \
        .duplicate_of is None
