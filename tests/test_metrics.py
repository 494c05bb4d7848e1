"""Metric functions on small hand-computed cases, including empty and degenerate inputs."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import pytest

from agent.errors import StoreError
from evals.fact_judge import fact_present, fact_wordings
from evals.metrics import (
    CitationJudgement,
    SentenceCitations,
    abstention_rates,
    alce_citation_scores,
    citation_recall_precision,
    fact_recall,
    faithfulness,
    judge_sentence_citations,
    percentile,
    quote_presence,
    quote_validity,
    recall_at_k,
    verdict_scores,
)

CJ = CitationJudgement
SC = SentenceCitations


# --- fact recall / faithfulness -----------------------------------------------------------------


def test_fact_recall_macro_averages_items() -> None:
    # item 1: 1/2, item 2: 3/3, unanswerable item (no facts) skipped -> (0.5 + 1) / 2
    assert fact_recall([[True, False], [True, True, True], []]) == pytest.approx(0.75)


def test_fact_recall_empty_is_undefined() -> None:
    assert math.isnan(fact_recall([]))
    assert math.isnan(fact_recall([[], []]))


def test_faithfulness_is_mean_of_supported_share() -> None:
    # 2/4 and 1/1; the answer with no statements is skipped
    assert faithfulness([[True, True, False, False], [True], []]) == pytest.approx(0.75)
    assert math.isnan(faithfulness([]))
    assert faithfulness([[False, False]]) == 0.0


# --- ALCE citations ---------------------------------------------------------------------------


def test_alce_single_citations() -> None:
    sentences = [
        SC(True, [CJ(True, False)]),  # supported, citation precise
        SC(False, [CJ(False, False)]),  # unsupported: recall 0, citation imprecise
        SC(False, []),  # no citation: recall 0, adds nothing to precision's denominator
    ]
    recall, precision = citation_recall_precision(sentences)
    assert recall == pytest.approx(1 / 3)
    assert precision == pytest.approx(1 / 2)


def test_alce_irrelevant_citation_needs_both_conditions() -> None:
    # One sentence, jointly supported, three citations:
    #  c1 supports alone -> relevant
    #  c2 fails alone, rest still supports -> irrelevant (the only one)
    #  c3 fails alone, rest does not support -> needed jointly -> relevant
    s = SC(True, [CJ(True, True), CJ(False, True), CJ(False, False)])
    recall, precision = citation_recall_precision([s])
    assert recall == 1.0
    assert precision == pytest.approx(2 / 3)


def test_alce_unsupported_sentence_makes_all_its_citations_imprecise() -> None:
    unsupported = SC(False, [CJ(True, True), CJ(False, False)])  # fields ignored when unsupported
    supported = SC(True, [CJ(True, False), CJ(True, False)])
    recall, precision = citation_recall_precision([unsupported, supported])
    assert recall == 0.5
    assert precision == pytest.approx(2 / 4)


def test_alce_edge_cases() -> None:
    assert all(math.isnan(x) for x in citation_recall_precision([]))
    # no citations at all: recall 0, precision 0 (as ALCE's eval.py)
    assert citation_recall_precision([SC(False, []), SC(False, [])]) == (0.0, 0.0)


def test_alce_corpus_scores_macro_average_and_skip_empty_answers() -> None:
    a1 = [SC(True, [CJ(True, False)])]  # (1, 1)
    a2 = [SC(True, [CJ(True, False)]), SC(False, [CJ(False, False)])]  # (0.5, 0.5)
    recall, precision = alce_citation_scores([a1, a2, []])
    assert recall == pytest.approx(0.75) and precision == pytest.approx(0.75)


def test_judge_sentence_citations_follows_alce_call_pattern() -> None:
    passages = {"P1": "alpha", "P2": "beta", "P3": "gamma"}
    calls: list[str] = []

    def entails(premise: str, hypothesis: str) -> bool:
        calls.append(premise)
        # The sentence needs "alpha" and "gamma" together; "beta" is noise.
        return "alpha" in premise and "gamma" in premise

    judged = judge_sentence_citations("s", list(passages.values()), entails)
    assert judged.supported_jointly
    # alpha: fails alone, rest (beta+gamma) fails -> needed; beta: fails alone, rest holds
    # -> irrelevant; gamma: needed.
    assert judged.citations == [CJ(False, False), CJ(False, True), CJ(False, False)]
    assert citation_recall_precision([judged]) == (1.0, pytest.approx(2 / 3))
    assert len(calls) == 1 + 3 + 3

    calls.clear()
    unsupported = judge_sentence_citations("s", ["beta", "beta"], entails)
    assert not unsupported.supported_jointly and len(calls) == 1  # no per-citation checks
    assert judge_sentence_citations("s", [], entails) == SC(False, [])


# --- quotes -----------------------------------------------------------------------------------


@dataclass
class Cit:
    source: str
    quote: str
    start: int
    end: int


DOCS = {"d1": "He said “no”  to the\noffer. Then he left."}


def _text_of(source: str) -> str:
    if source == "gone":
        raise StoreError("text snapshot missing")
    return DOCS[source]


def test_quote_validity_exact_offsets() -> None:
    text = DOCS["d1"]
    start = text.index("Then")
    cits = [
        Cit("d1", "Then he left.", start, start + len("Then he left.")),  # exact
        Cit("d1", "Then he left.", start + 1, start + 1 + len("Then he left.")),  # shifted
        Cit("d1", 'He said "no" to the offer.', 0, 26),  # normalised only
        Cit("zz", "anything", 0, 8),  # unknown source
        Cit("gone", "anything", 0, 8),  # source whose text cannot be loaded
    ]
    assert quote_validity(cits, _text_of) == pytest.approx(1 / 5)
    assert quote_presence(cits, _text_of) == pytest.approx(3 / 5)


def test_quote_metrics_reject_invented_and_empty_quotes() -> None:
    cits = [Cit("d1", "He said yes", 0, 11), Cit("d1", "", 0, 0)]
    assert quote_presence(cits, _text_of) == 0.0
    # an empty quote at an empty span is technically exact: offsets are what is checked here
    assert quote_validity(cits, _text_of) == pytest.approx(1 / 2)
    assert math.isnan(quote_validity([], _text_of)) and math.isnan(quote_presence([], _text_of))


# --- abstention ---------------------------------------------------------------------------------


def test_abstention_rates_hand_computed() -> None:
    answerable = [True, True, True, False, False]
    abstained = [False, True, False, True, False]
    r = abstention_rates(abstained, answerable)
    assert r["abstain_recall"] == 0.5  # 1 of 2 unanswerable
    assert r["false_abstention_rate"] == pytest.approx(1 / 3)  # 1 of 3 answerable
    assert r["abstain_precision"] == 0.5  # 1 of 2 abstentions right
    assert (r["n_answerable"], r["n_unanswerable"], r["n_abstained"]) == (3, 2, 2)


def test_abstention_all_abstain_and_none() -> None:
    r = abstention_rates([True] * 3, [True, False, False])
    assert r["abstain_recall"] == 1.0 and r["false_abstention_rate"] == 1.0
    assert r["abstain_precision"] == pytest.approx(2 / 3)
    never = abstention_rates([False, False], [True, True])
    assert math.isnan(never["abstain_recall"]) and math.isnan(never["abstain_precision"])
    assert never["false_abstention_rate"] == 0.0
    with pytest.raises(ValueError):
        abstention_rates([True], [True, False])


# --- verdicts -----------------------------------------------------------------------------------


def test_verdict_scores_hand_computed() -> None:
    gold = ["supported", "supported", "supported", "supported", "refuted", "not_enough_info"]
    pred = ["supported", "supported", "supported", "supported", "supported", "refuted"]
    s = verdict_scores(gold, pred)
    assert s.accuracy == pytest.approx(4 / 6)
    assert s.per_label_recall == {"supported": 1.0, "refuted": 0.0, "not_enough_info": 0.0}
    # balanced accuracy punishes the majority-label guesser: (1 + 0 + 0) / 3
    assert s.balanced_accuracy == pytest.approx(1 / 3)
    assert s.confusion["refuted"]["supported"] == 1
    assert s.confusion["not_enough_info"]["refuted"] == 1
    assert "conflicting" not in s.per_label_recall  # only labels present in gold


def test_verdict_scores_keep_unexpected_predictions_in_confusion() -> None:
    s = verdict_scores(["refuted", "refuted"], ["refuted", "error"])
    assert s.confusion == {"refuted": {"error": 1, "refuted": 1}}
    assert s.balanced_accuracy == 0.5
    empty = verdict_scores([], [])
    assert empty.n == 0 and math.isnan(empty.accuracy) and math.isnan(empty.balanced_accuracy)
    with pytest.raises(ValueError):
        verdict_scores(["refuted"], [])


# --- retrieval ----------------------------------------------------------------------------------


def test_recall_at_k_hand_computed() -> None:
    retrieved = [["a", "x", "b", "c"], ["y", "z"], ["q"]]
    gold = [["a", "b"], ["z"], []]  # third item has no gold: skipped
    assert recall_at_k(retrieved, gold, k=2) == pytest.approx((0.5 + 1.0) / 2)
    assert recall_at_k(retrieved, gold, k=3) == pytest.approx(1.0)
    assert recall_at_k(retrieved, gold, k=1) == pytest.approx(0.5 / 2)


def test_recall_at_k_maps_duplicate_copies() -> None:
    def canon(s: str) -> str:
        return s.replace("#2", "#1")

    assert recall_at_k([["doc#2"]], [["doc#1"]], k=1) == 0.0
    assert recall_at_k([["doc#2"]], [["doc#1"]], k=1, canonical=canon) == 1.0


def test_recall_at_k_edge_cases() -> None:
    assert math.isnan(recall_at_k([], [], k=5))
    assert recall_at_k([[]], [["a"]], k=5) == 0.0
    with pytest.raises(ValueError):
        recall_at_k([["a"]], [["a"]], k=0)


# --- statistics ---------------------------------------------------------------------------------


def test_percentile_linear_interpolation() -> None:
    values = [4.0, 1.0, 3.0, 2.0]
    assert percentile(values, 50) == pytest.approx(2.5)
    assert percentile(values, 90) == pytest.approx(3.7)  # h = 3 * 0.9 = 2.7 -> 3 + 0.7
    assert percentile(values, 0) == 1.0 and percentile(values, 100) == 4.0
    assert percentile([7.0], 90) == 7.0
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError):
        percentile(values, 101)


def test_percentile_matches_numpy() -> None:
    np = pytest.importorskip("numpy")
    rng = random.Random(7)
    for n in (1, 2, 5, 13, 100):
        values = [rng.uniform(0, 10) for _ in range(n)]
        for p in (0, 10, 50, 90, 99, 100):
            assert percentile(values, p) == pytest.approx(float(np.percentile(values, p)))


# --- lexical fact judge -------------------------------------------------------------------------


def test_fact_present_paraphrase_with_inflections() -> None:
    fact = "The committee rejected the proposal to build a bridge."
    assert fact_present(fact, "A proposal for a new bridge was rejected by the committee.")
    assert fact_present(fact, "The committee's rejection of the bridge proposal was final.")
    assert not fact_present(fact, "The weather was fine and the market opened late.")


def test_fact_present_requires_exact_numbers() -> None:
    fact = "The city hired 1,200 teachers in 2023."
    assert fact_present(fact, "In 2023 the city hired 1200 new teachers.")
    assert not fact_present(fact, "In 2023 the city hired 1,300 teachers.")
    assert not fact_present(fact, "The city hired 1,200 teachers in 2022.")
    assert fact_present("A 25% levy on steel.", "They put a 25 % levy on steel.")


def test_fact_present_threshold_and_degenerate_facts() -> None:
    fact = "alpha beta gamma delta epsilon"
    answer = "alpha beta gamma"
    assert fact_present(fact, answer, threshold=0.6)
    assert not fact_present(fact, answer, threshold=0.8)
    assert fact_present("42", "the answer is 42") and not fact_present("42", "the answer")
    assert not fact_present("", "anything at all") and not fact_present("  ", "")
    # only stopwords: falls back to a verbatim (normalised, case-insensitive) match
    assert fact_present("He said no.", "Then HE SAID NO. loudly")
    assert not fact_present("He said no.", "no")


def test_fact_present_reads_number_words_and_scales() -> None:
    # Number words and scaled figures are digits on both sides; another figure still fails.
    assert fact_present("Some 10,000 fish are dead.", "Some 10k fish are dead.")
    assert fact_present("A grant of $1.2 million.", "a grant of $1,200,000")
    assert fact_present("He served eight years.", "He served 8 years in the post.")
    assert fact_present("Two grants were frozen.", "The fund froze 2 grants.")
    assert not fact_present("Some 10,000 fish died.", "Some 1,000 fish died.")
    assert not fact_present("Four papers were retracted.", "The papers were retracted.")


def test_fact_present_accepts_any_labelled_wording() -> None:
    # A label's " / " alternatives and bracketed asides are ways to say it, not extra facts.
    assert fact_present("18 months / a year and a half", "He was banned for 18 months.")
    assert fact_present("About 3,000 fish (more than 3,000 recovered by Friday)",
                        "The number of fish killed is around 3,000.")
    assert not fact_present("18 months / a year and a half", "He was banned for two years.")
    assert fact_wordings("18 months / a year and a half (the longest ban)") == [
        "18 months", "a year and a half", "18 months / a year and a half (the longest ban)"]
