"""Retrieval: reciprocal rank fusion and duplicate suppression (fakes, no model)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from agent.ingest.corpus import Corpus
from agent.ingest.dedup import jaccard, shingles
from agent.ingest.pipeline import ingest
from agent.retrieval.evidence import answer_type_match, asked_kind, candidate_sentences
from agent.retrieval.retrieve import (
    COPY_CONTAINMENT,
    NEAR_DUPLICATE_JACCARD,
    RRF_K,
    Retriever,
    keyword_index,
    rrf_fuse,
)
from agent.types import Hit
from vectorstore.memory_store import InMemoryStore

if TYPE_CHECKING:
    from conftest import FakeEmbedder


@pytest.fixture
def retriever(tmp_path: Path, seeds_dir: Path, fake_embedder: type[FakeEmbedder]) -> Retriever:
    corpus = Corpus(tmp_path / "data")
    store, sentences, emb = InMemoryStore(), InMemoryStore(), fake_embedder()
    ingest([seeds_dir], corpus, store, emb, sentence_store=sentences)
    return Retriever(corpus, store, emb, keyword_index(corpus, tmp_path / "bm25"), sentences)


def test_rrf_single_ranking_scores() -> None:
    fused = rrf_fuse([["a", "b", "c"]])
    assert [d for d, _ in fused] == ["a", "b", "c"]
    assert fused[0][1] == pytest.approx(1 / (RRF_K + 1))
    assert fused[2][1] == pytest.approx(1 / (RRF_K + 3))


def test_rrf_sums_over_rankings_and_agreement_wins() -> None:
    fused = dict(rrf_fuse([["a", "b", "c"], ["c", "b", "d"]], k=10))
    assert fused["b"] == pytest.approx(2 / 12)
    assert fused["c"] == pytest.approx(1 / 13 + 1 / 11)
    assert fused["a"] == pytest.approx(1 / 11)
    assert fused["d"] == pytest.approx(1 / 13)
    order = [d for d, _ in rrf_fuse([["a", "b", "c"], ["c", "b", "d"]], k=10)]
    assert order == ["c", "b", "a", "d"]  # 1/11 + 1/13 edges out 2/12


def test_rrf_ties_break_by_id_and_empty_input() -> None:
    assert [d for d, _ in rrf_fuse([["y"], ["x"]])] == ["x", "y"]
    assert rrf_fuse([]) == []
    assert rrf_fuse([[], []]) == []


def _dup_pair(corpus: Corpus) -> tuple[str, str]:
    (group,) = corpus.duplicate_groups()
    return group[0], group[1]


def test_search_folds_duplicate_article_into_also_in(retriever: Retriever) -> None:
    corpus = retriever.corpus
    canonical, copy = _dup_pair(corpus)
    # Query with a sentence of the syndicated article: both copies match it equally well.
    sentence = max(corpus.article(canonical).sentences, key=lambda s: len(s.text))
    hits = retriever.search(sentence.text, k=5)
    sources = [h.source for h in hits]
    assert canonical in sources or copy in sources
    assert not (canonical in sources and copy in sources and _same_text(hits))
    top = next(h for h in hits if h.source in (canonical, copy))
    assert ({canonical, copy} - {top.source}) <= set(top.also_in)


def test_a_copy_ranked_first_cites_the_original_it_copies(retriever: Retriever) -> None:
    # a newcomer trial: an answer cited the syndicated copy, not the outlet it copies
    corpus = retriever.corpus
    canonical, copy = _dup_pair(corpus)
    copy_chunk = next(c for c in corpus.chunks() if c.article_id == copy)
    marked = [sid for sid in copy_chunk.sentence_ids if corpus.sentence(sid).duplicate_of]
    hit = Hit(chunk_id=copy_chunk.id, source=copy, doc_id=copy_chunk.doc_id,
              text=copy_chunk.text, start=copy_chunk.start, end=copy_chunk.end, score=0.5)
    found = candidate_sentences([hit], corpus)
    first, also = found[0]
    assert marked and first.id == corpus.sentence(marked[0]).duplicate_of
    assert first.article_id == canonical and also == [copy]


def _same_text(hits: list[Hit]) -> bool:
    sh = [shingles(h.text) for h in hits]
    return any(
        jaccard(sh[i], sh[j]) >= NEAR_DUPLICATE_JACCARD
        for i in range(len(sh))
        for j in range(i + 1, len(sh))
    )


@pytest.mark.parametrize(
    "query",
    [
        "troops sent to the border",
        "cartels designated as terrorist organizations",
        "tariffs on imports paused",
    ],
)
def test_no_two_hits_are_near_duplicates(retriever: Retriever, query: str) -> None:
    hits = retriever.search(query, k=8)
    assert hits
    assert not _same_text(hits)
    assert len({h.chunk_id for h in hits}) == len(hits)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    for h in hits:  # offsets point at the chunk in the document text
        text = retriever.corpus.text(h.doc_id)
        assert 0 <= h.start < h.end <= len(text)


def test_sources_filter_restricts_hits(retriever: Retriever) -> None:
    corpus = retriever.corpus
    only = corpus.articles()[0].id
    hits = retriever.search("border troops tariffs", k=5, sources=[only])
    assert hits and {h.source for h in hits} == {only}


def test_chunk_missing_from_registry_is_skipped(retriever: Retriever) -> None:
    ghost = np.ones(384, dtype=np.float32)
    retriever.store.upsert(  # type: ignore[attr-defined]
        ["ghost:c0"],
        ["ghost text"],
        ghost[None, :] / np.linalg.norm(ghost),
        [{"doc_id": "ghost", "article_id": "ghost"}],
    )
    hits = retriever.search("ghost text", k=5, vec=ghost)
    assert "ghost" not in {h.source for h in hits}


@pytest.mark.integration
@pytest.mark.parametrize(
    "question",
    [
        "How many troops did Mexico send to its border?",
        "Why did Sheinbaum reject the offer of US troops?",
        "When were cartels designated as foreign terrorist organizations?",
    ],
)
def test_real_search_has_no_duplicate_text(seeds_dir: Path, question: str) -> None:
    from agent.app import App
    from agent.settings import load_settings
    from agent.text.normalize import normalize_for_match

    app = App(load_settings())
    if app.corpus.records() == []:
        assert app.ingest([seeds_dir]).documents == 5
    hits = app.search(question, 5)
    assert len(hits) == 5
    norm = [normalize_for_match(h.text) for h in hits]
    assert len(set(norm)) == len(norm)
    assert not _same_text(hits)
    sources = {h.source for h in hits}
    for h in hits:
        canonical = app.corpus.canonical(h.source)
        assert canonical == h.source or canonical not in sources, (h.source, canonical)


def test_evidence_reads_stored_sentence_vectors_instead_of_re_embedding(
    tmp_path: Path, seeds_dir: Path, fake_embedder: type[FakeEmbedder]
) -> None:
    from agent.retrieval.evidence import gather_evidence

    corpus = Corpus(tmp_path / "data")
    store, sentences, emb = InMemoryStore(), InMemoryStore(), fake_embedder()
    ingest([seeds_dir], corpus, store, emb, sentence_store=sentences)
    retriever = Retriever(corpus, store, emb, keyword_index(corpus, tmp_path / "bm25"), sentences)
    emb.texts = 0
    stored = gather_evidence("troops border February", retriever, k=8)
    assert emb.texts == 1  # only the query: every candidate sentence's vector was stored
    # Same scores as when every candidate is embedded afresh (no sentence index to read).
    fresh = Retriever(corpus, store, emb, keyword_index(corpus, tmp_path / "bm25"), None)
    again = gather_evidence("troops border February", fresh, k=8)
    assert emb.texts > 2
    assert [(e.sentence.id, e.score) for e in stored.items] == [
        (e.sentence.id, e.score) for e in again.items
    ]


def test_a_figure_in_words_answers_how_many() -> None:
    # The answer type reads the shared sentence analysis, so a number written in words is
    # a figure too (the extractive fallback skipped "Forty residents ...").
    question = "How many residents were moved out?"
    assert answer_type_match(question, "Forty residents of the care home were moved out.")
    assert answer_type_match(question, "Twenty-two residents were moved out.")
    assert answer_type_match(question, "About 40 residents were moved out.")
    assert not answer_type_match(question, "Residents of the care home were moved out.")
    assert answer_type_match("Who moved the residents?", "Forty were moved.") is None


@pytest.mark.unit
@pytest.mark.parametrize(("question", "sentence", "answers"), [
    # dev kelderby q11: "Friday's rescue was its 87th call-out" had answered it
    ("At what time was the alarm raised?", "Friday's rescue was its 87th call-out.", False),
    ("At what time was the alarm raised?", "The alarm was raised at about 3.20pm.", True),
    ("What time did the ferry leave Hull?", "It left shortly after 22:15 on Sunday.", True),
    ("What time did the ferry leave Hull?", "It left Hull on Sunday 4 May.", False),
    ("At what hour was the station busiest?", "It was busiest at 6pm.", True),
    # a season or a frame is no time of day, and a plain *when* takes a day
    ("What time of year do the terns nest?", "They nest in May.", True),
    ("When was the alarm raised?", "The alarm was raised on Friday.", True),
])
def test_a_question_asking_the_time_of_day_takes_a_clock_time(
    question: str, sentence: str, answers: bool
) -> None:
    assert answer_type_match(question, sentence) is answers


@pytest.mark.parametrize(
    "sentence",
    [
        "She said the hoard was probably buried around AD 410, in the final years of Roman rule.",
        "The coins were buried at the start of the 5th century.",
        "The jar was hidden in the fifth century.",
        "The mill closed in the 1990s.",
        "The plan was dropped two weeks ago.",
        "The vote is tomorrow night.",
    ],
)
def test_a_when_answer_may_give_an_era_a_century_or_a_relative_time(sentence: str) -> None:
    assert answer_type_match("When was the hoard buried?", sentence)
    assert not answer_type_match("When was the hoard buried?", "A farmer buried the hoard.")


def test_which_town_or_hospital_asks_for_a_place() -> None:

    assert asked_kind("In which town did the tribunal sit?") == "place"
    question = "Which hospital were the injured walkers taken to?"
    assert asked_kind(question) == "place"
    assert answer_type_match(question, "They were airlifted to Carnholme General Hospital.")
    assert not answer_type_match(question, "They were airlifted by helicopter.")
    assert asked_kind("Which company won the contract?") is None


def test_a_copy_cut_at_other_offsets_is_one_hit(
    tmp_path: Path, fake_embedder: type[FakeEmbedder]
) -> None:
    """Found by a newcomer on a new story: a syndicated copy that drops one sentence and adds
    another has every later chunk cut at other offsets than its original's, so the two were
    two of the top four hits for one passage. A copy's chunk mostly inside a kept chunk of
    its original folds into it."""
    from agent.ingest.dedup import containment

    facts = [f"The {w} committee of Harrowgate council met {n} times in the spring to weigh "
             f"the {w} budget plan for the town." for w, n in (
                 ("roads", 3), ("parks", 4), ("schools", 5), ("housing", 6), ("libraries", 7),
                 ("transport", 8), ("waste", 9), ("leisure", 10), ("planning", 11),
                 ("finance", 12), ("health", 13), ("culture", 14))]
    wire = "\n".join(facts)
    added = ("Two of the members, both first elected to the council in 2019 after a campaign "
             "over the closure of the Harrowgate swimming baths, live in the village of Ashby "
             "and travel in for every meeting.")
    copy = "\n".join([facts[0], *facts[2:7], added, *facts[7:]])
    folder = tmp_path / "in"
    folder.mkdir()
    for name, outlet, body in (("a", "Vale Wire", wire), ("b", "Ashby Courier", copy)):
        (folder / f"{name}.txt").write_text(
            f"Harrowgate committees meet\nBy Ann Lee\n12 May 2026\n{outlet}\n\n{body}\n")
    corpus = Corpus(tmp_path / "data")
    store, sentences, emb = InMemoryStore(), InMemoryStore(), fake_embedder()
    ingest([folder], corpus, store, emb, sentence_store=sentences)
    assert corpus.canonical("b") == "a"
    retriever = Retriever(corpus, store, emb, keyword_index(corpus, tmp_path / "bm25"),
                          sentences)
    hits = retriever.search("finance committee budget", k=8)
    assert {h.source for h in hits} >= {"a", "b"}  # the copy's added sentence is its own
    originals = [shingles(h.text) for h in hits if h.source == "a"]
    for h in hits:
        if h.source == "b":
            assert all(containment(shingles(h.text), o) < COPY_CONTAINMENT
                       for o in originals), h.text


@pytest.mark.parametrize(("question", "kind"), [
    # a newcomer's "What was the lost payload worth?" got one outlet's value, where "How
    # much was it worth?" got both
    ("What was the stolen cargo worth?", "number"),
    ("What did the bridge repairs cost?", "number"),
    ("What will the new stand cost supporters?", "number"),
    ("What is the estimated value of the collection?", "number"),
    ("What did the mayor say about the cost?", None),
    ("What was the mood at the meeting?", None),
])
def test_a_sum_asked_without_how_much_asks_for_a_number(question: str, kind: str | None) -> None:
    assert asked_kind(question) == kind
