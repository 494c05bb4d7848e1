"""Pure metric functions for the eval harness.

Conventions: every function is deterministic and side-effect free; judgements (entailment,
fact presence) are computed elsewhere (LLM verifier or `fact_present`) and passed in. A rate
whose denominator is empty is undefined and returned as `nan`, never as a flattering 0 or 1;
callers print it as "n/a". Rates are fractions in [0, 1], not percentages.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from agent.errors import SourceboundError

NAN = float("nan")


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else NAN


def _ratio(num: int, den: int) -> float:
    return num / den if den else NAN


# --- answer quality -------------------------------------------------------------------------


def fact_recall(judgements: list[list[bool]]) -> float:
    """Mean over items of the share of gold facts judged present in the answer.

    Pass one list per answerable item (one bool per gold fact); items with no gold facts are
    skipped. This is the "key-fact"/nugget recall used in e.g. ASQA-style and TREC nugget
    evaluation: per-item recall, then a macro average so long answers to one question do not
    dominate.
    """
    return _mean([sum(j) / len(j) for j in judgements if j])


@dataclass(frozen=True)
class CitationJudgement:
    """Entailment judgements for one citation of a sentence (ALCE, Gao et al. 2023, §2.3).

    supports_alone: the cited passage by itself entails the sentence.
    rest_support: the sentence's *other* citations, concatenated, still entail it.
    """

    supports_alone: bool
    rest_support: bool


@dataclass(frozen=True)
class SentenceCitations:
    """One answer sentence: does the concatenation of all its citations entail it?"""

    supported_jointly: bool
    citations: list[CitationJudgement] = field(default_factory=list)


def citation_recall_precision(sentences: list[SentenceCitations]) -> tuple[float, float]:
    """ALCE citation recall and precision of one answer (Gao et al. 2023, "Enabling Large
    Language Models to Generate Text with Citations", §2.3, and its reference eval.py).

    Recall: share of sentences whose citations, concatenated, entail the sentence; a sentence
    without citations has recall 0.
    Precision: share of the answer's citations that are not *irrelevant*. A citation is
    irrelevant if (a) it alone does not entail the sentence and (b) the remaining citations
    still entail it. As in the reference code, precision is only credited for sentences whose
    citations jointly entail them: every citation of an unsupported sentence counts as not
    precise; a sole citation of a supported sentence is precise. Precision is 0 for an answer
    that cites nothing. ALCE truncates to the first 3 citations per sentence before judging;
    do that upstream if wanted.

    An answer with no sentences returns (nan, nan); ALCE skips such outputs.
    """
    if not sentences:
        return NAN, NAN
    recall_hits, precision_hits = alce_units(sentences)
    recall = sum(recall_hits) / len(recall_hits)
    precision = sum(precision_hits) / len(precision_hits) if precision_hits else 0.0
    return recall, precision


def alce_units(sentences: list[SentenceCitations]) -> tuple[list[bool], list[bool]]:
    """The units ALCE's recall and precision average, for one answer: one bool per sentence
    (its citations jointly entail it) and one per citation (it is not irrelevant), under the
    rules of `citation_recall_precision`."""
    recall_hits: list[bool] = []
    precision_hits: list[bool] = []
    for s in sentences:
        ok = bool(s.citations) and s.supported_jointly
        recall_hits.append(ok)
        if not ok:
            precision_hits += [False] * len(s.citations)
        elif len(s.citations) == 1:
            precision_hits.append(True)
        else:
            precision_hits += [c.supports_alone or not c.rest_support for c in s.citations]
    return recall_hits, precision_hits


def alce_citation_scores(answers: list[list[SentenceCitations]]) -> tuple[float, float]:
    """Corpus-level ALCE citation (recall, precision): per-answer scores, macro-averaged over
    answers that have at least one sentence (as eval.py does)."""
    scores = [citation_recall_precision(a) for a in answers if a]
    return _mean([r for r, _ in scores]), _mean([p for _, p in scores])


def judge_sentence_citations(
    sentence: str, passages: list[str], entails: Callable[[str, str], bool]
) -> SentenceCitations:
    """Build ALCE judgements with an entailment callable `entails(premise, hypothesis)`.

    Mirrors ALCE's call pattern: the per-citation checks run only when a sentence with several
    citations is jointly supported, and the leave-one-out check only when the citation alone
    fails, so an expensive judge is called as rarely as the paper's procedure requires.
    """
    if not passages:
        return SentenceCitations(supported_jointly=False)
    joint = entails("\n".join(passages), sentence)
    if not joint or len(passages) == 1:
        # Per-citation fields are unused for these cases; filled consistently for reports.
        return SentenceCitations(joint, [CitationJudgement(joint, False) for _ in passages])
    judged: list[CitationJudgement] = []
    for i, passage in enumerate(passages):
        alone = entails(passage, sentence)
        rest = False if alone else entails("\n".join(passages[:i] + passages[i + 1 :]), sentence)
        judged.append(CitationJudgement(alone, rest))
    return SentenceCitations(True, judged)


def faithfulness(judgements: list[list[bool]]) -> float:
    """RAGAS faithfulness (Es et al. 2023, "RAGAS: Automated Evaluation of Retrieval Augmented
    Generation", §3): per answer F = |V| / |S|, the share of the answer's extracted statements
    S that the retrieved context supports (V); averaged over answers. Answers with no
    statements are skipped (RAGAS yields NaN for them)."""
    return _mean([sum(j) / len(j) for j in judgements if j])


class CitationLike(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def quote(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "´": "'", "`": "'",
                              "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"'})


def normalize_quote_text(text: str) -> str:
    """Collapse whitespace runs and map typographic quote marks to ASCII ones."""
    return " ".join(text.translate(_QUOTE_MARKS).split())


def _source_text(text_of: Callable[[str], str], source: str) -> str | None:
    try:
        return text_of(source)
    except (LookupError, ValueError, OSError, SourceboundError):
        # An unresolvable source is an invalid citation, not a crash of the whole eval.
        return None


def quote_validity(citations: Sequence[CitationLike], text_of: Callable[[str], str]) -> float:
    """Share of citations whose quote is exactly `text_of(source)[start:end]` (the project's
    citation contract, see agent.types.Citation). `text_of` returns the text the offsets index
    (the document text). nan when there are no citations."""
    ok = 0
    for c in citations:
        text = _source_text(text_of, c.source)
        ok += text is not None and 0 <= c.start <= c.end and text[c.start : c.end] == c.quote
    return _ratio(ok, len(citations))


def quote_presence(citations: Sequence[CitationLike], text_of: Callable[[str], str]) -> float:
    """Share of citations whose quote occurs anywhere in the source after whitespace and
    quote-mark normalisation (offsets ignored): separates "quote invented" from "offsets
    wrong". Empty quotes count as absent. nan when there are no citations."""
    ok = 0
    for c in citations:
        text = _source_text(text_of, c.source)
        quote = normalize_quote_text(c.quote)
        ok += bool(quote) and text is not None and quote in normalize_quote_text(text)
    return _ratio(ok, len(citations))


# --- abstention and verdicts -----------------------------------------------------------------


def abstention_rates(pred_abstained: list[bool], answerable: list[bool]) -> dict[str, float]:
    """Abstention as a detection task for unanswerable questions (as in SQuAD 2.0-style
    no-answer evaluation): recall of abstention on unanswerable items, false abstention rate on
    answerable items, and precision of abstention (share of abstentions that were right)."""
    if len(pred_abstained) != len(answerable):
        raise ValueError(f"length mismatch: {len(pred_abstained)} vs {len(answerable)}")
    pairs = list(zip(pred_abstained, answerable, strict=True))
    n_unans = sum(1 for _, a in pairs if not a)
    n_ans = len(pairs) - n_unans
    n_abst = sum(1 for p, _ in pairs if p)
    true_abst = sum(1 for p, a in pairs if p and not a)
    false_abst = sum(1 for p, a in pairs if p and a)
    return {
        "abstain_recall": _ratio(true_abst, n_unans),
        "false_abstention_rate": _ratio(false_abst, n_ans),
        "abstain_precision": _ratio(true_abst, n_abst),
        "n_answerable": float(n_ans),
        "n_unanswerable": float(n_unans),
        "n_abstained": float(n_abst),
    }


@dataclass(frozen=True)
class VerdictScores:
    n: int
    accuracy: float
    per_label_recall: dict[str, float]
    balanced_accuracy: float
    # confusion[gold][pred] = count; predictions outside the gold label set get their own column.
    confusion: dict[str, dict[str, int]]


def verdict_scores(gold: list[str], pred: list[str]) -> VerdictScores:
    """Claim-verdict accuracy, per-label recall and balanced accuracy. Balanced accuracy is
    the mean per-label recall over the labels present in gold, as LLM-AggreFact reports it
    (Tang et al. 2024, "MiniCheck"), so a majority-label guesser does not look good."""
    if len(gold) != len(pred):
        raise ValueError(f"length mismatch: {len(gold)} gold vs {len(pred)} predicted")
    labels = sorted(set(gold))
    columns = sorted(set(gold) | set(pred))
    counts = Counter(zip(gold, pred, strict=True))
    confusion = {g: {p: counts[(g, p)] for p in columns} for g in labels}
    per_label = {g: confusion[g][g] / sum(confusion[g].values()) for g in labels}
    correct = sum(1 for g, p in zip(gold, pred, strict=True) if g == p)
    return VerdictScores(
        n=len(gold),
        accuracy=_ratio(correct, len(gold)),
        per_label_recall=per_label,
        balanced_accuracy=_mean(list(per_label.values())),
        confusion=confusion,
    )


# --- retrieval --------------------------------------------------------------------------------


def recall_at_k(
    retrieved: list[list[str]],
    gold: list[list[str]],
    k: int,
    canonical: Callable[[str], str] | None = None,
) -> float:
    """Share of an item's gold sources found among the first k retrieved ids, averaged over
    items that have gold sources (standard recall@k, e.g. BEIR). `canonical` maps duplicate
    copies to one id (e.g. a syndicated copy to the first one) before comparing."""
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    if len(retrieved) != len(gold):
        raise ValueError(f"length mismatch: {len(retrieved)} vs {len(gold)}")
    norm = canonical or (lambda s: s)
    scores = []
    for got, want in zip(retrieved, gold, strict=True):
        wanted = {norm(s) for s in want}
        if wanted:
            top = {norm(s) for s in got[:k]}
            scores.append(len(wanted & top) / len(wanted))
    return _mean(scores)


# --- statistics -------------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0..100) with linear interpolation between closest ranks, equal to
    numpy.percentile(values, p) with the default method="linear". nan for no values."""
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be in [0, 100], got {p}")
    xs = sorted(values)
    if not xs:
        return NAN
    h = (len(xs) - 1) * p / 100
    lo = math.floor(h)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])
